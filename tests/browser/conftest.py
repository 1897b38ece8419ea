"""Browser tests: the real app behind a real HTTP server, driven by Debian's Chromium.

One server and one browser per session; every test gets a fresh browser context (fresh
cookies, so a fresh session and a fresh draft). Any request to a host other than
127.0.0.1 fails the test that caused it.
"""
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import WSGIRequestHandler, make_server

from klachtenloket import db
from tests.conftest import GENEROUS_LIMITS

LAUNCH = dict(executable_path="/usr/bin/chromium", args=[
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"])

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
PHONE = {"width": 390, "height": 844}
LOCAL_HOST = "127.0.0.1"


# What the live server runs on, for tests that prepare data in it (live_database).
SERVED = {}


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The real app on a fresh SQLite file, served by werkzeug in a thread; yields its base URL."""
    base = tmp_path_factory.mktemp("browser")
    saved = os.environ.get("KLACHTENLOKET_INSTANCE")
    os.environ["KLACHTENLOKET_INSTANCE"] = str(base / "instance")
    try:
        from app import create_app
        app = create_app({"DATABASE_URL": f"sqlite:///{base / 'browser.db'}",
                          "MAIL_PORT": 1, **GENEROUS_LIMITS,
                          # A scripted browser sends a form well within the minimum fill time.
                          "FORM_MIN_SECONDS": 0})
        ours = db.database.obj
        db.migrate()
    finally:
        if saved is None:
            os.environ.pop("KLACHTENLOKET_INSTANCE", None)
        else:
            os.environ["KLACHTENLOKET_INSTANCE"] = saved

    SERVED["database"] = ours
    SERVED["app"] = app     # for a test that changes a setting for a moment (test_csp.py)

    def keep_our_database():
        # db.database is a process-wide proxy: other tests' app fixtures re-bind it.
        if db.database.obj is not ours:
            db.database.initialize(ours)
    app.before_request_funcs.setdefault(None, []).insert(0, keep_our_database)

    server = make_server(LOCAL_HOST, 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{LOCAL_HOST}:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_database(live_server):
    """`with live_database(): ...` runs model code against the live server's database."""
    from contextlib import contextmanager

    @contextmanager
    def bound():
        db.database.initialize(SERVED["database"])
        with db.database.connection_context():
            yield
    return bound


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(**LAUNCH)
        yield chromium
        chromium.close()


class OffHostRequests(list):
    def listen(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "about", "blob"):
            return
        if parts.hostname != LOCAL_HOST:
            self.append(request.url)


@pytest.fixture
def new_context(browser, live_server):
    """A factory for browser contexts: Dutch browser, phone-sized, base URL set, off-host
    requests recorded and failing the test; all closed after the test."""
    contexts, offenders = [], OffHostRequests()

    def make(**options):
        settings = {"base_url": live_server, "locale": "nl-NL", "viewport": PHONE, **options}
        context = browser.new_context(**settings)
        context.set_default_timeout(5000)
        context.on("request", offenders.listen)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert not offenders, f"requests left 127.0.0.1: {offenders}"


@pytest.fixture
def page(new_context):
    page = new_context().new_page()
    page.set_default_timeout(5000)
    return page


@pytest.fixture
def nojs_page(new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.set_default_timeout(5000)
    return page


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe
    return Axe()


def axe_report(axe, page) -> str:
    """'' when axe finds nothing on the page as it is now, else axe's readable report."""
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                    "resultTypes": ["violations"]})
    if not result.response["violations"]:
        return ""
    return f"{page.url}\n{result.generate_report()}"


@pytest.fixture
def axe_check(axe):
    """axe_check(page): zero WCAG 2.2 AA violations on the page as it is now."""
    def check(page):
        report = axe_report(axe, page)
        assert not report, report
    return check


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


# --- staff in the browser ---------------------------------------------------------------------

STAFF_PASSWORD = "paard batterij nietje"    # every browser test's staff accounts


def current_code(email: str) -> str:
    """The code the account's authenticator app shows now, read from the live server's
    database. Its last used step is forgotten first: a test may log one account in several
    times within 30 seconds, and a code works only once (test_two_factor_pages.py tests that)."""
    from klachtenloket.models import Staff
    from klachtenloket.services import two_factor
    db.database.initialize(SERVED["database"])
    with db.database.connection_context():
        Staff.update(totp_last_step=0).where(Staff.email == email.strip().lower()).execute()
        secret = Staff.get(Staff.email == email.strip().lower()).totp_secret
    return two_factor.code_at(secret, two_factor.current_step())


def _submit(page) -> None:
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def staff_log_in(page, email: str, password: str = STAFF_PASSWORD, lang: str | None = None,
                 here: bool = False) -> None:
    """Log in as a person does: on the login page the browser is on (`here`), else a newly
    opened one (in `lang`, when given); then the code from the app. An account without the app
    sets it up on the enrolment page (the key read from the page, as a person types it into
    the app, and past the backup codes); after a one-time password the same password is chosen
    as one's own, so the test can use it again."""
    import pyotp
    if not here:
        page.goto("/beheer/inloggen" + (f"?lang={lang}" if lang else ""))
    page.fill("#email", email)
    page.fill("#password", password)
    _submit(page)
    path = urlsplit(page.url).path
    if path == "/beheer/inloggen/instellen":
        secret = page.inner_text("#totp-secret").replace(" ", "")
        page.fill("#code", pyotp.TOTP(secret).now())
        _submit(page)
        page.click("main a.button")
        page.wait_for_load_state()
    elif path == "/beheer/inloggen/code":
        page.fill("#code", current_code(email))
        _submit(page)
    if urlsplit(page.url).path == "/beheer/wachtwoord":
        page.fill("#password", password)
        page.fill("#repeat", password)
        _submit(page)


@pytest.fixture
def keep_configuration(live_database):
    """Configuration rows a test stores are removed after it, so the others keep the preset."""
    from klachtenloket.models import OrganisationConfig
    with live_database():
        newest = OrganisationConfig.select().order_by(OrganisationConfig.id.desc()).first()
    yield
    with live_database():
        OrganisationConfig.delete().where(
            OrganisationConfig.id > (newest.id if newest else 0)).execute()


def send_step(page, selector: str, javascript: bool = True) -> None:
    """Click a step's submit button and wait for its answer: with JavaScript htmx swaps in a new
    <main> (no page load to wait for), without it the browser loads the next page."""
    if not javascript:
        page.click(selector)
        page.wait_for_load_state()
        return
    from playwright.sync_api import expect
    page.locator("main").evaluate("main => { main.dataset.before = 'yes'; }")
    page.click(selector)
    expect(page.locator("main[data-before]")).to_have_count(0)
