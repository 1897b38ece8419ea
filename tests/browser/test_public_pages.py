"""The resident's pages in a real browser: accessibility (axe, keyboard, focus, 320 px),
language, what the pages load, and the whole path with JavaScript off.

Selectors use ids, hrefs and structure rather than text, so the tests hold in both languages
whether or not the translation catalogs are compiled.
"""
import re
from datetime import date, timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import PHONE, OffHostRequests, axe_report, screenshot

LANGUAGES = ["nl", "en"]
REFERENCE = re.compile(r"KL-\d{4}-\d{5}")
TOKEN_PATH = re.compile(r"/volgen/[A-Za-z0-9_\-]+$")

RECENT = (date.today() - timedelta(days=10)).isoformat()
OLD = (date.today() - timedelta(days=400)).isoformat()

SUBMIT = "main form button[type=submit]"


def submit(page):
    page.click(SUBMIT)
    page.wait_for_load_state()


def has_error_summary(page):
    assert page.locator(".error-summary").count() == 1, f"no error summary on {page.url}"


def fill_representative(page, event_date):
    page.fill("#representative_name", "Jan de Vries")
    page.fill("#representative_relation", "Buurman")
    page.fill("#representative_phone", "06 12345678")
    page.check("#consent")
    page.fill("#name", "Fatima el Amrani")
    page.check("#reply_by-2")  # by phone; a representative's phone number counts
    page.fill("#description", "De medewerker aan de balie was onbeleefd.")
    page.fill("#event_date", event_date)
    page.fill("#event_time", "14:30")


