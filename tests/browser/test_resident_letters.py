"""The resident's letters in a real browser: on the tracking page, in both languages, readable
on the page and downloadable as a PDF; axe finds nothing, also with a letter opened, and the
page stays within 320 px."""
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from klachtenloket.domain.organisation import Organisation, load_preset
from klachtenloket.domain.roles import COORDINATOR
from klachtenloket.services import accounts, casework, drafts, intake
from tests.browser.conftest import AXE_TAGS, screenshot, staff_log_in

FINDINGS = "Wij spraken met de medewerker. Hij erkent dat hij onbeleefd was."


@pytest.fixture(scope="module")
def decided_complaint(live_database):
    """A complaint with two letters: the acknowledgement and the decision. Its tracking link."""
    org = Organisation.from_dict(load_preset("wil-lekstroom"))
    with live_database():
        submitted = intake.submit(drafts.new_key(), {
            "filed_by": "self", "name": "Fatima el Amrani", "street": "Dorpsstraat 1",
            "postcode": "3431 AB", "city": "Nieuwegein", "reply_by": "letter",
            "description": "De medewerker aan de balie was onbeleefd.", "event_date": ""},
            org, "nl", date(2026, 2, 20), lambda complaint, token: [])
        coordinator = accounts.create("letters-coordinator@example.nl", "Corrie Brief",
                                      COORDINATOR, "paard batterij nietje")
        casework.record(submitted.complaint, "acknowledged", {}, coordinator)
        casework.record(submitted.complaint, "decided",
                        {"outcome": "partly_upheld", "findings": FINDINGS,
                         "measures": "De medewerker volgt een training."}, coordinator, org)
    return f"/volgen/{submitted.token}", submitted.complaint.reference


@pytest.mark.parametrize("lang, subject, read", [
    ("nl", "Ons antwoord op uw klacht {reference} (pdf)", "Lees deze brief hier"),
    ("en", "Ons antwoord op uw klacht {reference} (PDF)", "Read this letter here"),
])
def test_the_resident_sees_reads_and_downloads_the_letters(page, decided_complaint, axe_check,
                                                           lang, subject, read):
    link, reference = decided_complaint
    page.goto(f"{link}?lang={lang}")
    letters = page.locator("#letters + ul.letters > li")
    expect(letters).to_have_count(2)
    decision = letters.nth(1)
    expect(decision.get_by_role("link")).to_have_text(subject.format(reference=reference))
    axe_check(page)

    decision.get_by_text(read).click()
    expect(decision.get_by_text(FINDINGS)).to_be_visible()
    expect(decision.get_by_text("Nationale ombudsman").first).to_be_visible()
    axe_check(page)
    screenshot(page, f"track-letters-{lang}")

    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    with page.expect_download() as download:
        decision.get_by_role("link").click()
    assert download.value.suggested_filename == f"{reference}-2.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")


def test_staff_see_the_letters_on_the_complaint_page(new_context, decided_complaint, axe):
    _link, reference = decided_complaint
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    staff_log_in(page, "letters-coordinator@example.nl")     # password, then the app's code
    page.goto(f"/beheer/klachten/{reference}")
    rows = page.locator("#letters-section tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text("Nee: stuur hem per post")
    result = axe.run(page, context="#letters-section",
                     options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert result.response["violations"] == [], result.generate_report()
    screenshot(page, "staff-letters")
    with page.expect_download() as download:
        rows.nth(1).get_by_role("link").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
