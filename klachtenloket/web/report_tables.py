"""The yearly report's figures (klachtenloket.services.report) as labelled tables: what the
page, the PDF, and each table's CSV and XLSX file show, from one place, so they always agree.

Labels are translated when the tables are made (inside a request or force_locale)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from flask_babel import gettext as _, lazy_gettext as _l, ngettext

from klachtenloket.domain.organisation import Organisation
from klachtenloket.services.report import STATE_KEY, Figures
from klachtenloket.web import labels
from klachtenloket.web.labels import CHANNELS

NOT_RECORDED = _l("Not recorded")
# A complaint that ended without a decision, under its state (services.report.ENDING_OUTCOMES).
ENDINGS = {"withdrawn": _l("Withdrawn (no decision)"),
           "declined": _l("Not handled (declined)"),
           "forwarded": _l("Forwarded (no decision)"),
           "closed": _l("Closed without a decision")}


@dataclass
class Chart:
    """A bar chart of the table's rows: one bar per series (column) and row."""
    series: list[str]                       # the columns shown, e.g. the years
    bars: list[tuple[str, list[int]]]       # (row label, one value per series)

    @property
    def largest(self) -> int:
        return max((v for _label, values in self.bars for v in values), default=0) or 1


@dataclass
class Table:
    key: str                                # in the file names and the page's ids
    caption: str
    head: list[str]                         # head[0] names the column of row headings
    rows: list[list]                        # [row heading, value, value, …]
    foot: list | None = None                # the totals row, like a row
    chart: Chart | None = None
    wide: bool = False                      # text columns: no numeric alignment

    def all_rows(self) -> list[list]:
        return [self.head, *self.rows, *([self.foot] if self.foot else [])]


def _label(value: str) -> str:
    return value or str(NOT_RECORDED)


def outcome_label(key: str, org: Organisation) -> str:
    option = org.outcome(key)
    if option is not None:
        return option.label
    if key.startswith(STATE_KEY):
        state = key[len(STATE_KEY):]
        return str(ENDINGS.get(state, state))
    return key


def _late_label(low: int, high: int | None) -> str:
    if high is None:
        return _("%(days)d days late or more", days=low)
    return _("%(low)d to %(high)d days late", low=low, high=high)


