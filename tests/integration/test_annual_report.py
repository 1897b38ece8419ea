"""The yearly report (Awb 9:12a) counts what the register holds: a small register planted by
hand, every figure of the 2024 report checked — received and handled are different counts, a
complaint still open at the end of the year is carried over, a late decision is counted as
late by how much, and only (partly) upheld complaints give a line for "what was it about"."""
import re
from datetime import date, datetime, time
from html.parser import HTMLParser

import pytest

from tests.conftest import csrf_token
from tests.integration.helpers import error_summary, logged_in, make_staff, registered

YEAR = 2024


def plant(app, staff, received_on, unit, category, municipality, channel="phone", steps=()):
    """A complaint received on `received_on` (backdated, as data taken over from an earlier
    register), classified, and taken through `steps`: (kind, payload, moment) each."""
    from klachtenloket.models import Complaint, Event
    from klachtenloket.services import casework
    from klachtenloket.web.organisation import current_organisation
    complaint = registered(app, staff, received_on=received_on)
    received = datetime.combine(received_on, time(9))
    Complaint.update(received_at=received, channel=channel).where(
        Complaint.id == complaint.id).execute()
    Event.update(at=received).where(Event.complaint == complaint.id).execute()
    complaint = Complaint.get_by_id(complaint.id)
    with app.test_request_context():
        org = current_organisation()
        casework.record(complaint, "classified", {"unit": unit, "category": category,
                                                  "municipality": municipality},
                        staff, org, at=received)
        for kind, payload, moment in steps:
            casework.record(complaint, kind, payload, staff, org, at=moment)
    return Complaint.get_by_id(complaint.id)


def decided(on: date, outcome: str, procedure="informal", summary=""):
    at = datetime.combine(on, time(10))
    return [("acknowledged", {}, at), ("procedure_chosen", {"procedure": procedure}, at),
            ("decided", {"outcome": outcome, "findings": "Onderzocht.", "summary": summary}, at)]


BEJEGENING, INFORMATIE, DUUR = ("Bejegening", "Gebrekkige informatie / nalatigheid",
                                "Afhandelingsduur")


@pytest.fixture
def planted(app):
    """The register of the module docstring; returns the coordinator."""
    coordinator = make_staff("coordinator")
    at = lambda d: datetime.combine(d, time(11))  # noqa: E731
    # Received in 2023, decided in 2024 within its term (due 15 January 2024).
    plant(app, coordinator, date(2023, 12, 4), "Werk", BEJEGENING, "Houten",
          steps=decided(date(2024, 1, 8), "upheld", summary="Er werd niet teruggebeld."))
    # Received and handled in 2024.
    plant(app, coordinator, date(2024, 2, 1), "Werk", BEJEGENING, "Nieuwegein",
          steps=decided(date(2024, 3, 1), "partly_upheld", "formal",
                        summary="Een brief kwam te laat."))
    # Due 12 April 2024, decided 1 May: 19 days late. Not upheld: its line is not published.
    plant(app, coordinator, date(2024, 3, 1), "Inkomen", INFORMATIE, "IJsselstein", "desk",
          steps=decided(date(2024, 5, 1), "not_upheld", summary="Niet te publiceren."))
    plant(app, coordinator, date(2024, 6, 3), "SHV", DUUR, "Lopik", "email",
          steps=[("withdrawn", {}, at(date(2024, 6, 10)))])
    plant(app, coordinator, date(2024, 7, 1), "Werk", BEJEGENING, "Nieuwegein",
          steps=[("declined", {"ground": "older_than_a_year", "reason": "Te oud."},
                  at(date(2024, 7, 5)))])
    # Still open at the end of 2024, and one decided in 2025: both carried over.
    plant(app, coordinator, date(2024, 12, 2), "Bedrijfsvoering", BEJEGENING, "Houten")
    plant(app, coordinator, date(2024, 12, 16), "Inkomensondersteuning", INFORMATIE,
          "Nieuwegein", steps=decided(date(2025, 1, 6), "upheld", summary="Later jaar."))
    # Earlier years: the comparisons.
    plant(app, coordinator, date(2022, 5, 2), "Werk", BEJEGENING, "IJsselstein",
          steps=decided(date(2022, 5, 20), "resolved_by_agreement"))
    plant(app, coordinator, date(2021, 3, 1), "Werk", BEJEGENING, "Houten",
          steps=decided(date(2021, 4, 1), "not_upheld"))
    plant(app, coordinator, date(2023, 6, 1), "Werk", DUUR, "",
          steps=decided(date(2023, 6, 20), "upheld", summary="Vorig jaar."))
    return coordinator


