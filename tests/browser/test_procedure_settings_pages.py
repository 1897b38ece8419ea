"""The administrator's pages for the logo, contact channels, managers, the complaint form, the
second line and the e-mail texts, in a real browser at 320 px: axe finds nothing on each page
and on an error state of each form, nothing scrolls sideways, each form saves, and a channel is
added without JavaScript. The configuration rows the test stores are removed afterwards."""

import pytest
from PIL import Image
from playwright.sync_api import expect

from klachtenloket.domain.roles import ADMINISTRATOR, READER
from klachtenloket.services import accounts, configuration
from tests.browser.conftest import STAFF_PASSWORD, screenshot, staff_log_in

ADMIN_EMAIL = "browser-procedure@example.nl"
MANAGER_EMAIL = "browser-manager@example.nl"
NARROW = {"width": 320, "height": 800}
PAGES = {
    "logo": "/beheer/instellingen/logo",
    "channels": "/beheer/instellingen/kanalen",
    "channel": "/beheer/instellingen/kanalen/2",
    "managers": "/beheer/instellingen/leidinggevenden",
    "intake": "/beheer/instellingen/formulier",
    "second-line": "/beheer/instellingen/tweede-lijn",
    "emails": "/beheer/instellingen/e-mails",
    "email": "/beheer/instellingen/e-mails/acknowledgement/nl",
}


@pytest.fixture(scope="module")
def procedure_admin(live_database):
    with live_database():
        accounts.create(ADMIN_EMAIL, "Bea Procedure", ADMINISTRATOR, STAFF_PASSWORD)
        accounts.create(MANAGER_EMAIL, "Mira Manager", READER, STAFF_PASSWORD)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]


def checked(page, axe_check, name):
    assert page.locator("h1").count() == 1
    axe_check(page)
    assert fits(page), f"{name} scrolls sideways at 320 px"
    screenshot(page, f"procedure-{name}")


def submit(page):
    page.click("main form button[type=submit]:not([value=preview]) >> nth=0")
    page.wait_for_load_state()


def test_the_procedure_pages_pass_axe_fit_and_save_without_javascript(
        new_context, procedure_admin, keep_configuration, axe_check, live_database, tmp_path):
    page = new_context(viewport=NARROW).new_page()
    staff_log_in(page, ADMIN_EMAIL, lang="nl")
    for name, path in PAGES.items():
        page.goto(path)
        checked(page, axe_check, name)

    # The logo: a broken file is refused at the field; a PNG is shown in the public header.
    broken = tmp_path / "logo.svg"
    broken.write_text('<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    page.goto(PAGES["logo"])
    page.set_input_files("#logo", str(broken))
    submit(page)
    expect(page.locator("#logo-error")).to_be_visible()
    checked(page, axe_check, "logo-error")
    png = tmp_path / "logo.png"
    Image.new("RGB", (240, 80), (29, 79, 145)).save(png)
    page.set_input_files("#logo", str(png))
    submit(page)
    expect(page.locator("[role=status]")).to_be_visible()
    checked(page, axe_check, "logo-saved")
    page.goto("/")
    expect(page.locator(".brand img.logo")).to_have_attribute("alt", "Werk en Inkomen Lekstroom")
    axe_check(page)
    assert fits(page)
    screenshot(page, "procedure-public-header-with-logo")

    # A channel with hours it cannot read, then a good one.
    page.goto(PAGES["channel"])
    page.fill("#hours", "elke dag")
    submit(page)
    expect(page.locator("#hours-error")).to_be_visible()
    expect(page.locator("#hours")).to_have_value("elke dag")
    checked(page, axe_check, "channel-error")
    page.fill("#hours", "ma-do 08:30-12:30")
    submit(page)
    expect(page.locator("[role=status]")).to_be_visible()

    # A manager for the first team.
    page.goto(PAGES["managers"])
    page.select_option("#unit_0", MANAGER_EMAIL)
    submit(page)
    expect(page.locator("[role=status]")).to_be_visible()

    # The complaint form: a required client number cannot be chosen; an answer needs its question.
    page.goto(PAGES["intake"])
    assert page.locator("#client_number_state option[value=required]").count() == 0
    page.select_option("#email_state", "off")
    submit(page)
    expect(page.locator("#email_state-error")).to_be_visible()
    checked(page, axe_check, "intake-error")
    page.select_option("#email_state", "required")
    page.select_option("#client_number_state", "off")
    submit(page)
    expect(page.locator("[role=status]")).to_be_visible()

    # The second line: a commissioning party needs its options.
    page.goto(PAGES["second-line"])
    page.check("#kind-2")
    submit(page)
    expect(page.locator("#options-error")).to_be_visible()
    checked(page, axe_check, "second-line-error")
    page.fill("#options", "uwv: UWV\ngemeente: Gemeente")
    submit(page)
    expect(page.locator("[role=status]")).to_be_visible()

    # An e-mail text: an unknown placeholder is refused; the preview fills in a made-up complaint.
    page.goto(PAGES["email"])
    page.fill("#text", "Beste {{ naam }}")
    submit(page)
    expect(page.locator("#text-error")).to_contain_text("naam")
    checked(page, axe_check, "email-error")
    page.fill("#text", "Beste {{ name }},\n\n{{ letter }}\n\n{{ link }}")
    page.click("button[name=action][value=preview]")
    page.wait_for_load_state()
    expect(page.locator("#preview")).to_contain_text("Beste Sam Jansen")
    checked(page, axe_check, "email-preview")
    submit(page)
    expect(page.locator("[role=status]")).to_be_visible()

    with live_database():
        stored = configuration.stored()
    assert stored["organisation"]["logo"]
    assert stored["intake"]["units"][0]["manager"] == MANAGER_EMAIL
    assert stored["intake"]["fields"]["client_number"] == "off"
    assert stored["second_line"]["kind"] == "commissioning_party"
    assert stored["emails"]["acknowledgement"]["nl"].startswith("Beste {{ name }}")

    # Without JavaScript the pages work the same: plain forms, POST and redirect.
    nojs = new_context(viewport=NARROW, java_script_enabled=False).new_page()
    staff_log_in(nojs, ADMIN_EMAIL, lang="nl")
    nojs.goto(PAGES["channels"])
    nojs.click("a[href='/beheer/instellingen/kanalen/nieuw']")
    nojs.select_option("#kind", "desk")
    nojs.fill("#address", "Stadhuisplein 1\nNieuwegein")
    nojs.fill("#hours", "di 09:00-12:00")
    submit(nojs)
    expect(nojs.locator("[role=status]")).to_be_visible()
    expect(nojs.locator(".channel-list")).to_contain_text("Stadhuisplein 1")
    screenshot(nojs, "procedure-channels-saved-nojs")

    # The resident's form follows: no client number, the e-mail address required.
    resident = new_context(viewport=NARROW).new_page()
    resident.goto("/klacht/indienen?lang=nl")
    resident.check("input[value=self]")
    resident.click("main form button[type=submit]")
    expect(resident.locator("#email")).to_be_visible()
    assert resident.locator("#client_number").count() == 0
    expect(resident.locator("label[for=email]")).to_have_text("E-mailadres")
    axe_check(resident)
    assert resident.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    screenshot(resident, "procedure-public-form")
