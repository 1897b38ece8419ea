"""The privacy pages in a real browser (issue 7): the coordinator handles an access request —
search, the error when nothing is ticked, the ZIP download — and filters the staff-views log
and downloads it as CSV; axe finds nothing (error states included), in Dutch and English, the
pages reflow at 320 px, and both work without JavaScript.

Selectors use ids, names and structure rather than text, so the tests hold in both languages.
"""
import io
import json
import zipfile
from datetime import date

import pytest

from klachtenloket.domain.roles import COORDINATOR
from klachtenloket.models import AuditEntry, Complaint, Event
from klachtenloket.services import accounts
from tests.browser.conftest import STAFF_PASSWORD, screenshot, staff_log_in

EMAIL = "privacy-coordinator@example.nl"
PERSON = "Wilhelmina Privacytest"
NEIGHBOUR = "Bartholomeus Buurman"


@pytest.fixture(scope="module")
def privacy_data(live_database):
    with live_database():
        staff = accounts.create(EMAIL, "Paula Privacy", COORDINATOR, STAFF_PASSWORD)
        complaint = Complaint.create(reference="KL-1991-00001", name=PERSON,
                                     email="wilhelmina@example.nl", description="Te lang gewacht.",
                                     channel="phone", received_on=date(1991, 3, 2))
        Event.create(complaint=complaint, actor="system", kind="received")
        Event.create(complaint=complaint, actor=f"staff:{staff.id}", kind="note_added",
                     public=False, text=f"Gebeld met de buurman {NEIGHBOUR}.")
        AuditEntry.create(staff_id=staff.id, staff_name=staff.name, complaint=complaint,
                          action="viewed")
    return complaint


def checked_layout(page, axe_check, name):
    axe_check(page)
    screenshot(page, name)
    page.set_viewport_size({"width": 320, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, name
    page.set_viewport_size({"width": 390, "height": 844})


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_access_request_in_the_browser(new_context, privacy_data, axe_check, lang):
    page = new_context().new_page()
    staff_log_in(page, EMAIL, lang=lang)
    page.goto("/beheer/")
    page.click("nav.staff-nav a[href='/beheer/privacy']")
    assert page.evaluate("document.documentElement.lang") == lang
    checked_layout(page, axe_check, f"staff-{lang}-privacy")
    page.click("main a[href='/beheer/privacy/inzage']")
    page.fill("#q", "privacytest")
    with page.expect_navigation():
        page.keyboard.press("Enter")          # the search by keyboard
    box = page.locator(f"#complaint-{privacy_data.id}")
    assert box.count() == 1
    checked_layout(page, axe_check, f"staff-{lang}-access-request")

    page.click("main form[method=post] button[type=submit]")       # nothing ticked
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    assert page.title().startswith("Fout" if lang == "nl" else "Error")
    checked_layout(page, axe_check, f"staff-{lang}-access-request-error")

    page.locator(f"#complaint-{privacy_data.id}").check()
    with page.expect_download() as download:
        page.click("main form[method=post] button[type=submit]")
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
    record = json.loads(archive.read("KL-1991-00001/complaint.json"))
    assert record["name"] == PERSON
    assert f"[[REDACT? {NEIGHBOUR}]]" in record["notes"][0]["text"]


def test_the_staff_views_log_in_the_browser(new_context, privacy_data, axe_check):
    for lang in ("nl", "en"):
        page = new_context().new_page()
        staff_log_in(page, EMAIL, lang=lang)
        page.goto("/beheer/privacy/logboek")
        page.fill("#date_from", "31-02-1997")
        page.click("main form.filters button[type=submit]")
        page.wait_for_load_state()
        assert page.locator(".error-summary a[href='#date_from']").count() == 1
        checked_layout(page, axe_check, f"staff-{lang}-log-error")

        page.fill("#date_from", "01-01-1990")
        page.select_option("#staff", label="Paula Privacy")
        page.click("main form.filters button[type=submit]")
        page.wait_for_load_state()
        assert page.locator("#audit-trail a[href='/beheer/klachten/KL-1991-00001/logboek']").count()
        checked_layout(page, axe_check, f"staff-{lang}-log")
        with page.expect_download() as download:
            page.click("main form.export button[type=submit]")
        text = open(download.value.path(), encoding="utf-8-sig").read()
        assert "KL-1991-00001" in text and "Paula Privacy" in text


def test_both_pages_work_without_javascript(new_context, privacy_data):
    page = new_context(java_script_enabled=False).new_page()
    staff_log_in(page, EMAIL)
    page.goto("/beheer/privacy/inzage?q=wilhelmina%40example.nl")
    page.locator(f"#complaint-{privacy_data.id}").check()
    with page.expect_download() as download:
        page.click("main form[method=post] button[type=submit]")
    assert download.value.suggested_filename.endswith(".zip")
    page.goto("/beheer/privacy/logboek?date_from=01-01-1990")
    with page.expect_download() as download:
        page.click("main form.export button[type=submit]")
    assert download.value.suggested_filename.endswith(".csv")
