"""Two complaints walked through the back office as staff do it, in a real browser:

- registered by phone -> acknowledged -> assigned -> hearing planned and held -> term
  extended -> decided -> closed, with the resident's tracking page following along;
- registered as a letter -> not handled (Awb 9:8), without JavaScript.

Every page on the way passes axe; selectors use ids, so the walk holds in both languages.
"""
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from klachtenloket.domain.roles import COORDINATOR, HANDLER
from klachtenloket.models import Complaint
from klachtenloket.services import accounts, casework
from tests.browser.conftest import PHONE, screenshot, send_step, staff_log_in, STAFF_PASSWORD

PASSWORD = STAFF_PASSWORD
DESKTOP = {"width": 1280, "height": 900}
REGISTER = "/beheer/klachten/registreren"


@pytest.fixture(scope="module")
def people(live_database):
    with live_database():
        accounts.create("walk-coordinator@example.nl", "Wim Coördinator", COORDINATOR, PASSWORD)
        accounts.create("walk-handler@example.nl", "Hanna Handelaar", HANDLER, PASSWORD)


def log_in(page, email):
    staff_log_in(page, email)


def log_out(page):
    page.click("header form.account button[type=submit]")
    page.wait_for_load_state()


def register(page, channel: str, name: str, days_ago: int = 5) -> str:
    page.goto(REGISTER)
    page.select_option("#channel", channel)
    page.fill("#received_on", (date.today() - timedelta(days=days_ago)).strftime("%d-%m-%Y"))
    page.fill("#name", name)
    page.fill("#phone", "06 87654321")
    page.fill("#street", "Dorpsstraat 1")
    page.fill("#postcode", "3431 AB")
    page.fill("#city", "Nieuwegein")
    page.check("input[name=reply_by][value=letter]")
    page.fill("#description", "De medewerker belde niet terug, zoals wel was beloofd.")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    return page.inner_text("#reference")


def take(page, step: str, fields: dict | None = None, axe_check=None, javascript=True):
    """Open the step (a disclosure when it has fields), fill it in, send it; back on the page."""
    disclosure = page.locator(f"details:has(#{step}-form)")
    if disclosure.count() and disclosure.get_attribute("open") is None:
        disclosure.locator("> summary").click()
    for selector, value in (fields or {}).items():
        # By CSS, not evaluate(): that needs JavaScript, which one walk has switched off.
        target = f"#{step}-{selector}"
        if page.locator(f"select{target}").count():
            page.select_option(target, value)
        elif page.locator(f"input{target}[type=radio], input{target}[type=checkbox]").count():
            page.check(target)
        else:
            page.fill(target, value)
    if axe_check:
        axe_check(page)
    send_step(page, f"#{step}-form button[type=submit]", javascript)
    assert page.locator(".error-summary").count() == 0, page.inner_text("main")
    assert page.locator("main [role=status]").count() == 1, f"{step}: confirmed"


def state_of(live_database, reference: str):
    with live_database():
        return casework.case_state(Complaint.get(Complaint.reference == reference))


def test_a_phone_complaint_through_the_whole_formal_procedure(
        new_context, people, live_database, axe_check):
    page = new_context(viewport=DESKTOP).new_page()
    log_in(page, "walk-coordinator@example.nl")
    reference = register(page, "phone", "Piet Bellen")
    page.goto(f"/beheer/klachten/{reference}")
    axe_check(page)
    screenshot(page, "walk-1-registered")

    take(page, "acknowledge")
    page.click("details:has(#assign-form) > summary")
    option = page.locator("#assign-handler option", has_text="Hanna Handelaar")
    take(page, "assign", {"handler": option.get_attribute("value")})
    assert state_of(live_database, reference).state == "in_handling"
    log_out(page)

    log_in(page, "walk-handler@example.nl")
    page.goto(f"/beheer/klachten/{reference}")
    take(page, "procedure", {"procedure-1": "formal"})
    take(page, "hearing_planned", {
        "planned_on": (date.today() + timedelta(days=3)).strftime("%d-%m-%Y"),
        "text": "Op kantoor, kamer 2"}, axe_check=axe_check)
    take(page, "hearing_held", {"text": "Meneer vertelt dat hij drie keer belde."})
    take(page, "extend", {"weeks": "2", "reason": "We wachten op het verslag van het team."},
         axe_check=axe_check)
    page.click("details:has(#decide-form) > summary")
    outcome = page.locator("#decide-outcome option").nth(2).get_attribute("value")
    take(page, "decide", {"outcome": outcome,
                          "findings": "Er is inderdaad niet teruggebeld.",
                          "measures": "Het team belt voortaan binnen twee dagen terug.",
                          "summary": "Een klant werd niet teruggebeld."})
    screenshot(page, "walk-2-decided")
    axe_check(page)
    # The decision letter: listed on the page, its PDF made for the post (reply by letter).
    letters = page.locator("#letters-section tbody tr")
    assert letters.count() == 3, "acknowledgement, extension and decision"
    pdf = page.request.get(letters.nth(2).locator("a").get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    log_out(page)

    log_in(page, "walk-coordinator@example.nl")
    page.goto(f"/beheer/klachten/{reference}")
    take(page, "close")
    case = state_of(live_database, reference)
    assert (case.state, case.procedure, case.hearing, case.extension_weeks, case.outcome) == \
        ("closed", "formal", "held", 2, outcome)
    timeline = page.inner_text("#timeline")
    assert "Er is inderdaad niet teruggebeld." in timeline
    assert "Meneer vertelt dat hij drie keer belde." in timeline
    axe_check(page)
    screenshot(page, "walk-3-closed")
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]


