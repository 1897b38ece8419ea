"""Two-factor login in a real browser (issue 7, "Staff accounts and sessions"): a new account
enrols with a real code from the key on the page, sees its backup codes once, logs out, logs in
with password and code, and once with a backup code. axe finds nothing on any of these pages or
their error states, in Dutch and English, none is wider than 320 px; and the same walk works
without JavaScript."""
import time
from urllib.parse import urlsplit

import pyotp
import pytest

from klachtenloket.domain.roles import COORDINATOR
from klachtenloket.services import accounts
from tests.browser.conftest import PHONE, STAFF_PASSWORD, screenshot

EMAILS = {"nl": "tf-nl@example.nl", "en": "tf-en@example.nl", "nojs": "tf-nojs@example.nl"}


@pytest.fixture(scope="module")
def two_factor_data(live_database):
    with live_database():
        for key, email in EMAILS.items():
            accounts.create(email, f"Tessa Tweestaps {key}", COORDINATOR, STAFF_PASSWORD)


def submit(page):
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def send_password(page, email, lang=None):
    page.goto("/beheer/inloggen" + (f"?lang={lang}" if lang else ""))
    page.fill("#email", email)
    page.fill("#password", STAFF_PASSWORD)
    submit(page)


def wrong_code(secret: str) -> str:
    codes = {pyotp.TOTP(secret).at(time.time() + offset) for offset in (-30, 0, 30)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in codes)


def log_out(page):
    page.click("header form.account button[type=submit]")
    page.wait_for_load_state()


def path(page) -> str:
    return urlsplit(page.url).path


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_enrol_log_out_log_in_with_a_code_and_with_a_backup_code(
        new_context, two_factor_data, axe_check, lang):
    page = new_context(viewport=PHONE).new_page()
    widths = {}

    def check(name):
        assert page.evaluate("document.documentElement.lang") == lang
        axe_check(page)
        screenshot(page, f"two-factor-{lang}-{name}")
        page.set_viewport_size({"width": 320, "height": 640})
        widths[name] = page.evaluate("document.documentElement.scrollWidth")
        page.set_viewport_size(PHONE)

    send_password(page, EMAILS[lang], lang)
    assert path(page) == "/beheer/inloggen/instellen"
    assert page.locator("main svg[role=img]").count() == 1, "the QR code"
    secret = page.inner_text("#totp-secret").replace(" ", "")
    check("enrol")

    page.fill("#code", wrong_code(secret))
    submit(page)
    assert page.locator(".error-summary").count() == 1
    assert page.inner_text("#totp-secret").replace(" ", "") == secret
    check("enrol-error")

    page.fill("#code", pyotp.TOTP(secret).now())      # what the app shows now
    submit(page)
    codes = page.locator("#backup-codes code").all_inner_texts()
    assert len(codes) == 10
    check("backup-codes")
    page.click("main a.button")
    page.wait_for_load_state()
    assert path(page) == "/beheer/"

    log_out(page)
    send_password(page, EMAILS[lang])
    assert path(page) == "/beheer/inloggen/code"
    check("code")
    page.fill("#code", wrong_code(secret))
    submit(page)
    assert page.locator(".error-summary").count() == 1
    check("code-error")
    # The code of the next 30 seconds: the one used to enrol does not work twice.
    page.fill("#code", pyotp.TOTP(secret).at(time.time() + 30))
    submit(page)
    assert path(page) == "/beheer/"

    log_out(page)
    send_password(page, EMAILS[lang])
    page.click("main details summary")
    page.fill("#code", codes[0])
    submit(page)
    assert page.locator("#codes-left").count() == 1
    check("backup-used")
    page.click("main a.button")
    page.wait_for_load_state()
    assert path(page) == "/beheer/"

    page.goto("/beheer/wachtwoord")
    check("password")
    page.fill("#password", "wachtwoord1234")
    page.fill("#repeat", "wachtwoord1234")
    submit(page)
    assert page.locator(".error-summary").count() == 1
    check("password-error")

    too_wide = {name: width for name, width in widths.items() if width > 320}
    assert not too_wide, f"wider than 320 px: {too_wide}"


def test_the_whole_two_factor_walk_works_without_javascript(new_context, two_factor_data):
    page = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    send_password(page, EMAILS["nojs"], "en")
    secret = page.inner_text("#totp-secret").replace(" ", "")
    page.fill("#code", pyotp.TOTP(secret).now())
    submit(page)
    codes = page.locator("#backup-codes code").all_inner_texts()
    page.click("main a.button")
    page.wait_for_load_state()
    assert path(page) == "/beheer/"
    log_out(page)

    send_password(page, EMAILS["nojs"])
    page.fill("#code", pyotp.TOTP(secret).at(time.time() + 30))
    submit(page)
    assert path(page) == "/beheer/"
    log_out(page)

    send_password(page, EMAILS["nojs"])
    page.fill("#code", codes[1])        # the same field takes a backup code
    submit(page)
    page.click("main a.button")
    page.wait_for_load_state()
    assert path(page) == "/beheer/"
