"""Staff accounts in a real browser: axe on the list, the new-account form, its error state, the
one-time password page and an account's page, in Dutch and English, none wider than 320 px;
and the whole round without JavaScript: make an account, log in with its one-time password,
disable it."""
from urllib.parse import urlsplit

import pytest

from klachtenloket.domain.roles import ADMINISTRATOR, READER
from klachtenloket.services import accounts
from tests.browser.conftest import PHONE, screenshot, staff_log_in, STAFF_PASSWORD

PASSWORD = STAFF_PASSWORD
ADMIN_EMAIL = "people-admin@example.nl"
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def people_data(live_database):
    with live_database():
        accounts.create(ADMIN_EMAIL, "Paula Personeel", ADMINISTRATOR, PASSWORD)
        accounts.create("people-reader@example.nl", "Lex Lezer", READER, PASSWORD)


def log_in(page, email=ADMIN_EMAIL, password=PASSWORD, lang="nl"):
    staff_log_in(page, email, password, lang)


def submit(page, selector="main form button[type=submit]"):
    page.click(selector)
    page.wait_for_load_state()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_axe_finds_nothing_on_the_account_pages_and_none_is_wider_than_320(
        new_context, people_data, axe_check, lang):
    page = new_context(viewport=DESKTOP).new_page()
    widths = {}

    def check(name):
        assert page.evaluate("document.documentElement.lang") == lang
        axe_check(page)
        screenshot(page, f"people-{lang}-{name}")
        page.set_viewport_size({"width": 320, "height": 640})
        widths[name] = page.evaluate("document.documentElement.scrollWidth")
        screenshot(page, f"people-{lang}-{name}-320")
        page.set_viewport_size(DESKTOP)

    log_in(page, lang=lang)
    page.click("#manage-accounts")
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/beheer/medewerkers"
    assert page.locator("#account-list tbody tr").count() >= 2
    check("list")

    page.click("#new-account")
    page.wait_for_load_state()
    check("new")

    page.fill("#name", "Nina Nieuw")
    page.fill("#email", "people-reader@example.nl")     # taken
    page.check("#role-1")
    submit(page)
    assert page.locator(".error-summary").count() == 1
    assert page.input_value("#name") == "Nina Nieuw", "nothing typed is lost"
    assert page.is_checked("#role-1")
    check("new-error")

    page.fill("#email", f"nina-{lang}@example.nl")
    submit(page)
    password = page.inner_text("#one-time-password")
    assert len(password.replace("-", "")) == 20
    assert page.locator("#hand-over").count() == 1
    check("password")

    page.click("main a[href^='/beheer/medewerkers/']")
    page.wait_for_load_state()
    assert password not in page.content()
    check("account")

    too_wide = {name: width for name, width in widths.items() if width > 320}
    assert not too_wide, f"wider than 320 px: {too_wide}"


def test_making_using_and_disabling_an_account_works_without_javascript(new_context,
                                                                       people_data):
    admin = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    log_in(admin, lang="en")
    admin.goto("/beheer/medewerkers/nieuw")
    admin.fill("#name", "Joost Zonder")
    admin.fill("#email", "joost@example.nl")
    admin.check("input[name=role][value=reader]")
    submit(admin)
    password = admin.inner_text("#one-time-password")

    joost = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    log_in(joost, email="joost@example.nl", password=password)
    assert urlsplit(joost.url).path == "/beheer/"
    assert "Joost Zonder" in joost.inner_text("main")

    admin.click("main a[href^='/beheer/medewerkers/']")
    admin.wait_for_load_state()
    submit(admin, "#access-form button")
    assert admin.locator("main [role=status]").count() == 1

    joost.goto("/beheer/")
    assert urlsplit(joost.url).path == "/beheer/inloggen", "the open session ended at once"