def figures(app, year=YEAR):
    from klachtenloket.services import report
    from klachtenloket.web.organisation import current_organisation
    with app.test_request_context():
        return report.build(year, current_organisation())


def test_received_in_the_year_by_unit_category_municipality_and_channel(app, planted):
    f = figures(app)
    assert f.received == 6
    assert f.by_unit_category == {("Werk", BEJEGENING): 2, ("Inkomen", INFORMATIE): 1,
                                  ("SHV", DUUR): 1, ("Bedrijfsvoering", BEJEGENING): 1,
                                  ("Inkomensondersteuning", INFORMATIE): 1}
    assert f.units == ["Inkomen", "SHV", "Inkomensondersteuning", "Werk", "Bedrijfsvoering"]
    assert f.categories == [BEJEGENING, INFORMATIE, DUUR]
    assert f.by_channel == {"phone": 4, "desk": 1, "email": 1}
    assert f.municipality_years == [2024, 2023, 2022, 2021]
    assert f.by_municipality == {
        # Nieuwegein: the one received in December and decided in 2025 included.
        2024: {"Nieuwegein": 3, "IJsselstein": 1, "Lopik": 1, "Houten": 1},
        2023: {"Houten": 1, "": 1}, 2022: {"IJsselstein": 1}, 2021: {"Houten": 1}}
    # Not recorded comes last, after the organisation's own list.
    assert f.municipalities == ["IJsselstein", "Houten", "Nieuwegein", "Lopik", ""]


def test_handled_counts_the_year_of_the_decision_not_of_receipt(app, planted):
    f = figures(app)
    assert f.outcome_years == [2024, 2023, 2022]
    assert f.handled == {2024: 5, 2023: 1, 2022: 1}
    # Withdrawn by the complainant and declined count under WIL's own outcomes.
    assert f.by_outcome == {2024: {"upheld": 1, "partly_upheld": 1, "not_upheld": 1,
                                   "withdrawn": 1, "not_admissible": 1},
                            2023: {"upheld": 1}, 2022: {"resolved_by_agreement": 1}}
    assert f.formal == 1 and f.informal == 4


def test_the_term_is_a_computed_figure(app, planted):
    f = figures(app)
    assert (f.decided, f.within_term, f.late) == (3, 2, 1)
    assert f.days_late == {19: 1}
    assert f.late_buckets() == [((1, 7), 0), ((8, 14), 0), ((15, 28), 1), ((29, None), 0)]


def test_open_complaints_are_carried_over(app, planted):
    f = figures(app)
    assert f.carried_in == 1       # received December 2023, decided January 2024
    assert f.carried_over == 2     # open, and decided in January 2025
    assert f.carried_in + f.received - f.handled[YEAR] == f.carried_over


def test_what_it_was_about_lists_the_upheld_lines_of_the_year_only(app, planted):
    f = figures(app)
    assert [(s.handled_on, s.outcome, s.text) for s in f.summaries] == [
        (date(2024, 1, 8), "upheld", "Er werd niet teruggebeld."),
        (date(2024, 3, 1), "partly_upheld", "Een brief kwam te laat.")]


