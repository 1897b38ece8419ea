"""The resident's pages in Turkish, Arabic, Polish and Ukrainian in a real browser: axe finds
nothing on any page or error state, no page is wider than 320 px (nor 390 px), each says its
language; Arabic reads right to left with the layout mirrored, while the reference and phone
numbers keep their left-to-right order.

The walk is test_public_pages.public_pages (every page and state once). Screenshots of every
page in Arabic, at 390 px and at 320 px, go to tests/browser/screenshots/ar-*.png.
"""
import re
from types import SimpleNamespace

import pytest

from tests.browser.conftest import PHONE, axe_report, screenshot
from tests.browser.test_public_pages import public_pages

LANGUAGES = ["tr", "ar", "pl", "uk"]

PAGE_FACTS = """() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    direction: getComputedStyle(document.body).direction,
    width: document.documentElement.scrollWidth,
    languages: [...document.querySelectorAll('nav.lang [lang], nav.lang [aria-current]')].length,
})"""

# Where the left and the right edge of the first and last character of an element's text are
# drawn: for left-to-right text the first character is left of the last one.
VISUAL_ORDER = """(selector) => {
    const element = document.querySelector(selector);
    const text = [...element.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
    const value = text.textContent, start = value.search(/\\S/), end = value.trimEnd().length - 1;
    const box = (i) => { const r = document.createRange(); r.setStart(text, i);
                         r.setEnd(text, i + 1); return r.getBoundingClientRect(); };
    return {first: box(start).left, last: box(end).left, text: value.trim()};
}"""

SIDES = """(selector) => {
    const s = getComputedStyle(document.querySelector(selector));
    return {left: parseFloat(s.borderLeftWidth), right: parseFloat(s.borderRightWidth)};
}"""


@pytest.fixture(scope="module", params=LANGUAGES)
def walk(request, browser, live_server, axe):
    lang = request.param
    context = browser.new_context(base_url=live_server, locale="nl-NL", viewport=PHONE)
    context.set_default_timeout(5000)
    page = context.new_page()
    pages, layout = {}, {}
    try:
        for name, current in public_pages(page, lang):
            facts = current.evaluate(PAGE_FACTS)
            facts["axe"] = axe_report(axe, current)
            if lang == "ar":
                screenshot(current, f"ar-{name}")
                layout[name] = _rtl_layout(current, name)
            current.set_viewport_size({"width": 320, "height": 640})
            facts["width_320"] = current.evaluate("document.documentElement.scrollWidth")
            if lang == "ar" or facts["width_320"] > 320:
                screenshot(current, f"320-{lang}-{name}")
            current.set_viewport_size(PHONE)
            pages[name] = facts
    finally:
        context.close()
    yield SimpleNamespace(lang=lang, pages=pages, layout=layout)


def _rtl_layout(page, name) -> dict:
    """What the Arabic layout looks like on the pages that show each part."""
    found = {}
    if name == "start":
        found["phone"] = page.evaluate(VISUAL_ORDER, "a[href^='tel:']")
        brand = page.locator(".top .brand").bounding_box()
        found["brand_right_gap"] = PHONE["width"] - (brand["x"] + brand["width"])
    if name == "check-old":
        found["warning"] = page.evaluate(SIDES, ".warning")
    if name == "details-self-error":
        found["error_field"] = page.evaluate(SIDES, ".has-error")
    if name == "confirmation":
        found["reference"] = page.evaluate(VISUAL_ORDER, "strong.reference")
    return found


def test_axe_finds_nothing_on_any_page_in_the_language(walk):
    reports = [f"== {name}\n{facts['axe']}" for name, facts in walk.pages.items() if facts["axe"]]
    assert not reports, "\n\n".join(reports)


def test_no_page_in_the_language_is_wider_than_the_phone(walk):
    too_wide = {name: (f["width"], f["width_320"]) for name, f in walk.pages.items()
                if f["width"] > PHONE["width"] or f["width_320"] > 320}
    assert not too_wide, f"(390 px, 320 px) widths, see screenshots/320-*.png: {too_wide}"


def test_every_page_says_its_language_and_direction_and_offers_all_six(walk):
    direction = "rtl" if walk.lang == "ar" else "ltr"
    wrong = {name: (f["lang"], f["dir"], f["direction"]) for name, f in walk.pages.items()
             if (f["lang"], f["dir"], f["direction"]) != (walk.lang, direction, direction)}
    assert not wrong, f"expected ({walk.lang!r}, {direction!r}): {wrong}"
    menus = {name: f["languages"] for name, f in walk.pages.items() if f["languages"] != 6}
    assert not menus, f"language menu without all six languages: {menus}"


def test_arabic_mirrors_the_layout_but_not_references_or_phone_numbers(walk):
    if walk.lang != "ar":
        pytest.skip("the layout is mirrored in Arabic only")
    layout = walk.layout
    # The organisation's name starts at the right edge, next to the page's margin (1rem).
    assert layout["start"]["brand_right_gap"] <= 24, layout["start"]
    # Borders that mark a warning and a field in error are on the reading side: the right.
    assert layout["check-old"]["warning"] == {"left": 0, "right": 6}
    assert layout["details-self-error"]["error_field"] == {"left": 0, "right": 5}
    # "KL-2026-00042" and "0348 42 42 00" read from left to right inside the Arabic text.
    for part in (layout["confirmation"]["reference"], layout["start"]["phone"]):
        assert part["first"] < part["last"], part
    assert re.fullmatch(r"KL-\d{4}-\d{5}", layout["confirmation"]["reference"]["text"])
