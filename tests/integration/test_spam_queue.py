"""The honeypot and the minimum fill time (issue 7): a submission that trips them is held in the
spam queue, outside the register, and the person sees the normal confirmation; the coordinator
releases it into the register (the normal intake, acknowledgement and all) or deletes it."""
import io
import re
from datetime import date, datetime, timedelta, timezone

import pytest
import time_machine

from klachtenloket.domain.roles import COORDINATOR
from klachtenloket.models import (Attachment, AuditEntry, Complaint, Draft, HeldSubmission,
                                  OutboxMail, ReferenceCounter)
from klachtenloket.services import attachments
from tests.conftest import csrf_token
from tests.integration import sample_files
from tests.integration.helpers import GOOD_DETAILS, choose_who, logged_in, make_staff, send

pytestmark = pytest.mark.usefixtures("cheap_hashing")


def details_form(client) -> dict:
    """The hidden fields the details page sends back: its token and the signed start time."""
    page = client.get("/klacht/gegevens").text
    started = re.search(r'id="started" name="started" type="hidden" value="([^"]*)"', page)
    return {"csrf_token": csrf_token(page), "started": started.group(1) if started else ""}


def post(client, hidden: dict, files=(), **overrides):
    data = {**GOOD_DETAILS, **hidden, **overrides}
    if files:
        data["attachment"] = [(io.BytesIO(content), name) for name, content in files]
    return client.post("/klacht/gegevens", data=data, content_type="multipart/form-data")


def send_and_confirm(client) -> str:
    sent, _key = send(client)
    assert sent.status_code == 303
    return client.get("/klacht/ontvangen").text


def test_the_honeypot_is_off_screen_hidden_from_screen_readers_and_out_of_the_tab_order(client):
    choose_who(client)
    page = client.get("/klacht/gegevens").text
    wrapper = re.search(r'<div class="hp" aria-hidden="true">(.*?)</div>', page, re.S)
    assert wrapper, "an aria-hidden wrapper, placed off-screen by its class"
    field = re.search(r'<input[^>]*name="website"[^>]*>', wrapper.group(1)).group(0)
    assert 'tabindex="-1"' in field and 'autocomplete="off"' in field and 'value=""' in field
    assert "style=" not in wrapper.group(0) and "display:none" not in page.replace(" ", "")


def test_a_filled_honeypot_is_held_outside_the_register_and_the_person_sees_a_confirmation(
        app, client):
    choose_who(client)
    assert post(client, details_form(client), [("brief.pdf", sample_files.pdf())],
                website="http://spam.example").status_code == 302
    sent, key = send(client)
    assert sent.status_code == 303
    confirmation = client.get("/klacht/ontvangen").text
    assert "We received your complaint" in confirmation or "Wij hebben uw klacht ontvangen" in confirmation
    assert "KL-" not in confirmation
    assert Complaint.select().count() == 0, "nothing in the register"
    assert ReferenceCounter.select().count() == 0, "no reference used up"
    assert OutboxMail.select().count() == 0
    [held] = HeldSubmission.select()
    assert held.reason == "honeypot" and Draft.select().count() == 0
    assert "Fatima el Amrani" in held.data_json and "website" not in held.data_json
    assert Attachment.get().draft_key == held.submission_key, "its file is kept with it"

    # Sending again (a double click, the back button) holds nothing more, and confirms again.
    token = csrf_token(client.get("/klacht/indienen").text)
    again = client.post("/klacht/versturen", data={"draft_key": key, "csrf_token": token})
    assert again.status_code == 303 and again.headers["Location"].endswith("/klacht/ontvangen")
    assert HeldSubmission.select().count() == 1


def test_a_form_sent_faster_than_a_person_types_is_held_a_patient_one_is_not(app, client):
    app.config["FORM_MIN_SECONDS"] = 3
    shown_at = datetime(2026, 11, 20, 10, 0, tzinfo=timezone.utc)
    with time_machine.travel(shown_at, tick=False):
        choose_who(client)
        hidden = details_form(client)
    with time_machine.travel(shown_at + timedelta(seconds=1), tick=False):
        post(client, hidden)
        send_and_confirm(client)
    assert HeldSubmission.get().reason == "too_fast" and Complaint.select().count() == 0

    patient = app.test_client()
    with time_machine.travel(shown_at, tick=False):
        choose_who(patient)
        hidden = details_form(patient)
    with time_machine.travel(shown_at + timedelta(seconds=40), tick=False):
        post(patient, hidden)
        assert "KL-" in send_and_confirm(patient)
    assert Complaint.select().count() == 1 and HeldSubmission.select().count() == 1


def test_a_form_without_its_signed_time_is_held(app, client):
    app.config["FORM_MIN_SECONDS"] = 3
    choose_who(client)
    hidden = details_form(client)
    post(client, {**hidden, "started": "eyJ0IjoxfQ.forged"})
    send_and_confirm(client)
    assert HeldSubmission.get().reason == "no_timestamp"