def test_themes_put_unit_and_category_of_three_years_side_by_side(app, planted):
    f = figures(app)
    assert f.theme_years == [2024, 2023, 2022]
    assert f.themes[2024][("Werk", BEJEGENING)] == 2
    assert f.themes[2023] == {("Werk", BEJEGENING): 1, ("Werk", DUUR): 1}
    assert f.themes[2022] == {("Werk", BEJEGENING): 1}


def test_an_organisation_without_the_withdrawn_outcome_counts_the_state(app, planted):
    import dataclasses

    from klachtenloket.services import report
    from klachtenloket.web.organisation import current_organisation
    with app.test_request_context():
        org = current_organisation()
        org = dataclasses.replace(org, outcomes=tuple(o for o in org.outcomes
                                                      if o.key != "withdrawn"))
        f = report.build(YEAR, org)
    assert f.by_outcome[YEAR]["state:withdrawn"] == 1
    assert f.outcomes[-1] == "state:withdrawn"


def test_the_years_offered_run_from_the_first_complaint_to_the_last_handled(app, planted):
    from klachtenloket.services import report
    with app.test_request_context():
        assert report.years_with_complaints() == [2025, 2024, 2023, 2022, 2021]


# --- the page and its files -----------------------------------------------------------------

URL = f"/beheer/jaarverslag?jaar={YEAR}"


