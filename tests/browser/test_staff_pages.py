"""The back office in a real browser: axe on the login page, its error state, the start page
and the list; everything with JavaScript off; and with it on, htmx swapping only the list.

Waits use Playwright's `expect`: `wait_for_function` evaluates a string, which the pages' CSP
(no 'unsafe-eval') forbids.

Selectors use ids, hrefs and structure rather than text where they can, so the tests hold in
both languages.
"""
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from klachtenloket.domain.roles import ADMINISTRATOR, COORDINATOR
from klachtenloket.domain.states import OPEN
from klachtenloket.models import Complaint
from klachtenloket.services import accounts
from tests.browser.conftest import PHONE, screenshot, staff_log_in, STAFF_PASSWORD, send_step

PASSWORD = STAFF_PASSWORD
COORDINATOR_EMAIL = "browser-coordinator@example.nl"
ADMIN_EMAIL = "browser-admin@example.nl"
WITHDRAWN = "Ingetrokken"   # the state as the Dutch list shows it
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def staff_data(live_database):
    """Two accounts and 65 complaints, 60 of them open (year 1999: no clash with the ones the
    public walk files). Some have a handler, most a deadline (long overdue by now)."""
    with live_database():
        coordinator = accounts.create(COORDINATOR_EMAIL, "Corrie Coördinator", COORDINATOR,
                                      PASSWORD)
        accounts.create(ADMIN_EMAIL, "Bea Beheer", ADMINISTRATOR, PASSWORD)
        for n in range(1, 66):
            state = "withdrawn" if n % 11 == 0 else "acknowledged" if n % 7 == 0 else "received"
            received = date(1999, 1, 1) + timedelta(days=n)
            Complaint.create(reference=f"KL-1999-{n:05d}", name=f"Inwoner {n}", state=state,
                             description="Te lang gewacht.",
                             channel=("web", "phone", "letter")[n % 3],
                             received_on=received,
                             handler_id=coordinator.id if state == "acknowledged" else None,
                             next_deadline=None if n % 5 == 0 else received + timedelta(weeks=6),
                             next_deadline_name="" if n % 5 == 0 else "decision")


def count_in_state(live_database, state: str) -> int:
    with live_database():
        return Complaint.select().where(Complaint.state == state).count()


def open_complaints(live_database) -> int:
    with live_database():
        return Complaint.select().where(Complaint.state.in_(OPEN)).count()


def log_in(page, email=COORDINATOR_EMAIL, password=PASSWORD, here=False):
    staff_log_in(page, email, password, here=here)


def filters_in(url: str) -> dict:
    """The query string's filters that are set (the form also sends the empty ones)."""
    return parse_qs(urlsplit(url).query)


def rows(page) -> int:
    return page.locator("#complaint-list tbody tr").count()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_axe_finds_nothing_on_the_staff_pages_and_their_error_state(
        new_context, staff_data, axe_check, lang):
    page = new_context(viewport=DESKTOP).new_page()
    seen = {}

    def check(name):
        axe_check(page)
        screenshot(page, f"staff-{lang}-{name}")
        page.set_viewport_size({"width": 320, "height": 640})
        seen[name] = page.evaluate("document.documentElement.scrollWidth")
        page.set_viewport_size(DESKTOP)

    page.goto(f"/beheer/inloggen?lang={lang}")
    assert page.evaluate("document.documentElement.lang") == lang
    check("login")

    log_in(page, password="not the password at all")
    assert page.locator(".error-summary").count() == 1
    assert page.input_value("#email") == COORDINATOR_EMAIL, "the address stays"
    assert page.input_value("#password") == ""
    check("login-error")

    log_in(page)
    assert urlsplit(page.url).path == "/beheer/"
    assert "Corrie Coördinator" in page.inner_text("main")
    check("start")

    page.click("main a[href='/beheer/klachten']")
    page.wait_for_load_state()
    assert rows(page) == 50
    check("complaints")

    page.select_option("#state", "withdrawn")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(lambda url: "state=withdrawn" in url)
    expect(page.locator("#list-status")).not_to_have_text("")
    check("complaints-filtered")

    page.click("#counters a[data-counter=overdue]")
    page.wait_for_load_state()
    assert filters_in(page.url) == {"due": ["overdue"]}
    assert page.input_value("#due") == "overdue", "the form shows the filter of the counter"
    assert rows(page) > 0
    check("complaints-overdue")

    page.click("header form.account button[type=submit]")
    page.wait_for_load_state()
    log_in(page, email=ADMIN_EMAIL)
    assert page.locator("main a[href='/beheer/klachten']").count() == 0
    check("start-administrator")

    too_wide = {name: width for name, width in seen.items() if width > 320}
    assert not too_wide, f"wider than 320 px: {too_wide} (the table scrolls in its own box)"