def test_a_letter_is_not_handled_without_javascript(new_context, people, live_database):
    page = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    log_in(page, "walk-coordinator@example.nl")
    reference = register(page, "letter", "Anna Schrijver", days_ago=2)
    page.goto(f"/beheer/klachten/{reference}")
    # Without JavaScript a disclosure still opens: it is HTML.
    page.click("details:has(#decline-form) > summary")
    page.fill("#decline-reason", "Dit gaat over een besluit. Daartegen kunt u bezwaar maken.")
    send_step(page, "#decline-form button[type=submit]", javascript=False)
    assert page.locator(".error-summary").count() == 1, "the ground is missing"
    assert page.input_value("#decline-reason").startswith("Dit gaat over een besluit"), \
        "what was typed stays"
    take(page, "decline", {"ground": "objection_possible"}, javascript=False)
    assert state_of(live_database, reference).state == "declined"
    assert page.locator("details:has(#decide-form)").count() == 0, "nothing left to decide"
    screenshot(page, "walk-4-declined")


def test_a_step_by_keyboard_alone_and_the_conflict_page(new_context, people, live_database,
                                                        axe_check):
    """Open a step, fill it in and send it with the keyboard only; then a second coordinator
    changes the complaint while the first is writing: the conflict page, axe-clean, keeps the
    text and sends it on."""
    page = new_context(viewport=DESKTOP).new_page()
    log_in(page, "walk-coordinator@example.nl")
    reference = register(page, "desk", "Kees Toetsenbord")
    page.goto(f"/beheer/klachten/{reference}")

    summary = page.locator("details:has(#note-form) > summary")
    for _ in range(200):                        # Tab until the note's disclosure has focus
        page.keyboard.press("Tab")
        if summary.evaluate("e => e === document.activeElement"):
            break
    else:
        pytest.fail("the note's disclosure cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("Met alleen het toetsenbord geschreven.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.locator("main").evaluate("main => { main.dataset.before = 'yes'; }")
    page.keyboard.press("Enter")
    expect(page.locator("main[data-before]")).to_have_count(0)
    assert "Met alleen het toetsenbord geschreven." in page.inner_text("#timeline")
    assert page.evaluate("document.activeElement.id") == "flash", "the focus is on the news"

    # The first coordinator starts on the decline form; meanwhile someone else adds a note.
    page.click("details:has(#forward-form) > summary")
    page.fill("#forward-recipient", "Gemeente Nieuwegein")
    with live_database():
        complaint = Complaint.get(Complaint.reference == reference)
        casework.record(complaint, "note_added", {"text": "Klager belde net nog."},
                        accounts.authenticate("walk-handler@example.nl", PASSWORD))
    send_step(page, "#forward-form button[type=submit]")
    assert page.locator("#changes").inner_text().count("Klager belde net nog.") == 1
    assert page.input_value("#forward-recipient") == "Gemeente Nieuwegein", "nothing is lost"
    assert state_of(live_database, reference).state == "received", "not stored yet"
    axe_check(page)
    screenshot(page, "walk-5-conflict")
    send_step(page, "#forward-form button[type=submit]")
    assert state_of(live_database, reference).forwarded_to == "Gemeente Nieuwegein"
    assert urlsplit(page.url).path == f"/beheer/klachten/{reference}", "htmx: no page load"
