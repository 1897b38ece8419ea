"""The Content-Security-Policy in a real Chromium (issue 7): no 'unsafe-inline', and still
htmx swaps the inbox list and sends a step, and the resident's form is filed, without a single
CSP violation — Chromium reports each one on the console ("Refused to …") and as a
`securitypolicyviolation` event, and the test listens to both."""
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from klachtenloket.domain.roles import COORDINATOR
from klachtenloket.models import Complaint
from klachtenloket.services import accounts
from tests.browser.conftest import STAFF_PASSWORD, screenshot, send_step, staff_log_in
from tests.browser.test_public_pages import RECENT, fill_representative

EMAIL = "csp-coordinator@example.nl"
DESKTOP = {"width": 1280, "height": 900}
# Registered before any page script runs (Playwright's init scripts are not subject to the CSP).
LISTEN = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
    window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"""


@pytest.fixture(scope="module")
def inbox(live_database):
    """A coordinator and a handful of complaints (year 1993: no clash with other tests)."""
    with live_database():
        accounts.create(EMAIL, "Cas Coördinator", COORDINATOR, STAFF_PASSWORD)
        for n in range(1, 6):
            received = date(1993, 3, 1) + timedelta(days=n)
            Complaint.create(reference=f"KL-1993-{n:05d}", name=f"Inwoner {n}",
                             state="withdrawn" if n == 5 else "received",
                             description="Te lang gewacht.", channel="phone",
                             received_on=received, next_deadline=received + timedelta(weeks=6),
                             next_deadline_name="decision")


class Console(list):
    """Console messages and page errors that speak of the CSP."""

    def listen(self, page):
        page.on("console", lambda message: self.append(f"console {message.type}: {message.text}"))
        page.on("pageerror", lambda error: self.append(f"page error: {error}"))
        return page

    def violations(self, page) -> list[str]:
        said = [line for line in self if "Content Security Policy" in line
                or "Refused to" in line]
        return said + page.evaluate("window.__violations")


def test_htmx_swaps_and_sends_under_the_csp_without_a_violation(new_context, inbox):
    context = new_context(viewport=DESKTOP)
    context.add_init_script(LISTEN)
    console = Console()
    page = console.listen(context.new_page())
    staff_log_in(page, EMAIL)
    page.goto("/beheer/klachten")
    assert page.evaluate("typeof htmx") == "object", "htmx loaded"
    assert page.evaluate("document.adoptedStyleSheets.length") == 0, "htmx added no style"

    # The filter: htmx swaps only the list (no page load).
    page.evaluate("document.getElementById('complaint-list').dataset.old = 'yes'")
    page.evaluate("window.notReloaded = true")
    page.select_option("#state", "withdrawn")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(lambda url: "state=withdrawn" in url)
    expect(page.locator("#complaint-list:not([data-old])")).to_have_count(1)
    assert page.evaluate("window.notReloaded === true")
    screenshot(page, "csp-inbox-after-htmx")

    # A step sent by htmx (hx-post): a note on a complaint, the token also in the header.
    sent = []
    page.on("request", lambda r: sent.append(r.headers.get("x-csrftoken"))
            if r.method == "POST" else None)
    page.goto("/beheer/klachten/KL-1993-00001")
    page.click("details:has(#note-form) > summary")
    page.fill("#note-text", "Gebeld, komt langs.")
    send_step(page, "#note-form button[type=submit]")
    expect(page.locator("main")).to_contain_text("Gebeld, komt langs.")
    assert sent and all(sent), "htmx sent X-CSRFToken with the step"

    assert console.violations(page) == [], console


def submit(page):
    """The form's visible submit button (a form may hold a hidden default button first)."""
    page.locator("main form button[type=submit]:visible").last.click()
    page.wait_for_load_state()


def test_the_resident_files_a_complaint_without_a_csp_violation(new_context):
    context = new_context()
    context.add_init_script(LISTEN)
    console = Console()
    page = console.listen(context.new_page())
    page.goto("/?lang=en")
    page.click("a.button.start")
    page.check("#filed_by-1")
    submit(page)
    fill_representative(page, RECENT)
    submit(page)
    assert urlsplit(page.url).path == "/klacht/controleren"
    submit(page)
    assert urlsplit(page.url).path == "/klacht/ontvangen"
    page.click(".link-box a")
    assert page.locator("h1").count() == 1

    assert console.violations(page) == [], console


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_over_the_limit_the_form_comes_back_with_what_was_typed(new_context, axe_check, lang):
    """The 429 state of a public form (klachtenloket/web/limits.py): the page as a person sees
    it, with the message and their text; axe finds nothing; it fits 320 px."""
    from tests.browser.conftest import SERVED
    app = SERVED["app"]
    saved = app.config["RATELIMIT_PUBLIC"]
    app.config["RATELIMIT_PUBLIC"] = "1 per hour"     # a new limit counts from zero
    try:
        page = new_context().new_page()
        page.goto(f"/volgen/?lang={lang}")
        page.fill("#email", "iemand@example.nl")
        submit(page)                                    # the first: "check your e-mail"
        page.goto("/volgen/")
        page.fill("#email", "nogmaals@example.nl")
        response = page.expect_response(lambda r: r.request.method == "POST")
        with response as answer:
            page.locator("main form button[type=submit]:visible").last.click()
        assert answer.value.status == 429
        page.wait_for_load_state()
    finally:
        app.config["RATELIMIT_PUBLIC"] = saved
    assert page.input_value("#email") == "nogmaals@example.nl"
    assert page.locator(".error-summary").count() == 1
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 320, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    screenshot(page, f"rate-limited-{lang}")