def test_the_staff_pages_work_without_javascript(new_context, staff_data, live_database):
    page = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    page.goto("/beheer/klachten?state=withdrawn")
    assert urlsplit(page.url).path == "/beheer/inloggen", "anonymous: to the login page"
    log_in(page, here=True)
    assert page.url.endswith("/beheer/klachten?state=withdrawn"), "and back to the page asked for"

    page.goto("/beheer/klachten")
    assert rows(page) == 50
    page.click("#complaint-list a[rel=next]")
    page.wait_for_load_state()
    assert parse_qs(urlsplit(page.url).query)["page"] == ["2"]
    assert rows(page) == open_complaints(live_database) - 50

    page.select_option("#state", "withdrawn")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert parse_qs(urlsplit(page.url).query) == {"state": ["withdrawn"]}
    states = page.locator("#complaint-list tbody tr td:nth-child(4)").all_inner_texts()
    assert states and set(states) == {WITHDRAWN}
    assert len(states) == count_in_state(live_database, "withdrawn")

    page.click("header form.account button[type=submit]")
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/beheer/inloggen"
    assert page.locator("main [role=status]").count() == 1, "you are logged out"
    page.goto("/beheer/")
    assert urlsplit(page.url).path == "/beheer/inloggen"



def test_htmx_swaps_only_the_list_and_keeps_the_url_and_the_back_button(
        new_context, staff_data, live_database):
    page = new_context(viewport=DESKTOP).new_page()
    log_in(page)
    page.goto("/beheer/klachten")
    assert page.evaluate("typeof htmx") == "object", "htmx loaded under the CSP"

    requests = []
    page.on("request", lambda r: requests.append((
        r.resource_type, r.url, r.headers.get("hx-request"),
        r.headers.get("hx-history-restore-request"))))
    page.evaluate("""() => {
        window.notReloaded = true;
        document.querySelector('h1').dataset.kept = 'yes';
        document.querySelector('form.filters').dataset.kept = 'yes';
        document.getElementById('complaint-list').dataset.old = 'yes';
    }""")

    page.select_option("#state", "withdrawn")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(lambda url: "state=withdrawn" in url)
    assert filters_in(page.url) == {"state": ["withdrawn"]}
    expect(page.locator("#complaint-list:not([data-old])")).to_have_count(1)

    assert page.evaluate("window.notReloaded === true"), "no page load"
    assert page.locator("h1[data-kept=yes]").count() == 1
    assert page.locator("form.filters[data-kept=yes]").count() == 1, "only the list was swapped"
    assert page.locator("h1").count() == 1 and page.locator("#complaint-list").count() == 1
    assert [r for r in requests if r[0] == "document"] == []
    assert any(r[2] == "true" and "state=withdrawn" in r[1] for r in requests), requests
    states = page.locator("#complaint-list tbody tr td:nth-child(4)").all_inner_texts()
    assert set(states) == {WITHDRAWN}
    assert len(states) == count_in_state(live_database, "withdrawn")
    assert page.inner_text("#list-status") == page.inner_text("#complaint-count"), \
        "screen readers hear the new count"

    # Paging by keyboard: the link goes with the swap, so the focus moves to the new count.
    page.select_option("#state", "")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(lambda url: "state=withdrawn" not in url)
    page.focus("#complaint-list a[rel=next]")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "page=2" in url)
    expect(page.locator("#complaint-count")).to_be_focused()
    assert page.evaluate("window.notReloaded === true")
    assert rows(page) == open_complaints(live_database) - 50

    # Back: htmx asks for the earlier URL again (HX-History-Restore-Request) and swaps the answer
    # into <body>, so it must get the whole page, not the partial.
    requests.clear()
    page.go_back()
    page.wait_for_url(lambda url: "state=withdrawn" not in url and "page=2" not in url)
    expect(page.locator("#complaint-list tbody tr")).to_have_count(50)
    assert page.locator("h1").count() == 1 and page.locator("header.top").count() == 1
    assert page.locator("form.filters").count() == 1
    assert [r[3] for r in requests] == ["true"], f"htmx restored the page itself: {requests}"