class _Tables(HTMLParser):
    """Each table's cells (thead, tbody, tfoot rows) by the table's id."""

    def __init__(self):
        super().__init__()
        self.tables, self._table, self._cell = {}, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._table = self.tables.setdefault(dict(attrs)["id"], [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("th", "td") and self._table is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self._table[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def page_tables(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def test_the_page_shows_the_figures_in_tables_with_charts(app, planted):
    client = logged_in(app, planted)
    page = client.get(URL)
    assert page.status_code == 200
    found = page_tables(page.text)
    assert found["received-units"][-1] == ["Totaal ontvangen in 2024", "3", "2", "1", "6"]
    assert found["received-municipalities"][0] == ["Gemeente", "2024", "2023", "2022", "2021"]
    assert ["Nieuwegein", "3", "0", "0", "0"] in found["received-municipalities"]
    assert ["Niet vastgelegd", "0", "1", "0", "0"] in found["received-municipalities"]
    outcomes = found["handled-outcomes"]
    assert ["Ingetrokken", "1", "0", "0"] in outcomes
    assert ["Niet ontvankelijk", "1", "0", "0"] in outcomes
    assert outcomes[-1] == ["Totaal", "5", "1", "1"]
    assert ["Doorgeschoven naar 2025", "2"] in found["carried-over"]
    assert ["15 tot en met 28 dagen te laat", "1"] in found["handled-term"]
    summaries = [row[-1] for row in found["upheld-summaries"][1:]]
    assert summaries == ["Er werd niet teruggebeld.", "Een brief kwam te laat."]
    # Each chart is an image whose text alternative is its table.
    assert page.text.count('<svg role="img" aria-label=') >= 4
    assert 'style=' not in page.text and "<style" not in page.text
    # The year form offers the years with complaints.
    assert '<option value="2021">' in page.text and '<option value="2024" selected>' in page.text


def test_each_tables_csv_and_xlsx_hold_what_the_page_shows(app, planted):
    import csv
    import io

    from openpyxl import load_workbook
    client = logged_in(app, planted)
    found = page_tables(client.get(URL).text)
    for key in ("received-units", "received-municipalities", "handled-outcomes",
                "upheld-summaries", "carried-over"):
        response = client.get(f"/beheer/jaarverslag/{YEAR}/{key}.csv")
        assert response.status_code == 200 and response.mimetype == "text/csv"
        assert "attachment" in response.headers["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
        assert rows == found[key], key
        book = load_workbook(io.BytesIO(client.get(f"/beheer/jaarverslag/{YEAR}/{key}.xlsx").data))
        sheet = book.worksheets[0]
        cells = [["" if v is None else str(v) for v in row] for row in
                 sheet.iter_rows(min_row=2, values_only=True)]
        assert cells == found[key], key
    whole = load_workbook(io.BytesIO(
        client.get(f"/beheer/jaarverslag/{YEAR}/alle-tabellen.xlsx").data))
    assert "received-units" in whole.sheetnames and "themes" in whole.sheetnames


def test_the_pdf_is_the_report_of_that_year(app, planted):
    import io

    from pypdf import PdfReader
    client = logged_in(app, planted)
    response = client.get(f"/beheer/jaarverslag/{YEAR}/jaarverslag.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Jaarverslag klachten 2024" in text
    assert "Een brief kwam te laat." in text


def test_readers_see_the_report_without_the_texts_form_and_handlers_not_at_all(app, planted):
    reader = logged_in(app, make_staff("reader"))
    page = reader.get(URL)
    assert page.status_code == 200 and "/tekst" not in page.text
    assert reader.get(f"/beheer/jaarverslag/{YEAR}/received-units.csv").status_code == 200
    handler = logged_in(app, make_staff("handler"))
    assert handler.get(URL).status_code == 403
    assert handler.get(f"/beheer/jaarverslag/{YEAR}/jaarverslag.pdf").status_code == 403


def test_a_year_not_in_the_list_is_refused_on_the_form(app, planted):
    client = logged_in(app, planted)
    page = client.get("/beheer/jaarverslag?jaar=1999")
    assert page.status_code == 400
    assert "Kies een van de jaren uit de lijst" in error_summary(page.text)


def _save(client, introduction, closing, version=None, token=None):
    page = client.get(URL)
    if version is None:
        version = re.search(r'name="version" type="hidden" value="([^"]*)"', page.text).group(1)
    return client.post(f"/beheer/jaarverslag/{YEAR}/tekst", data={
        "introduction": introduction, "closing": closing, "version": version,
        "csrf_token": token or csrf_token(page.text)})


def test_the_coordinator_writes_the_introduction_and_closing(app, planted):
    from klachtenloket.models import AuditEntry
    client = logged_in(app, planted)
    saved = _save(client, "Op de afhandeling van klachten is hoofdstuk 9 van toepassing.\n\n"
                          "Tweede alinea.", "Het aantal klachten lijkt stabiel.")
    assert saved.status_code == 303
    page = client.get(URL)
    assert "<p class=\"own-words\">Tweede alinea.</p>" in page.text
    assert "Het aantal klachten lijkt stabiel." in page.text
    assert AuditEntry.select().where(AuditEntry.action == "report:text_saved").count() == 1
    # The other years keep their own (empty) texts; the PDF carries the year's.
    assert "Tweede alinea" not in client.get("/beheer/jaarverslag?jaar=2023").text


@pytest.mark.parametrize("how", ["too long", "expired token", "saved meanwhile"])
def test_a_refused_save_keeps_what_was_typed(app, planted, how):
    from klachtenloket.models import AnnualReportText
    client = logged_in(app, planted)
    typed = "Mijn inleiding, met zorg geschreven."
    if how == "too long":
        response = _save(client, typed, "x" * 20_001)
        assert response.status_code == 400
    elif how == "expired token":
        response = _save(client, typed, "Slot.", token="verlopen")
        assert response.status_code == 400
    else:
        stale = re.search(r'name="version" type="hidden" value="([^"]*)"',
                          client.get(URL).text).group(1)
        assert _save(client, "Iemand anders.", "Slot.").status_code == 303
        response = _save(client, typed, "Slot.", version=stale)
        assert response.status_code == 409
    assert typed in response.text
    assert error_summary(response.text)
    stored = AnnualReportText.get_or_none(AnnualReportText.year == YEAR)
    assert stored is None or stored.introduction != typed