def tables(f: Figures, org: Organisation) -> list[Table]:
    """Every table of the report, in the order of seed 002."""
    y = f.year
    total = _("Total")
    found = []

    # Received, by unit × category.
    rows = []
    for unit in f.units:
        values = [f.by_unit_category.get((unit, c), 0) for c in f.categories]
        if any(values) or unit in org.units:
            rows.append([_label(unit), *values, sum(values)])
    foot = [_("Total received in %(year)d", year=y),
            *[sum(f.by_unit_category.get((u, c), 0) for u in f.units) for c in f.categories],
            f.received]
    found.append(Table("received-units", _("Complaints received in %(year)d by unit and "
                                           "category", year=y),
                       [_("Unit"), *[_label(c) for c in f.categories], total], rows, foot,
                       Chart([str(total)], [(row[0], [row[-1]]) for row in rows])))

    # Received, by municipality, this year and the years before.
    years = [str(year) for year in f.municipality_years]
    rows = [[_label(m), *[f.by_municipality[year].get(m, 0) for year in f.municipality_years]]
            for m in f.municipalities]
    foot = [total, *[sum(f.by_municipality[year].values()) for year in f.municipality_years]]
    found.append(Table("received-municipalities",
                       _("Complaints received by municipality, %(first)d to %(last)d",
                         first=f.municipality_years[-1], last=y),
                       [_("Municipality"), *years], rows, foot,
                       Chart(years, [(row[0], row[1:]) for row in rows])))

    # Received, by channel.
    rows = [[str(CHANNELS.get(c, c)), f.by_channel.get(c, 0)] for c in f.channels]
    found.append(Table("received-channels",
                       _("Complaints received in %(year)d by channel", year=y),
                       [_("Channel"), _("Complaints")], rows, [total, f.received],
                       Chart([str(y)], [(row[0], row[1:]) for row in rows])))

    # Handled, by outcome, this year and the two before.
    years = [str(year) for year in f.outcome_years]
    rows = [[outcome_label(key, org), *[f.by_outcome[year].get(key, 0)
                                        for year in f.outcome_years]]
            for key in f.outcomes]
    foot = [total, *[f.handled[year] for year in f.outcome_years]]
    found.append(Table("handled-outcomes",
                       _("Complaints handled by outcome, %(first)d to %(last)d",
                         first=f.outcome_years[-1], last=y),
                       [_("Outcome"), *years], rows, foot,
                       Chart(years, [(row[0], row[1:]) for row in rows])))

    found.append(Table("handled-procedure",
                       _("Complaints handled in %(year)d by procedure", year=y),
                       [_("Procedure"), _("Complaints")],
                       [[_("Formal"), f.formal], [_("Informal"), f.informal]],
                       [total, f.formal + f.informal]))

    rows = [[_("Decided within the term"), f.within_term], [_("Decided late"), f.late]]
    rows += [[_late_label(low, high), n] for (low, high), n in f.late_buckets()]
    found.append(Table("handled-term",
                       _("Decisions in %(year)d within their term and late", year=y),
                       [_("Decisions"), _("Complaints")], rows, [total, f.decided]))

    found.append(Table("carried-over", _("Complaints carried over, %(year)d", year=y),
                       [_("Complaints"), _("Number")],
                       [[_("Still open on 1 January %(year)d", year=y), f.carried_in],
                        [_("Received in %(year)d", year=y), f.received],
                        [_("Handled in %(year)d", year=y), f.handled[y]],
                        [_("Carried over into %(year)d", year=y + 1), f.carried_over]]))

    found.append(Table("upheld-summaries",
                       _("What the (partly) upheld complaints of %(year)d were about", year=y),
                       [_("Decided on"), _("Outcome"), _("Unit"), _("Category"),
                        _("What it was about")],
                       [[s.handled_on.isoformat(), outcome_label(s.outcome, org),
                         _label(s.unit), _label(s.category), s.text] for s in f.summaries],
                       wide=True))

    # Recurring themes: unit × category over three years, the rows that occur.
    years = [str(year) for year in f.theme_years]
    rows = []
    for unit in f.units:
        for category in f.categories:
            values = [f.themes[year].get((unit, category), 0) for year in f.theme_years]
            if any(values):
                rows.append([f"{_label(unit)} – {_label(category)}", *values])
    found.append(Table("themes", _("Recurring themes: unit and category, %(first)d to "
                                   "%(last)d", first=f.theme_years[-1], last=y),
                       [_("Unit and category"), *years], rows))

    found.append(Table("measures", _("Measures taken after complaints, %(year)d", year=y),
                       [_("Complaint"), _("Measure"), _("Owner"), _("Due"), _("Status")],
                       [[m.reference, m.text, m.owner_name or "–",
                         m.due_on.isoformat() if m.due_on else "–",
                         str(labels.MEASURE_STATUSES.get(m.status, m.status))]
                        for m in f.measures], wide=True))
    return found



def as_csv(table: Table) -> str:
    """The table as CSV (comma, UTF-8 with BOM so spreadsheet programs read ë and ö)."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in table.all_rows():
        writer.writerow([_safe_cell(v) for v in row])
    return "\ufeff" + out.getvalue()


def _safe_cell(value):
    # A text cell starting with = + - @ is a formula to a spreadsheet: quote it away.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def as_xlsx(tables_: list[Table]) -> bytes:
    """One sheet per table: caption, then the table; numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for table in tables_:
        sheet = book.create_sheet(table.key[:31])
        sheet.append([table.caption])
        sheet["A1"].font = Font(bold=True)
        for row in table.all_rows():
            sheet.append([_safe_cell(v) for v in row])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def headlines(f: Figures) -> list[str]:
    """The sentences above the tables, computed (seed 002 states them as claims)."""
    y = f.year
    lines = [ngettext("In %(year)d we received %(num)d complaint.",
                      "In %(year)d we received %(num)d complaints.", f.received, year=y),
             ngettext("In %(year)d we handled %(num)d complaint.",
                      "In %(year)d we handled %(num)d complaints.", f.handled[y], year=y)
             + " " + _("Handled is not the same as received: a complaint received in one "
                       "year can be handled in the next."),
             _("Formal procedure: %(formal)d. Informal procedure (or none): %(informal)d.",
               formal=f.formal, informal=f.informal)]
    if f.decided and not f.late:
        lines.append(_("Every decision (%(num)d) was made within its term.", num=f.decided))
    elif f.late:
        lines.append(_("%(late)d of %(num)d decisions came after their term; the latest "
                       "%(days)d days late.", late=f.late, num=f.decided,
                       days=f.most_days_late))
    lines.append(ngettext("On 31 December %(year)d, %(num)d complaint was still open. It "
                          "carries over into %(next)d.",
                          "On 31 December %(year)d, %(num)d complaints were still open. They "
                          "carry over into %(next)d.", f.carried_over, year=y, next=y + 1))
    return lines