REGISTER = "/beheer/klachten/registreren"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_axe_finds_nothing_on_the_register_page_and_its_error_state(
        new_context, staff_data, axe_check, lang):
    page = new_context(viewport=DESKTOP).new_page()
    log_in(page)
    page.goto(f"{REGISTER}?lang={lang}")
    assert page.locator("#channel").count() == 1
    axe_check(page)
    screenshot(page, f"staff-{lang}-register")

    # A letter from the future, for someone else without their consent: errors on top and at
    # the fields, and what was typed stays.
    page.select_option("#channel", "letter")
    page.fill("#received_on", (date.today() + timedelta(days=3)).strftime("%d-%m-%Y"))
    page.check("#filed_by-1")
    page.fill("#representative_name", "Jan de Buurman")
    page.fill("#name", "Fatima el Amrani")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    assert page.locator("#received_on-error").count() == 1
    assert page.locator("#consent-error").count() == 1
    assert page.input_value("#representative_name") == "Jan de Buurman", "what was typed stays"
    assert page.input_value("#name") == "Fatima el Amrani"
    axe_check(page)
    screenshot(page, f"staff-{lang}-register-error")


def test_a_phone_complaint_is_registered_without_javascript(new_context, staff_data,
                                                             live_database):
    page = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    log_in(page)
    page.click(f"main a[href='{REGISTER}']")
    page.wait_for_load_state()
    assert urlsplit(page.url).path == REGISTER

    last_week = date.today() - timedelta(days=7)
    page.select_option("#channel", "phone")
    page.fill("#received_on", last_week.strftime("%d-%m-%Y"))
    page.fill("#name", "Piet Bellen")
    page.fill("#phone", "06 87654321")
    page.check("input[name=reply_by][value=phone]")
    page.fill("#description", "Ik werd niet teruggebeld.")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()

    assert urlsplit(page.url).path.endswith("/geregistreerd")
    reference = page.inner_text("#reference")
    assert reference.startswith(f"KL-{last_week.year}-")
    assert page.locator("main dl.summary dd").count() >= 4, "the deadlines are shown"
    with live_database():
        complaint = Complaint.get(Complaint.reference == reference)
        assert complaint.channel == "phone" and complaint.received_on == last_week
        assert complaint.name == "Piet Bellen"

    page.click("main a[href='/beheer/klachten']")
    page.wait_for_load_state()
    page.fill("#q", reference)
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert filters_in(page.url)["q"] == [reference]
    row = page.locator("#complaint-list tbody tr", has_text=reference)
    assert row.count() == 1 and "Telefoon" in row.inner_text()


@pytest.mark.parametrize("lang, reference", [("nl", "KL-1999-00002"), ("en", "KL-1999-00003")])
def test_axe_finds_nothing_on_the_complaint_page_and_after_a_refused_step(
        new_context, staff_data, axe_check, lang, reference):
    page = new_context(viewport=DESKTOP).new_page()
    log_in(page)
    page.goto(f"/beheer/klachten/{reference}?lang={lang}")
    assert urlsplit(page.url).path == f"/beheer/klachten/{reference}"
    axe_check(page)
    screenshot(page, f"staff-{lang}-complaint")

    # Not acknowledged yet, so it cannot be assigned: the reason at the form, the choice kept.
    page.click("details:has(#assign-form) > summary")
    page.select_option("#assign-handler", index=1)
    chosen = page.input_value("#assign-handler")
    send_step(page, "#assign-form button[type=submit]")
    assert page.locator(".error-summary").count() == 1
    assert page.locator("#assign-error").count() == 1
    assert page.input_value("#assign-handler") == chosen, "the choice stays, its step open"
    axe_check(page)
    screenshot(page, f"staff-{lang}-complaint-refused")
