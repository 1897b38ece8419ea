"""The whole of seed 002 comes out of the system: after `flask demo-data --preset
wil-lekstroom`, the yearly report for 2024 shows every figure of WIL's annual report 2024
(domain section 6) — on the page, cell by cell, as the coordinator reads it."""
import pytest

from tests.integration.helpers import logged_in, make_staff
from tests.integration.test_annual_report import page_tables

# Domain section 6, written out again (not imported from the generator or the report).
UNITS = {             # Bejegening, Gebrekkige informatie / nalatigheid, Afhandelingsduur, total
    "Inkomen": ["4", "3", "0", "7"], "SHV": ["5", "3", "0", "8"],
    "Inkomensondersteuning": ["0", "4", "1", "5"], "Werk": ["18", "2", "0", "20"],
    "Bedrijfsvoering": ["4", "3", "0", "7"],
}
MUNICIPALITIES = {    # 2024, 2023, 2022, 2021
    "IJsselstein": ["15", "10", "12", "8"], "Houten": ["9", "7", "5", "9"],
    "Nieuwegein": ["22", "22", "32", "17"], "Lopik": ["1", "1", "3", "0"],
    "Totaal": ["47", "40", "52", "34"],
}
OUTCOMES = {          # handled in 2024, 2023, 2022
    "Gegrond": ["3", "6", "5"], "Gedeeltelijk gegrond": ["6", "6", "2"],
    "Ongegrond": ["21", "7", "9"], "Wederzijdse overeenstemming": ["15", "19", "23"],
    "Ingetrokken": ["0", "2", "2"], "Niet ontvankelijk": ["2", "3", "9"],
    "Totaal": ["47", "43", "50"],
}


@pytest.fixture
def report_2024(app, runner):
    result = runner.invoke(args=["demo-data", "--preset", "wil-lekstroom"])
    assert result.exit_code == 0, result.output
    page = logged_in(app, make_staff("reader", email="lezer@example.nl")).get(
        "/beheer/jaarverslag?jaar=2024")
    assert page.status_code == 200
    return page.text, page_tables(page.text)


def test_every_cell_of_seed_002_is_in_the_report(report_2024):
    html, tables = report_2024
    units = tables["received-units"]
    assert units[0] == ["Afdeling", "Bejegening", "Gebrekkige informatie / nalatigheid",
                        "Afhandelingsduur", "Totaal"]
    assert {row[0]: row[1:] for row in units[1:-1]} == UNITS
    assert units[-1] == ["Totaal ontvangen in 2024", "31", "15", "1", "47"]

    municipalities = tables["received-municipalities"]
    assert municipalities[0] == ["Gemeente", "2024", "2023", "2022", "2021"]
    assert {row[0]: row[1:] for row in municipalities[1:]} == MUNICIPALITIES

    outcomes = tables["handled-outcomes"]
    assert outcomes[0] == ["Uitkomst", "2024", "2023", "2022"]
    assert {row[0]: row[1:] for row in outcomes[1:]} == OUTCOMES

    # 47 handled, 4 of them formally; all decided within the legal term — computed.
    assert tables["handled-procedure"][1:] == [["Formeel", "4"], ["Informeel", "43"],
                                               ["Totaal", "47"]]
    term = {row[0]: row[1] for row in tables["handled-term"][1:]}
    assert term["Te laat beslist"] == "0"
    assert "Alle beslissingen" in html and "binnen de termijn genomen" in html
    # The nine (partly) upheld complaints each have their line.
    assert len(tables["upheld-summaries"]) - 1 == 9
