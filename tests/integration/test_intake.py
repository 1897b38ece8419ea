"""The resident files a complaint: for themselves or someone else, checked, stored once."""
import re
from datetime import date, timedelta

import time_machine

from klachtenloket.models import Complaint, Draft, Event, OutboxMail
from tests.conftest import csrf_token
from tests.integration.helpers import GOOD_DETAILS, choose_who, fill_details, file_complaint, send


def test_start_page_explains_complaint_objection_and_channels(client):
    page = client.get("/?lang=nl").text
    assert "Werk en Inkomen Lekstroom" in page
    assert "030 - 7022 330" in page                     # phone from the preset
    assert "bezwaar" in page                             # a decision is an objection
    assert 'href="/klacht/indienen"' in page


def test_filing_for_myself_stores_complaint_event_token_and_mail(client):
    confirmation, link = file_complaint(client)
    complaint = Complaint.get()
    assert re.fullmatch(r"KL-\d{4}-00001", complaint.reference)
    assert complaint.reference in confirmation
    assert complaint.name == "Fatima el Amrani" and complaint.unit == "Werk"
    assert complaint.event_date == date(2026, 11, 2) and complaint.event_time == "14:30"
    assert complaint.state == "received" and complaint.channel == "web"
    assert [e.kind for e in Event.select()] == ["received"]
    mail = OutboxMail.get()
    assert mail.recipient == "fatima@example.nl" and mail.kind == "acknowledgement"
    assert complaint.reference in mail.subject
    assert "http://klachten.test" + link in mail.body
    assert Draft.select().count() == 0, "the draft with personal data is gone once stored"
    # The tracking token is not the reference and is not stored in plain text.
    token = link.rsplit("/", 1)[1]
    assert len(token) >= 32 and complaint.reference not in token
    assert token not in Complaint.get().procedure_json


def test_confirmation_names_the_dates_from_the_organisations_terms(client):
    with time_machine.travel(date(2026, 2, 20), tick=False):   # domain notes' worked example
        confirmation, _ = file_complaint(client, event_date="2026-02-10")
    # Six weeks end on Good Friday, Easter Monday follows: Tuesday 7 April 2026.
    assert "7 april 2026" in confirmation
    # First contact: 5 working days after Friday 20 February = Friday 27 February.
    assert "27 februari 2026" in confirmation


def test_filing_for_someone_else_needs_their_consent_and_the_representative(client):
    choose_who(client, "representative")
    response = fill_details(client, representative_name="", consent="")
    assert response.status_code == 200
    assert "Vul uw eigen naam in" in response.text or "Enter your own name" in response.text
    assert 'id="consent-error"' in response.text
    # What was typed is still there.
    assert 'value="Fatima el Amrani"' in response.text
    assert "De medewerker aan de balie was onbeleefd." in response.text

    response = fill_details(client, representative_name="Jan Hulp",
                            representative_relation="vrijwilliger", consent="y",
                            representative_email="jan@example.nl")
    assert response.status_code == 302
    send(client)
    complaint = Complaint.get()
    assert complaint.filed_by == "representative" and complaint.consent
    assert complaint.representative_name == "Jan Hulp"
    assert sorted(m.recipient for m in OutboxMail.select()) == ["fatima@example.nl", "jan@example.nl"]


def test_errors_are_summarised_and_tied_to_fields_and_keep_everything_typed(client):
    choose_who(client)
    response = fill_details(client, description="", event_date="31-02-2026", reply_by="email",
                            email="not-an-address", phone="call me")
    html = response.text
    assert 'class="error-summary"' in html
    for field in ("description", "event_date", "email", "phone"):
        assert f'href="#{field}"' in html, field
        assert f'id="{field}-error"' in html, field
        assert re.search(rf'id="{field}"[^>]*aria-describedby="[^"]*{field}-error', html), field
    assert 'value="31-02-2026"' in html and 'value="not-an-address"' in html
    assert 'value="Dorpsstraat 1"' in html
    assert Complaint.select().count() == 0


def test_answer_by_letter_needs_an_address(client):
    choose_who(client)
    response = fill_details(client, reply_by="letter", street="", postcode="", city="")
    assert 'id="reply_by-error"' in response.text


def test_client_number_is_never_required(client):
    choose_who(client)
    assert fill_details(client, client_number="").status_code == 302


def test_expired_csrf_token_keeps_everything_typed(client):
    choose_who(client)
    page = client.get("/klacht/gegevens")
    data = {**GOOD_DETAILS, "csrf_token": "expired-or-forged"}
    response = client.post("/klacht/gegevens", data=data)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert "De medewerker aan de balie was onbeleefd." in response.text
    assert 'value="fatima@example.nl"' in response.text
    # A fresh token is on the re-shown page: sending again works.
    data["csrf_token"] = csrf_token(response.text)
    assert client.post("/klacht/gegevens", data=data).status_code == 302
    assert page.status_code == 200


def test_check_page_shows_answers_with_change_links_and_year_old_warning(client):
    choose_who(client)
    old = (date.today() - timedelta(days=400)).isoformat()
    fill_details(client, event_date=old)
    html = client.get("/klacht/controleren").text
    assert "Fatima el Amrani" in html and "De medewerker aan de balie was onbeleefd." in html
    assert 'href="/klacht/gegevens#description"' in html
    assert 'href="/klacht/indienen"' in html
    assert 'class="warning"' in html              # warned, not blocked
    assert 'action="/klacht/versturen"' in html


def test_recent_event_has_no_warning(client):
    choose_who(client)
    fill_details(client, event_date=date.today().isoformat())
    assert 'class="warning"' not in client.get("/klacht/controleren").text


def test_future_date_is_refused(client):
    choose_who(client)
    response = fill_details(client, event_date=(date.today() + timedelta(days=3)).isoformat())
    assert 'id="event_date-error"' in response.text


def test_submitting_twice_makes_one_complaint_and_one_mail(client):
    choose_who(client)
    fill_details(client)
    page = client.get("/klacht/controleren")
    key = re.search(r'name="draft_key" value="([^"]+)"', page.text).group(1)
    data = {"draft_key": key, "csrf_token": csrf_token(page.text)}
    first = client.post("/klacht/versturen", data=data)
    second = client.post("/klacht/versturen", data=data)        # double click / back + resend
    assert first.status_code == second.status_code == 303
    assert Complaint.select().count() == 1
    assert OutboxMail.select().count() == 1
    assert Complaint.get().reference in client.get("/klacht/ontvangen").text


def test_references_count_up_per_year(client):
    file_complaint(client)
    file_complaint(client)
    refs = sorted(c.reference for c in Complaint.select())
    year = date.today().year
    assert refs == [f"KL-{year}-00001", f"KL-{year}-00002"]


def test_check_and_send_without_a_draft_go_back_to_the_start_of_the_form(client):
    assert client.get("/klacht/controleren").headers["Location"].endswith("/klacht/indienen")
    response = client.post("/klacht/versturen", data={"draft_key": "nope"})
    assert response.status_code == 302 and Complaint.select().count() == 0
    assert client.get("/klacht/gegevens").status_code == 302
