"""The open-data page in a real browser: a reader follows the menu, chooses a period, sees how
many complaints it holds and downloads CSV and JSON — without JavaScript too, by keyboard —
and axe finds nothing, in Dutch and English, also 320 px wide and with a period that ends
before it starts.

Selectors use ids, names and structure rather than text, so the tests hold in both languages.
"""
import json
from datetime import date
from urllib.parse import urlsplit

import pytest

from klachtenloket.domain.roles import READER
from klachtenloket.models import Complaint
from klachtenloket.services import accounts
from tests.browser.conftest import STAFF_PASSWORD, screenshot, staff_log_in

READER_EMAIL = "open-data-reader@example.nl"
REFERENCE = "KL-1997-00001"     # a year no other browser test uses
NAME = "Ambrosius Opendatatest"
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def register_data(live_database):
    with live_database():
        accounts.create(READER_EMAIL, "Rita Lezer", READER, STAFF_PASSWORD)
        Complaint.create(reference=REFERENCE, name=NAME, phone="06 5555 1234",
                         description="Te lang gewacht.", channel="phone",
                         received_on=date(1997, 3, 3), handled_on=date(1997, 4, 1),
                         outcome="not_upheld", days_late=0, unit="Werk",
                         category="Bejegening", municipality="Houten", state="closed")


def _choose_period(page, date_from, date_to):
    page.fill("#date_from", date_from)
    page.fill("#date_to", date_to)
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_reader_chooses_a_period_and_axe_finds_nothing(new_context, register_data,
                                                          axe_check, lang):
    page = new_context(viewport=DESKTOP).new_page()
    page.set_default_timeout(5000)
    staff_log_in(page, READER_EMAIL, lang=lang)
    page.click("nav.staff-nav a[href='/beheer/open-data']")
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/beheer/open-data"
    assert page.evaluate("document.documentElement.lang") == lang
    _choose_period(page, "01-01-1997", "31-12-1997")
    assert page.locator("#open-data-count").inner_text().startswith("1 ")
    assert page.locator("form[action='/beheer/open-data/download']").count() == 2
    axe_check(page)
    screenshot(page, f"staff-{lang}-open-data")

    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    screenshot(page, f"staff-{lang}-open-data-320")
    page.set_viewport_size(DESKTOP)

    _choose_period(page, "31-12-1997", "01-01-1997")
    assert page.locator(".error-summary").count() == 1
    assert page.locator("form[action='/beheer/open-data/download']").count() == 0
    assert page.title().startswith("Fout" if lang == "nl" else "Error")
    axe_check(page)
    screenshot(page, f"staff-{lang}-open-data-error")


def test_both_files_download_by_keyboard_without_javascript(new_context, register_data):
    page = new_context(java_script_enabled=False).new_page()
    page.set_default_timeout(5000)
    staff_log_in(page, READER_EMAIL)
    page.goto("/beheer/open-data?date_from=01-01-1997&date_to=31-12-1997")
    files = {}
    for fmt in ("csv", "json"):
        button = page.locator(f"form:has(input[name=format][value={fmt}]) button")
        button.focus()
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        files[fmt] = open(download.value.path(), encoding="utf-8").read()
        assert download.value.suggested_filename == \
            f"klachtenregister-1997-01-01-1997-12-31.{fmt}"
    assert files["csv"].splitlines()[1].startswith(f"{REFERENCE},1997-03-03,1997-04-01,phone")
    assert json.loads(files["json"])["complaints"][0]["reference"] == REFERENCE
    for text in files.values():
        assert "Opendatatest" not in text and "5555" not in text