def test_the_coordinator_releases_a_held_complaint_into_the_register_with_its_acknowledgement(
        app, client):
    with time_machine.travel(datetime(2026, 11, 20, 10, 0, tzinfo=timezone.utc)):
        choose_who(client)
        post(client, details_form(client), [("brief.pdf", sample_files.pdf())], website="x")
        send_and_confirm(client)
    held = HeldSubmission.get()

    coordinator = logged_in(app, make_staff(COORDINATOR))
    assert "Possible spam (1)" in coordinator.get("/beheer/").text or \
        "Mogelijke spam (1)" in coordinator.get("/beheer/").text
    queue = coordinator.get("/beheer/spam")
    assert "Fatima el Amrani" in queue.text and "brief.pdf" in queue.text
    released = coordinator.post(f"/beheer/spam/{held.id}/toelaten",
                                data={"csrf_token": csrf_token(queue.text)})
    assert released.status_code == 303

    complaint = Complaint.get()
    assert complaint.received_on == date(2026, 11, 20), "received on the day it came"
    assert complaint.submission_key == held.submission_key
    assert [m.recipient for m in OutboxMail.select().where(OutboxMail.kind == "acknowledgement")] \
        == ["fatima@example.nl"]
    assert [a.filename for a in attachments.for_complaint(complaint)] == ["brief.pdf"]
    assert HeldSubmission.select().count() == 0
    assert AuditEntry.get(AuditEntry.action == "spam:released").complaint_id == complaint.id
    assert complaint.reference in coordinator.get("/beheer/spam").text


def test_the_coordinator_deletes_a_held_complaint_with_its_files(app, client):
    choose_who(client)
    post(client, details_form(client), [("brief.pdf", sample_files.pdf())], website="x")
    send_and_confirm(client)
    held = HeldSubmission.get()
    path = attachments.path_of(Attachment.get(), app.config)
    assert path.exists()

    coordinator = logged_in(app, make_staff(COORDINATOR))
    queue = coordinator.get("/beheer/spam")
    assert coordinator.post(f"/beheer/spam/{held.id}/verwijderen",
                            data={"csrf_token": csrf_token(queue.text)}).status_code == 303
    assert HeldSubmission.select().count() == 0 and Attachment.select().count() == 0
    assert not path.exists() and Complaint.select().count() == 0
    entry = AuditEntry.get(AuditEntry.action == "spam:deleted")
    assert entry.complaint_id is None and "honeypot" in entry.detail


def test_a_held_complaints_pending_files_outlive_the_draft(app, client):
    choose_who(client)
    post(client, details_form(client), [("brief.pdf", sample_files.pdf())], website="x")
    send_and_confirm(client)
    with time_machine.travel(datetime.now(timezone.utc) + timedelta(days=5), tick=False):
        other = app.test_client()
        choose_who(other)
        post(other, details_form(other), [("foto.png", sample_files.image("PNG"))],
             action="upload")
    assert sorted(a.filename for a in Attachment.select()) == ["brief.pdf", "foto.png"]


# --- the call-back form ------------------------------------------------------------------------

def ask_callback(client, page: str | None = None, **fields):
    """The call-back form sent back from `page` (fetched now when not given)."""
    page = page or client.get("/terugbellen").text
    key = re.search(r'id="key" name="key" type="hidden" value="([^"]*)"', page).group(1)
    started = re.search(r'id="started" name="started" type="hidden" value="([^"]*)"', page)
    data = {"name": "Piet Bellen", "phone": "06 87654321", "best_time": "ochtend",
            "subject": "Mijn uitkering", "key": key, "csrf_token": csrf_token(page),
            "started": started.group(1), **fields}
    return client.post("/terugbellen", data=data)


def test_a_call_back_request_with_the_honeypot_filled_is_held_and_released_into_the_list(
        app, client):
    from klachtenloket.models import CallbackRequest
    page = client.get("/terugbellen").text
    assert re.search(r'<div class="hp" aria-hidden="true">\s*<label for="website">', page)
    assert ask_callback(client, website="http://spam.example").status_code == 303
    thanks = client.get("/terugbellen/ontvangen")
    assert thanks.status_code == 200 and "Piet Bellen" in thanks.text
    assert CallbackRequest.select().count() == 0
    held = HeldSubmission.get()
    assert (held.kind, held.reason) == ("callback", "honeypot")

    coordinator = logged_in(app, make_staff(COORDINATOR))
    queue = coordinator.get("/beheer/spam")
    assert "06 87654321" in queue.text
    assert coordinator.post(f"/beheer/spam/{held.id}/toelaten",
                            data={"csrf_token": csrf_token(queue.text)}).status_code == 303
    request = CallbackRequest.get()
    assert (request.name, request.phone, request.channel) == ("Piet Bellen", "06 87654321", "web")
    assert request.requested_on == held.received_on and HeldSubmission.select().count() == 0
    assert Complaint.select().count() == 0
    # The resident's thank-you page now shows the date we call by.
    assert "uiterlijk" in client.get("/terugbellen/ontvangen").text or \
        "at the latest" in client.get("/terugbellen/ontvangen").text


def test_a_call_back_request_from_a_person_is_not_held(app, client):
    from klachtenloket.models import CallbackRequest
    app.config["FORM_MIN_SECONDS"] = 3
    start = datetime(2026, 11, 20, 10, 0, tzinfo=timezone.utc)
    with time_machine.travel(start, tick=False):
        page = client.get("/terugbellen").text
        assert ask_callback(client, page).status_code == 303, "sent at once: held"
    assert HeldSubmission.get().reason == "too_fast"
    with time_machine.travel(start, tick=False):
        page = client.get("/terugbellen").text
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        assert ask_callback(client, page).status_code == 303
    assert CallbackRequest.select().count() == 1 and HeldSubmission.select().count() == 1