def public_pages(page, lang):
    """Walk every public page and state once, yielding (name, page) at each.

    start, 404, who (+ error), details for self (+ error), details for a representative
    (+ error), check answers with the >1-year warning and without, confirmation, tracking
    page (+ add-information error, + after adding), withdraw confirm, withdrawn, resend link
    (+ error), check your e-mail.
    """
    page.goto(f"/?lang={lang}")
    yield "start", page

    response = page.goto("/deze-pagina-bestaat-niet")
    assert response.status == 404
    yield "not-found", page

    page.goto("/klacht/indienen")
    yield "who", page
    submit(page)
    has_error_summary(page)
    yield "who-error", page

    page.check("#filed_by-0")
    submit(page)
    assert urlsplit(page.url).path == "/klacht/gegevens"
    assert page.locator("#representative_name").count() == 0
    yield "details-self", page
    submit(page)
    has_error_summary(page)
    yield "details-self-error", page

    page.goto("/klacht/indienen")
    page.check("#filed_by-1")
    submit(page)
    assert page.locator("#representative_name").count() == 1
    yield "details-representative", page
    submit(page)
    has_error_summary(page)
    yield "details-representative-error", page

    fill_representative(page, OLD)
    submit(page)
    assert urlsplit(page.url).path == "/klacht/controleren"
    assert page.locator(".warning").count() == 1, "an event over a year old gets the warning"
    yield "check-old", page

    page.goto("/klacht/gegevens")
    page.fill("#event_date", RECENT)
    submit(page)
    assert urlsplit(page.url).path == "/klacht/controleren"
    assert page.locator(".warning").count() == 0
    yield "check", page

    submit(page)
    assert urlsplit(page.url).path == "/klacht/ontvangen"
    assert REFERENCE.search(page.locator("strong.reference").inner_text())
    yield "confirmation", page

    page.click(".link-box a")
    page.wait_for_load_state()
    assert TOKEN_PATH.search(urlsplit(page.url).path)
    yield "track", page

    page.click("form[action$='/aanvullen'] button[type=submit]")
    page.wait_for_load_state()
    has_error_summary(page)
    yield "track-add-error", page

    page.fill("#text", "Ik heb nog een brief van 3 november.")
    page.click("form[action$='/aanvullen'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("[role=status]").count() == 1
    yield "track-added", page

    page.click("a[href$='/intrekken']")
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/intrekken")
    yield "withdraw", page

    submit(page)
    assert TOKEN_PATH.search(urlsplit(page.url).path)
    assert page.locator("a[href$='/intrekken']").count() == 0
    assert page.locator("form[action$='/aanvullen']").count() == 0
    yield "withdrawn", page

    page.goto("/volgen/")
    yield "resend", page
    submit(page)
    has_error_summary(page)
    yield "resend-error", page
    page.fill("#email", "fatima@example.nl")
    submit(page)
    assert page.locator("#email").count() == 0
    yield "link-sent", page


PAGE_FACTS = """() => ({
    width: document.documentElement.scrollWidth,
    lang: document.documentElement.lang,
    scripts: document.scripts.length,
    fonts: document.fonts.size,
})"""


@pytest.fixture(scope="module", params=LANGUAGES)
def walk(request, browser, live_server, axe):
    """One walk over every public page and state per language, at phone width (390 px),
    recording per page: axe's report, a screenshot, the facts in PAGE_FACTS, the width at
    320 px and the language links; and every response of the walk. The tests below each
    judge one aspect, so a failure names what is wrong."""
    lang = request.param
    offenders = OffHostRequests()
    context = browser.new_context(base_url=live_server, locale="nl-NL", viewport=PHONE)
    context.set_default_timeout(5000)
    context.on("request", offenders.listen)
    page = context.new_page()
    responses = []
    page.on("response", lambda r: responses.append((r.request.resource_type, r.url)))
    other = {"nl": "en", "en": "nl"}[lang]
    pages = {}
    try:
        for name, current in public_pages(page, lang):
            screenshot(current, f"{lang}-{name}")
            facts = current.evaluate(PAGE_FACTS)
            facts["axe"] = axe_report(axe, current)
            facts["other_language_links"] = current.locator(f"nav.lang a[hreflang={other}]").count()
            current.set_viewport_size({"width": 320, "height": 640})
            facts["width_320"] = current.evaluate("document.documentElement.scrollWidth")
            if facts["width_320"] > 320:
                screenshot(current, f"320-{lang}-{name}")
            current.set_viewport_size(PHONE)
            pages[name] = facts
    finally:
        context.close()
    yield SimpleNamespace(lang=lang, pages=pages, responses=responses, offenders=offenders)


def test_walk_reaches_every_page_and_state(walk):
    assert list(walk.pages) == [
        "start", "not-found", "who", "who-error", "details-self", "details-self-error",
        "details-representative", "details-representative-error", "check-old", "check",
        "confirmation", "track", "track-add-error", "track-added", "withdraw", "withdrawn",
        "resend", "resend-error", "link-sent"]


def test_axe_finds_nothing_on_any_public_page(walk):
    """WCAG 2.2 AA tags, every page and every error state."""
    reports = [f"== {name}\n{facts['axe']}" for name, facts in walk.pages.items() if facts["axe"]]
    assert not reports, "\n\n".join(reports)


def test_no_public_page_is_wider_than_320_px(walk):
    too_wide = {name: f["width_320"] for name, f in walk.pages.items() if f["width_320"] > 320}
    assert not too_wide, f"wider than 320 px (see screenshots/320-*.png): {too_wide}"


def test_every_page_says_its_language_and_offers_the_other(walk):
    wrong = {name: f["lang"] for name, f in walk.pages.items() if f["lang"] != walk.lang}
    assert not wrong, f"<html lang> should be {walk.lang!r}: {wrong}"
    missing = [name for name, f in walk.pages.items() if f["other_language_links"] != 1]
    assert not missing, f"no link to the other language on: {missing}"


def test_pages_load_no_script_no_font_and_nothing_from_another_host(walk):
    scripts = {name: (f["scripts"], f["fonts"]) for name, f in walk.pages.items()
               if f["scripts"] or f["fonts"]}
    assert not scripts, f"(script elements, web fonts) on: {scripts}"
    types = {kind for kind, _url in walk.responses}
    assert not types & {"script", "font"}, [(k, u) for k, u in walk.responses
                                            if k in ("script", "font")]
    assert types <= {"document", "stylesheet"}, types
    hosts = {urlsplit(url).hostname for _kind, url in walk.responses}
    assert hosts == {"127.0.0.1"}, hosts
    assert not walk.offenders, f"requests left 127.0.0.1: {list(walk.offenders)}"


def test_language_is_dutch_by_default_and_english_after_the_link(page):
    page.goto("/")
    assert page.evaluate("document.documentElement.lang") == "nl"
    page.click("nav.lang a[hreflang=en]")
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "en"
    # The choice holds for the rest of the visit, and the way back is offered.
    page.goto("/klacht/indienen")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.click("nav.lang a[hreflang=nl]")
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert urlsplit(page.url).path == "/klacht/indienen"


def test_english_browser_gets_english(new_context):
    page = new_context(locale="en-GB").new_page()
    page.goto("/")
    assert page.evaluate("document.documentElement.lang") == "en"


def test_whole_path_without_javascript(nojs_page):
    page = nojs_page
    page.goto("/?lang=en")
    page.click("a.button.start")
    page.check("#filed_by-1")
    submit(page)
    fill_representative(page, RECENT)
    submit(page)
    assert urlsplit(page.url).path == "/klacht/controleren"
    submit(page)

    assert urlsplit(page.url).path == "/klacht/ontvangen"
    reference = REFERENCE.search(page.locator("main").inner_text())
    assert reference, "the confirmation shows a reference like KL-2026-00001"
    reference = reference.group(0)

    page.click(".link-box a")
    assert TOKEN_PATH.search(urlsplit(page.url).path)
    assert reference in page.locator("h1").inner_text()

    page.fill("#text", "Ik heb nog een brief van 3 november.")
    page.click("form[action$='/aanvullen'] button[type=submit]")
    assert page.locator("[role=status]").count() == 1
    assert "Ik heb nog een brief van 3 november." in page.locator(".timeline").inner_text()

    page.click("a[href$='/intrekken']")
    assert reference in page.locator("h1").inner_text()
    page.fill("#reason", "Opgelost.")
    submit(page)
    assert TOKEN_PATH.search(urlsplit(page.url).path)
    assert "Withdrawn" in page.locator(".summary").inner_text()
    assert page.locator("a[href$='/intrekken']").count() == 0


def tab_to(page, selector, limit=60):
    """Press Tab until the element matching selector has focus."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def focus_is_visible(page) -> bool:
    style = page.evaluate("""() => {
        const s = getComputedStyle(document.activeElement);
        return {outline: s.outlineStyle, shadow: s.boxShadow};
    }""")
    return style["outline"] != "none" or style["shadow"] != "none"


def test_keyboard_only(page):
    page.goto("/")
    tab_to(page, "a.button.start")
    assert focus_is_visible(page), "focused link shows its focus"
    page.keyboard.press("Enter")
    page.wait_for_url("**/klacht/indienen")

    tab_to(page, "#filed_by-0")
    page.keyboard.press("Space")
    assert page.is_checked("#filed_by-0")
    page.keyboard.press("ArrowDown")
    assert page.is_checked("#filed_by-1")
    page.keyboard.press("ArrowUp")
    assert page.is_checked("#filed_by-0")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('button[type=submit]')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/klacht/gegevens")

    tab_to(page, "#name")
    assert focus_is_visible(page), "focused input shows its focus"
    page.keyboard.type("Fatima el Amrani")
    for value in ["Dorpsstraat 1", "3431 AB", "Nieuwegein", "06 12345678", "fatima@example.nl"]:
        page.keyboard.press("Tab")
        page.keyboard.type(value)
    assert page.input_value("#postcode") == "3431 AB"
    assert page.input_value("#email") == "fatima@example.nl"
    page.keyboard.press("Tab")  # client number: left empty
    page.keyboard.press("Tab")  # into the reply-by radios: the first, by letter
    page.keyboard.press("ArrowDown")
    assert page.is_checked("#reply_by-1"), "by e-mail"
    page.keyboard.press("Tab")
    page.keyboard.type("De medewerker aan de balie was onbeleefd.")
    page.keyboard.press("Tab")
    day = date.today() - timedelta(days=10)
    page.keyboard.type(day.strftime("%d-%m-%Y"))
    assert page.input_value("#event_date") == day.strftime("%d-%m-%Y")
    tab_to(page, "#event_time", limit=5)
    page.keyboard.type("14:30")
    tab_to(page, "main form button[type=submit]", limit=10)
    page.keyboard.press("Enter")
    page.wait_for_url("**/klacht/controleren")

    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/klacht/ontvangen")
    assert REFERENCE.search(page.locator("strong.reference").inner_text())
