"""The administrator's page for the whole configuration as TOML, in a real browser: axe finds
nothing on the page and on its error states (Dutch and English), and storing the edited text
works without JavaScript. Whatever it stores is taken away again at the end, so the other
browser tests keep the organisation they expect.

Selectors use ids and form actions rather than text, so the tests hold in both languages.
"""
from urllib.parse import urlsplit

import pytest

from klachtenloket.domain.roles import ADMINISTRATOR
from klachtenloket.models import OrganisationConfig
from klachtenloket.services import accounts, configuration
from tests.browser.conftest import screenshot, staff_log_in, STAFF_PASSWORD

PASSWORD = STAFF_PASSWORD
EMAIL = "config-admin@example.nl"
PAGE = "/beheer/instellingen/configuratie"
DESKTOP = {"width": 1280, "height": 900}
TEXT_BUTTON = f"form[action='{PAGE}/tekst'] button[type=submit]"
FILE_BUTTON = f"form[action='{PAGE}/bestand'] button[type=submit]"


@pytest.fixture(scope="module")
def admin(live_database):
    with live_database():
        accounts.create(EMAIL, "Bea Configuratie", ADMINISTRATOR, PASSWORD)
        newest = OrganisationConfig.select().order_by(OrganisationConfig.id.desc()).first()
    yield
    with live_database():   # leave the configuration the other browser tests expect
        OrganisationConfig.delete().where(
            OrganisationConfig.id > (newest.id if newest else 0)).execute()


def log_in(page):
    staff_log_in(page, EMAIL)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_and_its_error_states_pass_axe(new_context, admin, axe_check, lang, tmp_path):
    page = new_context(viewport=DESKTOP).new_page()
    log_in(page)
    page.goto(f"{PAGE}?lang={lang}")
    assert page.evaluate("document.documentElement.lang") == lang
    assert "[organisation]" in page.input_value("#toml")
    axe_check(page)
    screenshot(page, f"staff-{lang}-configuration")

    # Text that is not TOML: the message at the field, the text kept.
    broken = page.input_value("#toml").replace("[procedure]", "[procedure", 1)
    page.fill("#toml", broken)
    page.click(TEXT_BUTTON)
    page.wait_for_load_state()
    assert page.locator("#toml-error").count() == 1
    assert page.locator(".error-summary a[href='#toml']").count() == 1
    assert page.input_value("#toml") == broken.strip()
    axe_check(page)
    screenshot(page, f"staff-{lang}-configuration-error")

    # A file the check refuses: the message at the file field, its text in the text box.
    path = tmp_path / "kapot.toml"
    path.write_text('[organisation]\nname = "Zonder tweede lijn"\n', encoding="utf-8")
    page.set_input_files("#file", str(path))
    page.click(FILE_BUTTON)
    page.wait_for_load_state()
    assert page.locator("#file-error").count() == 1
    assert "Zonder tweede lijn" in page.input_value("#toml")
    axe_check(page)

    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_edited_text_is_stored_without_javascript(new_context, admin, live_database):
    page = new_context(java_script_enabled=False).new_page()
    log_in(page)
    page.goto(f"{PAGE}?lang=en")
    text = page.input_value("#toml")
    assert 'decision = "6 weeks"' in text
    page.fill("#toml", text.replace('decision = "6 weeks"', 'decision = "7 weeks"'))
    page.click(TEXT_BUTTON)
    page.wait_for_load_state()
    assert urlsplit(page.url).path == PAGE
    assert page.locator("[role=status]").count() == 2    # stored; which parts changed
    assert 'decision = "7 weeks"' in page.input_value("#toml")
    assert "Bea Configuratie" in page.inner_text("#configuration-stored")
    with live_database():
        assert configuration.stored()["procedure"]["decision"] == "7 weeks"
