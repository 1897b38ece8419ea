"""Call-back requests in a real browser: a resident on a phone asks to be called back, the
coordinator finds the request from the inbox and registers it as a complaint. axe on every page
and error state on the way, nothing wider than 320 px, and the resident's part without
JavaScript too.

Selectors use ids, hrefs and structure rather than text, so the tests hold in both languages.
"""
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from klachtenloket.domain.roles import COORDINATOR
from klachtenloket.models import CallbackRequest, Complaint
from klachtenloket.services import accounts
from tests.browser.conftest import PHONE, screenshot, staff_log_in, STAFF_PASSWORD

PASSWORD = STAFF_PASSWORD
EMAIL = "callback-coordinator@example.nl"
DESKTOP = {"width": 1280, "height": 900}
ASK = "/terugbellen"
LIST = "/beheer/terugbelverzoeken"
SUBMIT = "main form button[type=submit]"


@pytest.fixture(scope="module")
def coordinator_account(live_database):
    with live_database():
        accounts.create(EMAIL, "Cees Coördinator", COORDINATOR, PASSWORD)


def submit(page, selector=SUBMIT):
    page.click(selector)
    page.wait_for_load_state()


def width_at_320(page) -> int:
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(size)
    return width


def log_in(page):
    staff_log_in(page, EMAIL)


def test_a_resident_asks_for_a_call_back_and_the_coordinator_registers_the_complaint(
        new_context, coordinator_account, live_database, axe_check):
    seen = {}

    def check(page, name):
        axe_check(page)
        screenshot(page, f"callback-{name}")
        seen[name] = width_at_320(page)

    # The resident, on a phone.
    page = new_context(viewport=PHONE).new_page()
    page.goto("/")
    page.click(f"main a[href='{ASK}']")
    page.wait_for_load_state()
    assert urlsplit(page.url).path == ASK
    check(page, "ask")

    page.fill("#name", "Noor Bakker")
    page.fill("#phone", "bel me maar")
    submit(page)
    assert page.locator(".error-summary").count() == 1
    assert page.locator("#phone-error").count() == 1 and page.locator("#subject-error").count() == 1
    assert page.input_value("#name") == "Noor Bakker", "what was typed stays"
    check(page, "ask-error")

    page.fill("#phone", "06 24681357")
    page.fill("#best_time", "Dinsdagochtend")
    page.fill("#subject", "Mijn klantmanager belt niet terug")
    submit(page)
    assert urlsplit(page.url).path == f"{ASK}/ontvangen"
    with live_database():
        request = CallbackRequest.get(CallbackRequest.name == "Noor Bakker")
    assert request.channel == "web" and request.phone == "06 24681357"
    panel = page.inner_text("main .panel")
    assert str(request.due_on.year) in panel and str(request.due_on.day) in panel, \
        "the day we call back by, in words"
    check(page, "received")

    # The coordinator: from the inbox's counter to the request, and on to the register form.
    staff = new_context(viewport=DESKTOP).new_page()
    log_in(staff)
    staff.goto("/beheer/klachten")
    staff.click(f"#callback-counter a[href='{LIST}']")
    staff.wait_for_load_state()
    assert urlsplit(staff.url).path == LIST
    row = staff.locator("#callback-list tbody tr", has_text="Noor Bakker")
    assert row.count() == 1 and "06 24681357" in row.inner_text()
    check(staff, "list")

    row.locator(f"a[href='{LIST}/{request.id}']").click()
    staff.wait_for_load_state()
    check(staff, "request")

    staff.click("#register-step a.button")
    staff.wait_for_load_state()
    assert parse_qs(urlsplit(staff.url).query) == {"callback": [str(request.id)]}
    assert staff.input_value("#name") == "Noor Bakker"
    assert staff.input_value("#phone") == "06 24681357"
    assert staff.input_value("#channel") == "phone"
    assert staff.locator("#from-callback").count() == 1
    check(staff, "register")

    staff.check("input[name=reply_by][value=phone]")
    staff.fill("#description", "Mijn klantmanager belt al drie weken niet terug.")
    submit(staff)
    assert urlsplit(staff.url).path.endswith("/geregistreerd")
    reference = staff.inner_text("#reference")
    with live_database():
        complaint = Complaint.get(Complaint.reference == reference)
        request = CallbackRequest.get_by_id(request.id)
    assert complaint.channel == "phone" and complaint.phone == "06 24681357"
    assert request.state == "registered" and request.complaint_id == complaint.id

    staff.goto(f"{LIST}/{request.id}")
    assert staff.locator(f"#callback a[href='/beheer/klachten/{reference}']").count() == 1
    assert staff.locator("#close-form").count() == 0
    check(staff, "registered")

    too_wide = {name: width for name, width in seen.items() if width > 320}
    assert not too_wide, f"wider than 320 px: {too_wide}"


def test_writing_one_down_and_closing_it_with_a_note(new_context, coordinator_account,
                                                     live_database, axe_check):
    page = new_context(viewport=DESKTOP).new_page()
    log_in(page)
    page.goto(f"{LIST}?lang=en")
    page.click(f"main a[href='{LIST}/nieuw']")
    page.wait_for_load_state()
    axe_check(page)
    screenshot(page, "callback-record")

    submit(page)
    assert page.locator(".error-summary").count() == 1
    axe_check(page)
    screenshot(page, "callback-record-error")

    page.fill("#name", "Jan Smit")
    page.fill("#phone", "030 1234567")
    page.fill("#subject", "Vraag over een brief")
    submit(page)
    assert urlsplit(page.url).path == LIST
    assert page.locator("main [role=status]").count() == 1
    page.locator("#callback-list tbody tr", has_text="Jan Smit").locator("a").first.click()
    page.wait_for_load_state()
    request_id = int(re.search(r"/(\d+)$", urlsplit(page.url).path).group(1))

    submit(page, "#close-form button[type=submit]")
    assert page.locator(".error-summary").count() == 1 and page.locator("#note-error").count() == 1
    axe_check(page)
    screenshot(page, "callback-close-error")

    page.fill("#note", "Teruggebeld, vraag beantwoord. Geen klacht.")
    submit(page, "#close-form button[type=submit]")
    assert urlsplit(page.url).path == LIST
    assert page.locator("#callback-list tbody tr", has_text="Jan Smit").count() == 0
    with live_database():
        stored = CallbackRequest.get_by_id(request_id)
    assert stored.state == "closed" and stored.closing_note.startswith("Teruggebeld")


def test_the_resident_asks_without_javascript(new_context, live_database):
    page = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    page.goto(f"{ASK}?lang=en")
    page.fill("#name", "Zonder Script")
    page.fill("#phone", "06 11223344")
    page.fill("#subject", "Terugbellen graag")
    submit(page)
    assert urlsplit(page.url).path == f"{ASK}/ontvangen"
    assert page.locator("main .panel h1").count() == 1
    with live_database():
        assert CallbackRequest.select().where(CallbackRequest.name == "Zonder Script").count() == 1
