"""The letter texts in a real browser: axe on the list, the edit page, its error state and its
preview, in Dutch and English, no horizontal scrolling at 320 px; and one save without
JavaScript. The configuration rows a test stores are removed afterwards, so the other browser
tests keep the preset they expect."""
import pytest
from playwright.sync_api import expect

from klachtenloket.domain.roles import ADMINISTRATOR
from klachtenloket.services import accounts, configuration
from tests.browser.conftest import screenshot, staff_log_in, STAFF_PASSWORD

PASSWORD = STAFF_PASSWORD
ADMIN_EMAIL = "browser-letters@example.nl"
NARROW = {"width": 320, "height": 800}
WIDE = {"width": 1280, "height": 900}
LIST = "/beheer/instellingen/brieven"
DECIDED_NL = "/beheer/instellingen/brieven/decided/nl"


@pytest.fixture(scope="module")
def letters_admin(live_database):
    with live_database():
        accounts.create(ADMIN_EMAIL, "Bea Brieven", ADMINISTRATOR, PASSWORD)




def log_in(page, lang):
    staff_log_in(page, ADMIN_EMAIL, lang=lang)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["320px", "wide"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_axe_finds_nothing_on_the_letter_pages(new_context, letters_admin, keep_configuration,
                                               axe_check, lang, viewport):
    page = new_context(viewport=viewport).new_page()
    narrow = viewport is NARROW
    log_in(page, lang)
    page.goto("/beheer/instellingen/")
    page.click(f"a[href='{LIST}']")
    expect(page.locator("#letter-texts")).to_be_visible()
    axe_check(page)
    assert not narrow or fits(page)
    screenshot(page, f"letters-list-{lang}-{viewport['width']}")

    page.click(f"a[href='{DECIDED_NL}']")
    assert "{{ findings }}" in page.locator("#text").input_value()
    axe_check(page)
    assert not narrow or fits(page)
    screenshot(page, f"letters-edit-{lang}-{viewport['width']}")

    # The error state: an unknown placeholder, refused with the reason, the text kept.
    page.fill("#text", "Beste {{ naam }},\n\nDank u.")
    page.click("main form button[type=submit]")
    expect(page.locator(".error-summary")).to_contain_text("naam")
    expect(page.locator("#text-error")).to_be_visible()
    expect(page.locator("#text")).to_have_value("Beste {{ naam }},\n\nDank u.")
    axe_check(page)
    assert not narrow or fits(page)
    screenshot(page, f"letters-edit-error-{lang}-{viewport['width']}")

    # The preview: the typed text filled in, the second line below it; nothing stored.
    page.fill("#text", "Beste {{ name }},\n\nOns oordeel\n{{ outcome }}\n\n{{ organisation }}")
    page.click("button[name=action][value=preview]")
    expect(page.locator("#preview")).to_contain_text("Beste Sam Jansen,")
    expect(page.locator("#preview")).to_contain_text("Nationale ombudsman")
    axe_check(page)
    assert not narrow or fits(page)
    screenshot(page, f"letters-preview-{lang}-{viewport['width']}")


def test_a_letter_text_is_saved_and_reset_without_javascript(
        new_context, letters_admin, keep_configuration, live_database):
    page = new_context(java_script_enabled=False).new_page()
    log_in(page, "nl")
    page.goto(LIST)
    page.click(f"a[href='{DECIDED_NL}']")
    page.fill("#text", "Beste {{ name }},\n\nOns oordeel:\n{{ outcome }}")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    expect(page.locator("[role=status]")).to_contain_text("Opgeslagen")
    expect(page.locator("#text-status")).to_contain_text("eigen tekst")
    screenshot(page, "letters-saved")
    with live_database():
        assert configuration.stored()["letters"]["decided"]["nl"] == \
            "Beste {{ name }},\n\nOns oordeel:\n{{ outcome }}"

    page.click("text=Gebruik de standaardtekst")
    page.wait_for_load_state()
    expect(page.locator("#text-status")).to_contain_text("standaardtekst")
    with live_database():
        assert "letters" not in configuration.stored()
