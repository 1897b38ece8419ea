"""Files on the complaint form in a real browser, at phone width, with JavaScript on and off:
a refused file's error state and a kept file pass axe, Enter in a field still continues (never
removes a file), the file reaches the check page and the complaint; staff see it, and the spam
queue page passes axe too."""
import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest

from klachtenloket.domain.roles import COORDINATOR
from klachtenloket.services import accounts
from tests.browser.conftest import STAFF_PASSWORD, screenshot, staff_log_in
from tests.integration import sample_files

EMAIL = "files-coordinator@example.nl"
SUBMIT = "main form button[type=submit]"
RECENT = (date.today() - timedelta(days=10)).strftime("%d-%m-%Y")
REFERENCE = re.compile(r"KL-\d{4}-\d{5}")


@pytest.fixture(scope="module")
def coordinator_account(live_database):
    with live_database():
        accounts.create(EMAIL, "Fenna Bestand", COORDINATOR, STAFF_PASSWORD)


def width(page) -> int:
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    found = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(size)
    return found


def to_details(page):
    page.goto("/klacht/indienen")
    page.check("#filed_by-0")
    page.click(SUBMIT)
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/klacht/gegevens"


def fill(page):
    page.fill("#name", "Fatima el Amrani")
    page.check("#reply_by-1")       # by e-mail
    page.fill("#email", "fatima@example.nl")
    page.fill("#description", "Mijn uitkering kwam te laat. De brief zit erbij.")
    page.fill("#event_date", RECENT)


def choose(page, name, content, mime="application/pdf"):
    page.set_input_files("#attachment", files=[{"name": name, "mimeType": mime,
                                               "buffer": content}])


def submit(page, selector=SUBMIT):
    page.click(selector)
    page.wait_for_load_state()


def test_a_pdf_from_the_phone_form_with_javascript(page, axe_check, live_database):
    to_details(page)
    axe_check(page)
    fill(page)

    # A renamed executable: refused at the field, everything typed kept.
    choose(page, "factuur.pdf", sample_files.executable())
    submit(page)
    assert urlsplit(page.url).path == "/klacht/gegevens"
    assert page.locator(".error-summary a[href='#attachment']").count() == 1
    assert "factuur.pdf" in page.inner_text("#attachment-error")
    assert page.input_value("#name") == "Fatima el Amrani"
    assert page.locator("#attachment[aria-invalid=true]").count() == 1
    axe_check(page)
    assert width(page) <= 320
    screenshot(page, "attachments-details-error")

    # A real PDF, added with its own button: listed with a remove button, answers untouched.
    choose(page, "Beschikking maart.pdf", sample_files.pdf())
    page.click("button[name=action][value=upload]")
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 0
    assert "Beschikking maart.pdf" in page.inner_text("ul.files")
    assert page.locator("ul.files button[name=remove]").count() == 1
    axe_check(page)
    assert width(page) <= 320
    screenshot(page, "attachments-details-file")

    # Enter in a text field continues (the form's default button), it does not remove the file.
    page.focus("#name")
    page.keyboard.press("Enter")
    page.wait_for_url("**/klacht/controleren")
    assert "Beschikking maart.pdf" in page.inner_text("#file-list")
    axe_check(page)
    screenshot(page, "attachments-check")
    submit(page)
    assert urlsplit(page.url).path == "/klacht/ontvangen"
    reference = REFERENCE.search(page.inner_text("main")).group(0)

    from klachtenloket.models import Complaint
    from klachtenloket.services import attachments
    with live_database():
        complaint = Complaint.get(Complaint.reference == reference)
        assert [a.filename for a in attachments.for_complaint(complaint)] == \
            ["Beschikking maart.pdf"]

    # Adding information with a file on the tracking page; a refused one first.
    page.click(".link-box a")
    page.fill("#text", "Hier de foto van de envelop.")
    choose(page, "envelop.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)"
                                b"</script></svg>", "image/png")
    page.click("form[action$='/aanvullen'] button[type=submit]")
    page.wait_for_load_state()
    assert "envelop.png" in page.inner_text("#attachment-error")
    assert page.input_value("#text") == "Hier de foto van de envelop."
    axe_check(page)
    screenshot(page, "attachments-track-error")
    choose(page, "envelop.png", sample_files.image("PNG"), "image/png")
    page.click("form[action$='/aanvullen'] button[type=submit]")
    page.wait_for_load_state()
    assert "envelop.png" in page.inner_text(".timeline")
    axe_check(page)
    screenshot(page, "attachments-track")


def test_a_pdf_from_the_phone_form_without_javascript(nojs_page, live_database):
    page = nojs_page
    to_details(page)
    fill(page)
    choose(page, "brief.pdf", sample_files.pdf())
    submit(page)
    assert urlsplit(page.url).path == "/klacht/controleren"
    assert "brief.pdf" in page.inner_text("#file-list")
    submit(page)
    reference = REFERENCE.search(page.inner_text("main")).group(0)
    from klachtenloket.models import Complaint
    from klachtenloket.services import attachments
    with live_database():
        complaint = Complaint.get(Complaint.reference == reference)
        assert [a.filename for a in attachments.for_complaint(complaint)] == ["brief.pdf"]


def test_remove_without_javascript_keeps_what_was_typed(nojs_page):
    page = nojs_page
    to_details(page)
    fill(page)
    choose(page, "brief.pdf", sample_files.pdf())
    page.click("button[name=action][value=upload]")
    page.wait_for_load_state()
    page.click("ul.files button[name=remove]")
    page.wait_for_load_state()
    assert page.locator("ul.files").count() == 0
    assert page.input_value("#description") == "Mijn uitkering kwam te laat. De brief zit erbij."


def test_staff_see_the_file_and_the_spam_queue(new_context, coordinator_account, live_database,
                                               axe_check):
    from klachtenloket.models import Complaint
    from klachtenloket.services import attachments, spam
    resident = new_context().new_page()
    to_details(resident)
    fill(resident)
    resident.evaluate("document.getElementById('website').value = 'http://spam.example'")
    choose(resident, "bijlage.pdf", sample_files.pdf())
    submit(resident)
    submit(resident)
    assert REFERENCE.search(resident.inner_text("main")) is None, "held: no reference yet"
    axe_check(resident)
    screenshot(resident, "attachments-held-confirmation")
    with live_database():
        assert spam.count() >= 1
        with_file = next(c for c in Complaint.select().order_by(Complaint.id.desc())
                         if attachments.for_complaint(c))

    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    staff_log_in(page, EMAIL)
    page.goto("/beheer/spam")
    assert "bijlage.pdf" in page.inner_text("main")
    axe_check(page)
    screenshot(page, "attachments-spam-queue")

    page.goto(f"/beheer/klachten/{with_file.reference}")
    link = page.locator("#files-section a[download]").first
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    axe_check(page)
    page.locator("#files-section").screenshot(path="/tmp/attachments-staff-files.png")


def test_a_held_call_back_request_gets_the_thank_you_page(page, axe_check):
    page.goto("/terugbellen")
    page.fill("#name", "Piet Bellen")
    page.fill("#phone", "06 87654321")
    page.fill("#subject", "Mijn uitkering")
    page.evaluate("document.getElementById('website').value = 'http://spam.example'")
    submit(page)
    assert urlsplit(page.url).path == "/terugbellen/ontvangen"
    assert "Piet Bellen" in page.inner_text("main")
    axe_check(page)
    screenshot(page, "attachments-held-callback")
