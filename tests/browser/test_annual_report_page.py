"""The yearly report in a real browser: the coordinator chooses the year with the keyboard,
reads the tables and charts (axe finds nothing, in Dutch and English, also 320 px wide and on
a refused save), writes the introduction without JavaScript, and the print style sheet leaves
out the forms. A reader sees the report but not the form.

The complaints are received in 1995 and 1994: years no other browser test uses."""
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from klachtenloket.domain.roles import COORDINATOR, READER
from klachtenloket.models import Complaint
from klachtenloket.services import accounts
from tests.browser.conftest import STAFF_PASSWORD, screenshot, staff_log_in

COORDINATOR_EMAIL = "report-coordinator@example.nl"
READER_EMAIL = "report-reader@example.nl"
YEAR = 1995
DESKTOP = {"width": 1280, "height": 900}
UNITS = ("Inkomen", "SHV", "Werk", "Werk", "Bedrijfsvoering")
CATEGORIES = ("Bejegening", "Gebrekkige informatie / nalatigheid", "Afhandelingsduur")
PLACES = ("IJsselstein", "Houten", "Nieuwegein", "Nieuwegein", "Lopik")
OUTCOMES = ("upheld", "partly_upheld", "not_upheld", "resolved_by_agreement", "not_upheld")


@pytest.fixture(scope="module")
def register(live_database):
    """A coordinator, a reader, and 40 complaints over 1994–1995 with their register rows."""
    with live_database():
        accounts.create(COORDINATOR_EMAIL, "Corrie Jaarverslag", COORDINATOR, STAFF_PASSWORD)
        accounts.create(READER_EMAIL, "Rob Jaarverslag", READER, STAFF_PASSWORD)
        for n in range(40):
            received = date(YEAR - n % 2, 1 + n % 12, 1 + n % 27)
            handled = date(received.year, received.month, 28) if n % 9 else None
            outcome = OUTCOMES[n % 5] if handled else ""
            Complaint.create(
                reference=f"KL-{received.year}-9{n:04d}", received_on=received,
                name="Inwoner Jaarverslag", description="Te lang gewacht.",
                channel=("web", "email", "phone")[n % 3],
                state="closed" if handled else "in_handling",
                unit=UNITS[n % 5], category=CATEGORIES[n % 3], municipality=PLACES[n % 5],
                handled_on=handled, outcome=outcome, formal=n % 7 == 0,
                days_late=(n % 4) * 5 if handled else None,
                summary="Een brief kwam te laat." if outcome in ("upheld", "partly_upheld")
                else "")


def _open(page, lang="nl"):
    staff_log_in(page, COORDINATOR_EMAIL, lang=lang)
    page.goto(f"/beheer/jaarverslag?jaar={YEAR}&lang={lang}")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_coordinator_reads_the_report_and_axe_finds_nothing(new_context, register,
                                                                 axe_check, lang):
    page = new_context(viewport=DESKTOP).new_page()
    _open(page, lang)
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("table#received-units tfoot td").last.inner_text() == "20"
    assert page.locator("svg[role=img][aria-label]").count() >= 4
    axe_check(page)
    screenshot(page, f"staff-{lang}-annual-report")

    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, \
        "tables scroll in their own box, charts shrink"
    axe_check(page)
    screenshot(page, f"staff-{lang}-annual-report-320")


def test_the_year_is_chosen_with_the_keyboard(new_context, register):
    page = new_context(viewport=DESKTOP).new_page()
    _open(page)
    page.focus("#jaar")
    page.select_option("#jaar", str(YEAR - 1))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: f"jaar={YEAR - 1}" in url)
    assert str(YEAR - 1) in page.locator("h1").inner_text()
    # Every table's scrolling box is reachable by Tab, so it can be scrolled with the keys.
    assert page.locator(".table-wrap[tabindex='0'][role=region][aria-labelledby]").count() >= 8


def test_a_refused_save_keeps_the_text_and_axe_finds_nothing(new_context, register, axe_check):
    page = new_context(viewport=DESKTOP).new_page()
    _open(page)
    page.fill("#introduction", "Mijn inleiding. ")
    page.fill("#closing", "x" * 20_001)
    page.click("#texts button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert page.input_value("#introduction").startswith("Mijn inleiding.")
    axe_check(page)
    screenshot(page, "staff-nl-annual-report-refused")


def test_without_javascript_the_year_form_and_the_texts_work(new_context, register):
    page = new_context(viewport=DESKTOP, java_script_enabled=False).new_page()
    _open(page)
    page.fill("#introduction", "Het jaar 1995 was rustig.")
    page.fill("#closing", "Tot volgend jaar.")
    page.click("#texts button[type=submit]")
    page.wait_for_load_state()
    assert parse_qs(urlsplit(page.url).query)["jaar"] == [str(YEAR)]
    assert page.locator("p.own-words", has_text="Het jaar 1995 was rustig.").count() == 1
    page.select_option("#jaar", str(YEAR - 1))
    page.click("form.year-choice button[type=submit]")
    page.wait_for_load_state()
    assert f"jaar={YEAR - 1}" in page.url


def test_the_print_style_leaves_out_forms_and_links(new_context, register):
    page = new_context(viewport=DESKTOP).new_page()
    _open(page)
    page.emulate_media(media="print")
    assert not page.locator("form.year-choice").is_visible()
    assert not page.locator("#texts").is_visible()
    assert page.locator("table#handled-outcomes").is_visible()


def test_a_reader_reads_without_the_texts_form(new_context, register, axe_check):
    page = new_context(viewport=DESKTOP).new_page()
    staff_log_in(page, READER_EMAIL)
    page.click("nav.staff-nav a[href='/beheer/jaarverslag']")
    page.wait_for_load_state()
    assert page.locator("#texts").count() == 0
    assert page.locator("table#received-units").count() == 1
    axe_check(page)
