"""The yearly report (Awb 9:12a; issue 6), for readers and the coordinator: the figures of a
chosen year as tables with bar charts, the coordinator's introduction and closing around them,
as a page to read or print, a PDF, and each table as CSV or XLSX.

The figures come from klachtenloket.services.report; klachtenloket.web.report_tables labels
them once for every form the report takes, so the page and the files always agree."""
from __future__ import annotations

from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forms.report import ReportTextForm, YearForm
from klachtenloket.domain.roles import COORDINATOR, READER
from klachtenloket.services import report
from klachtenloket.web.access import role_required
from klachtenloket.web.organisation import current_organisation
from klachtenloket.web.report_tables import as_csv, as_xlsx, headlines, tables
from views.staff import bp

TEMPLATE = "staff/report/page.html"
PDF_TEMPLATE = "staff/report/pdf.html"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIRST_YEAR = 1900
ENDPOINTS = ("staff.report_text",)


def _paragraphs(value: str) -> list[str]:
    return [part.strip() for part in (value or "").replace("\r\n", "\n").split("\n\n")
            if part.strip()]


def _checked_year(year: int) -> int:
    if not FIRST_YEAR <= year <= date.today().year + 1:
        abort(404)
    return year


def _report(year: int) -> dict:
    org = current_organisation()
    figures = report.build(year, org)
    return {"year": year, "figures": figures, "tables": tables(figures, org),
            "headlines": headlines(figures), "words": report.text_for(year),
            "paragraphs": _paragraphs}


def _page(year: int | None, years: list[int], year_form: YearForm, text_form=None,
          status: int = 200):
    context = _report(year) if year is not None else {"year": None}
    if year is not None and text_form is None and current_user.role == COORDINATOR:
        words = context["words"]
        text_form = ReportTextForm(formdata=None, data={
            "introduction": words.introduction, "closing": words.closing,
            "version": report.version_of(words)})
    return render_template(TEMPLATE, years=years, year_form=year_form, text_form=text_form,
                           **context), status


def _year_form(years: list[int], chosen: str) -> YearForm:
    form = YearForm(formdata=None, data={"jaar": chosen})
    form.jaar.choices = [(str(y), str(y)) for y in years]
    return form


@bp.get("/jaarverslag")
@role_required(COORDINATOR, READER)
def annual_report():
    years = report.years_with_complaints()
    today = date.today()
    # By default last year: the report is written after the year is over.
    default = today.year - 1 if today.year - 1 in years else (years[0] if years else None)
    asked = request.args.get("jaar", "").strip()
    if not asked:
        return _page(default, years, _year_form(years, str(default or "")))
    form = _year_form(years, asked)
    if not asked.isdigit() or int(asked) not in years:
        form.jaar.errors = [_("Choose one of the years in the list")]
        return _page(None, years, form, status=400)
    return _page(int(asked), years, form)


@bp.post("/jaarverslag/<int:year>/tekst")
@role_required(COORDINATOR)
def report_text(year: int):
    _checked_year(year)
    years = report.years_with_complaints()
    form = ReportTextForm()
    if not form.validate_on_submit():
        return _page(year, years, _year_form(years, str(year)), form, status=400)
    try:
        report.save_text(year, form.introduction.data or "", form.closing.data or "",
                         current_user._get_current_object(), form.version.data)
    except report.TextConflict:
        form.refused = _("Someone else saved the texts of this year after you opened this "
                         "page. Your texts are below; the saved ones are in the report. "
                         "Compare them and save again.")
        form.version.data = report.version_of(report.text_for(year))
        return _page(year, years, _year_form(years, str(year)), form, status=409)
    flash(_("The introduction and closing of %(year)d are saved.", year=year), "staff")
    return redirect(url_for(".annual_report", jaar=year, _anchor="texts"), 303)


def stale_text_form():
    """The texts sent after the form's token expired: the page again, with the texts as typed
    and the problem on top (400)."""
    year = _checked_year(request.view_args["year"])
    years = report.years_with_complaints()
    form = ReportTextForm()
    form.validate()     # the token fails again: the form reports it in its error summary
    return _page(year, years, _year_form(years, str(year)), form, status=400)


def _download(body, mimetype: str, name: str):
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _table(year: int, key: str):
    found = next((t for t in _report(year)["tables"] if t.key == key), None)
    if found is None:
        abort(404)
    return found


@bp.get("/jaarverslag/<int:year>/<key>.csv")
@role_required(COORDINATOR, READER)
def report_csv(year: int, key: str):
    table = _table(_checked_year(year), key)
    return _download(as_csv(table), "text/csv; charset=utf-8", f"jaarverslag-{year}-{key}.csv")


@bp.get("/jaarverslag/<int:year>/<key>.xlsx")
@role_required(COORDINATOR, READER)
def report_xlsx(year: int, key: str):
    if key == "alle-tabellen":
        chosen = _report(_checked_year(year))["tables"]
    else:
        chosen = [_table(_checked_year(year), key)]
    return _download(as_xlsx(chosen), XLSX, f"jaarverslag-{year}-{key}.xlsx")


@bp.get("/jaarverslag/<int:year>/jaarverslag.pdf")
@role_required(COORDINATOR, READER)
def report_pdf(year: int):
    import weasyprint     # heavy (and needs Pango): only where a PDF is made
    from weasyprint.urls import URLFetcher

    html = render_template(PDF_TEMPLATE, **_report(_checked_year(year)))
    # Everything is in the HTML: nothing is fetched, no file, no network.
    document = weasyprint.HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=()))
    return _download(document.write_pdf(pdf_variant="pdf/ua-1"), "application/pdf",
                     f"jaarverslag-klachten-{year}.pdf")
