"""A complaint's audit trail in a real browser: the coordinator follows the link on the
complaint page, reads the trail newest first (their own visit on top), pages on, and axe finds
nothing, in Dutch and English, also 320 px wide; a reader gets no link.

Selectors use ids, hrefs and structure rather than text, so the tests hold in both languages.
"""
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pytest

from klachtenloket import db
from klachtenloket.domain.roles import COORDINATOR, READER
from klachtenloket.models import AuditEntry, Complaint
from klachtenloket.services import accounts
from tests.browser.conftest import screenshot, staff_log_in, STAFF_PASSWORD

PASSWORD = STAFF_PASSWORD
COORDINATOR_EMAIL = "audit-coordinator@example.nl"
READER_EMAIL = "audit-reader@example.nl"
REFERENCE = "KL-1998-00001"     # a year no other browser test uses
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def trail_data(live_database):
    """A coordinator, a reader and one complaint with 60 earlier lines in its trail."""
    with live_database():
        coordinator = accounts.create(COORDINATOR_EMAIL, "Corrie Logboek", COORDINATOR, PASSWORD)
        accounts.create(READER_EMAIL, "Rob Lezer", READER, PASSWORD)
        complaint = Complaint.create(reference=REFERENCE, name="Inwoner Logboek",
                                     description="Te lang gewacht.", channel="phone",
                                     received_on=datetime(1998, 3, 2).date())
        with db.database.atomic():
            for n in range(60):
                AuditEntry.create(at=datetime(1998, 3, 2, 9) + timedelta(minutes=n),
                                  staff_id=coordinator.id, staff_name=f"Medewerker {n:02d}",
                                  complaint=complaint,
                                  action="viewed" if n % 2 else "step:note_added")


def log_in(page, email):
    staff_log_in(page, email)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_coordinator_reads_the_trail_and_axe_finds_nothing(new_context, trail_data,
                                                                axe_check, lang):
    page = new_context(viewport=DESKTOP).new_page()
    log_in(page, COORDINATOR_EMAIL)
    page.goto(f"/beheer/klachten/{REFERENCE}?lang={lang}")
    page.click("#audit-link")
    page.wait_for_load_state()
    assert urlsplit(page.url).path == f"/beheer/klachten/{REFERENCE}/logboek"
    assert page.evaluate("document.documentElement.lang") == lang

    rows = page.locator("#audit-trail tbody tr")
    assert rows.count() == 50
    # Newest first: the visit just made (and any earlier test's), then the stored lines from
    # the last one back.
    who = [rows.nth(n).locator("td").nth(1).inner_text() for n in range(rows.count())]
    assert who[0] == "Corrie Logboek"
    stored = [name for name in who if name.startswith("Medewerker")]
    assert stored[:2] == ["Medewerker 59", "Medewerker 58"]
    axe_check(page)
    screenshot(page, f"staff-{lang}-audit")

    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, \
        "the table scrolls in its own box"
    page.set_viewport_size(DESKTOP)

    page.click("nav.pagination a[rel=next]")
    page.wait_for_url(lambda url: "page=2" in url)
    assert rows.count() > 0
    assert page.locator("nav.pagination a[rel=prev]").count() == 1
    axe_check(page)

    page.focus("nav.pagination a[rel=prev]")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "page=1" in url)
    assert rows.count() == 50, "back on the first page, by keyboard"


def test_a_reader_gets_no_link_to_the_trail_and_no_trail(new_context, trail_data):
    page = new_context().new_page()
    log_in(page, READER_EMAIL)
    page.goto(f"/beheer/klachten/{REFERENCE}")
    assert page.locator("main h1").count() == 1
    assert page.locator("#audit-link").count() == 0
    response = page.goto(f"/beheer/klachten/{REFERENCE}/logboek")
    assert response.status == 403
