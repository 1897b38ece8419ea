"""The administrator's settings pages in a real browser: axe on each page and on an error state
of each form, in Dutch and English, no horizontal scrolling at 320 px, and one save without
JavaScript. The configuration rows a test stores are removed afterwards, so the other browser
tests keep the preset they expect."""
import pytest
from playwright.sync_api import expect

from klachtenloket.domain.roles import ADMINISTRATOR
from klachtenloket.services import accounts, configuration
from tests.browser.conftest import screenshot, staff_log_in, STAFF_PASSWORD

PASSWORD = STAFF_PASSWORD
ADMIN_EMAIL = "browser-settings@example.nl"
NARROW = {"width": 320, "height": 800}

PAGES = {
    "index": "/beheer/instellingen/",
    "terms": "/beheer/instellingen/termijnen",
    "preview": "/beheer/instellingen/termijnen/voorbeeld?received=20-02-2026&channel=phone",
    "organisation": "/beheer/instellingen/organisatie",
    "lists": "/beheer/instellingen/lijsten",
}


@pytest.fixture(scope="module")
def settings_admin(live_database):
    with live_database():
        accounts.create(ADMIN_EMAIL, "Bea Instellingen", ADMINISTRATOR, PASSWORD)




def log_in(page, lang):
    staff_log_in(page, ADMIN_EMAIL, lang=lang)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_axe_finds_nothing_on_the_settings_pages_and_their_error_states(
        new_context, settings_admin, keep_configuration, axe_check, lang):
    page = new_context(viewport=NARROW).new_page()
    log_in(page, lang)
    for name, path in PAGES.items():
        page.goto(path)
        assert page.locator("h1").count() == 1
        axe_check(page)
        assert fits(page), f"{name} scrolls sideways at 320 px"
        screenshot(page, f"settings-{name}-{lang}")

    # Error states: each form sent with something it refuses.
    page.goto(PAGES["terms"])
    page.fill("#decision_amount", "zes")
    page.select_option("#extension_unit", "working_days")
    page.fill("#closed_days", "31-12-2026\nmorgen")
    page.click("main form button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#decision_amount")).to_have_value("zes")
    axe_check(page)
    assert fits(page)
    screenshot(page, f"settings-terms-error-{lang}")

    # The terms as typed, tried out without saving.
    page.goto(PAGES["terms"])
    page.fill("#decision_amount", "8")
    page.fill("#try_received", "20-02-2026")
    page.click("button[name=action][value=preview]")
    expect(page.locator("#tried time[datetime='2026-04-17']")).to_be_visible()
    axe_check(page)
    assert fits(page)
    screenshot(page, f"settings-terms-tried-{lang}")

    page.goto(PAGES["organisation"])
    page.fill("#accent_colour", "#4a9eda")
    page.click("main form button[type=submit]")
    expect(page.locator("#accent_colour-error")).to_contain_text("2")
    axe_check(page)
    assert fits(page)
    screenshot(page, f"settings-organisation-error-{lang}")

    page.goto(PAGES["lists"])
    page.fill("#categories", "Werk\nwerk")
    page.click("main form button[type=submit]")
    expect(page.locator("#categories-error")).to_be_visible()
    axe_check(page)

    page.goto("/beheer/instellingen/termijnen/voorbeeld?received=31-02-2026&channel=web")
    expect(page.locator(".error-summary")).to_be_visible()
    axe_check(page)
    screenshot(page, f"settings-preview-error-{lang}")


def test_terms_are_saved_without_javascript(new_context, settings_admin, keep_configuration,
                                            live_database):
    page = new_context(java_script_enabled=False).new_page()
    log_in(page, "nl")
    page.goto("/beheer/")
    page.click("a[href='/beheer/instellingen/termijnen']")
    page.fill("#closed_days", "31-12-2099")
    page.fill("#decision_amount", "6")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    expect(page.locator("[role=status]")).to_contain_text("Opgeslagen")
    expect(page.locator("#closed_days")).to_have_value("31-12-2099")
    screenshot(page, "settings-terms-saved")
    with live_database():
        assert configuration.stored()["procedure"]["closed_days"] == ["2099-12-31"]

    # The accent colour, saved without JavaScript too, reaches every page through /huisstijl.css.
    page.goto(PAGES["organisation"])
    page.fill("#accent_colour", "#5a2d82")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    expect(page.locator("[role=status]")).to_be_visible()
    expect(page.locator(".top")).to_have_css("background-color", "rgb(90, 45, 130)")
    screenshot(page, "settings-organisation-saved")
