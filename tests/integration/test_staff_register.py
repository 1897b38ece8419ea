"""The coordinator registers complaints that came by phone, letter, e-mail or at the desk
(issue 4, "Registering every channel"): terms count from the date received, a letter shows what
Awb 9:4 asks for that it lacks without being refused, a representative needs consent, an
acknowledgement goes only to an e-mail address, and the complaint joins the register."""
import re
from datetime import date

import pytest

from klachtenloket.domain.roles import ADMINISTRATOR, COORDINATOR, HANDLER, READER
from klachtenloket.models import Complaint, Event, OutboxMail, Staff, TrackingToken
from tests.conftest import csrf_token
from tests.integration.helpers import error_summary, log_in, make_staff

pytestmark = pytest.mark.usefixtures("cheap_hashing")

REGISTER = "/beheer/klachten/registreren"
# A Friday; "last week" is Friday 20 February 2026, the domain's worked example
# (six weeks → Good Friday 3 April → Easter Monday → Tuesday 7 April 2026).
TODAY = date(2026, 2, 27)

PHONE_CALL = {
    "channel": "phone", "received_on": "20-02-2026", "language": "nl", "filed_by": "self",
    "name": "Fatima el Amrani", "street": "Dorpsstraat 1", "postcode": "3431 AB",
    "city": "Nieuwegein", "phone": "06 12345678", "email": "", "client_number": "",
    "reply_by": "phone", "description": "Niemand belde terug over mijn uitkering.",
    "event_date": "", "unit": "Inkomen",
}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    from views.staff import registration
    monkeypatch.setattr(registration, "today", lambda: TODAY)


@pytest.fixture
def coordinator(client):
    make_staff(COORDINATOR)
    log_in(client, "coordinator@example.nl")
    return client


def post(client, lang="nl", **fields):
    page = client.get(f"{REGISTER}?lang={lang}")
    key = re.search(r'name="key" type="hidden" value="([^"]+)"', page.text) or \
        re.search(r'id="key" name="key" type="hidden" value="([^"]+)"', page.text)
    data = {**PHONE_CALL, "key": key.group(1), "csrf_token": csrf_token(page.text), **fields}
    data = {k: v for k, v in data.items() if v is not None}
    return client.post(REGISTER, data=data)


def register(client, lang="nl", **fields):
    """Register one complaint; returns it and the confirmation page's text."""
    response = post(client, lang, **fields)
    assert response.status_code == 303, error_summary(response.text)
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    reference = re.search(r'id="reference">([^<]+)<', page.text).group(1)
    return Complaint.get(Complaint.reference == reference), page.text




def field_error(html: str, field_id: str) -> str:
    match = re.search(rf'<p class="field-error" id="{field_id}-error">(.*?)</p>', html, re.S)
    assert match, f"an error at {field_id}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_a_phone_complaint_received_last_week_counts_its_terms_from_that_date(coordinator):
    complaint, page = register(coordinator)
    assert complaint.channel == "phone" and complaint.received_on == date(2026, 2, 20)
    assert complaint.reference == "KL-2026-00001"
    assert "dinsdag 7 april 2026" in page, "six weeks from 20 February, past Easter"
    assert "vrijdag 27 februari 2026" in page, "the first phone call: five working days"
    assert "6 weken na ontvangst" in page, "each deadline with its basis, in the procedure's words"
    assert complaint.unit == "Inkomen" and complaint.filed_by == "self"
    assert complaint.procedure["decision"], "the procedure is stored with the complaint"

    staff = Staff.get(Staff.email == "coordinator@example.nl")
    (event,) = Event.select().where(Event.complaint == complaint)
    assert event.kind == "received" and event.actor == f"staff:{staff.id}"
    assert TrackingToken.select().where(TrackingToken.complaint == complaint).count() == 1


def test_the_reference_is_numbered_in_the_year_it_was_received(coordinator, monkeypatch):
    from views.staff import registration
    monkeypatch.setattr(registration, "today", lambda: date(2026, 1, 5))
    complaint, _page = register(coordinator, received_on="30-12-2025")
    assert complaint.reference == "KL-2025-00001"


def test_a_letter_without_signature_is_registered_and_shows_what_is_missing(coordinator):
    complaint, page = register(coordinator, lang="en", channel="letter", letter_dated="y",
                               reply_by="letter")
    assert complaint.channel == "letter"
    assert complaint.letter_dated is True and complaint.letter_signed is False
    assert complaint.letter_missing_parts() == ["signature"]
    missing = re.search(r'<div class="panel small" id="letter-missing">(.*?)</div>', page, re.S)
    assert missing and "signature" in missing.group(1) and "date" not in missing.group(1)

    listing = coordinator.get("/beheer/klachten?lang=en").text
    row = re.search(rf"<tr><td[^>]*><a [^>]*>{complaint.reference}</a></td>.*?</tr>", listing, re.S).group(0)
    assert "Letter" in row and "Missing: signature" in row


def test_a_complete_letter_misses_nothing_and_other_channels_are_not_asked(coordinator):
    letter, page = register(coordinator, lang="en", channel="letter", letter_dated="y",
                            letter_signed="y")
    assert letter.letter_missing_parts() == []
    assert "The letter has everything it needs" in page
    # Ticks sent with a phone call mean nothing and are not stored.
    call, page = register(coordinator, lang="en", letter_dated="y", letter_signed="y")
    assert call.letter_dated is False and call.letter_signed is False
    assert 'id="letter-missing"' not in page


def test_a_date_received_in_the_future_is_refused_with_a_message(coordinator):
    response = post(coordinator, lang="en", received_on="28-02-2026",
                    description="Alles wat ik typte blijft staan.")
    assert response.status_code == 200
    assert "The date received cannot be in the future" in error_summary(response.text)
    assert "The date received cannot be in the future" in field_error(response.text,
                                                                      "received_on")
    assert 'value="28-02-2026"' in response.text and "Alles wat ik typte blijft staan." in \
        response.text, "everything typed is kept"
    assert 'value="Fatima el Amrani"' in response.text
    assert Complaint.select().count() == 0


def test_a_date_that_is_no_date_is_refused(coordinator):
    response = post(coordinator, lang="en", received_on="31-02-2026")
    assert "Enter the date like 20-11-2026" in field_error(response.text, "received_on")
    assert Complaint.select().count() == 0


def test_empty_required_fields_are_named_in_the_summary_and_at_each_field(coordinator):
    response = post(coordinator, lang="en", channel="", name="", description="",
                    reply_by=None)
    summary = error_summary(response.text)
    for message in ("Choose how the complaint came in", "Enter the name of the complainant",
                    "Choose how the complainant wants our answer", "Describe what happened"):
        assert message in summary
    assert "Describe what happened" in field_error(response.text, "description")
    assert Complaint.select().count() == 0


def test_a_representative_needs_the_complainants_consent(coordinator):
    representative = {"filed_by": "representative", "representative_name": "Jan de Buurman",
                      "representative_relation": "buurman",
                      "representative_email": "jan@example.nl"}
    refused = post(coordinator, lang="en", **representative)
    assert refused.status_code == 200
    assert "consent" in field_error(refused.text, "consent")
    assert 'value="Jan de Buurman"' in refused.text
    assert Complaint.select().count() == 0

    complaint, page = register(coordinator, lang="en", consent="y", **representative)
    assert complaint.filed_by == "representative" and complaint.consent is True
    assert complaint.representative_name == "Jan de Buurman"
    assert "Jan de Buurman" in page
    assert OutboxMail.select().where(OutboxMail.recipient == "jan@example.nl").count() == 1


def test_representative_fields_are_not_kept_when_the_complainant_filed(coordinator):
    complaint, _page = register(coordinator, representative_name="Typed by mistake",
                                consent="y")
    assert complaint.filed_by == "self" and complaint.representative_name == ""
    assert complaint.consent is False


@pytest.mark.parametrize("role", [HANDLER, READER, ADMINISTRATOR])
def test_only_the_coordinator_registers(client, role):
    make_staff(role)
    log_in(client, f"{role}@example.nl")
    assert client.get(REGISTER).status_code == 403
    page = client.get("/beheer/")
    assert client.post(REGISTER, data={**PHONE_CALL,
                                       "csrf_token": csrf_token(page.text)}).status_code == 403
    assert 'href="/beheer/klachten/registreren"' not in page.text
    assert Complaint.select().count() == 0


def test_the_start_page_and_the_list_link_to_the_form_for_the_coordinator(coordinator):
    assert f'href="{REGISTER}"' in coordinator.get("/beheer/").text
    assert f'href="{REGISTER}"' in coordinator.get("/beheer/klachten").text


def test_an_email_address_queues_one_acknowledgement(coordinator):
    complaint, page = register(coordinator, lang="en", channel="email",
                               email="fatima@example.nl", reply_by="email")
    (mail,) = OutboxMail.select()
    assert mail.kind == "acknowledgement" and mail.recipient == "fatima@example.nl"
    assert mail.complaint_id == complaint.id and complaint.reference in mail.subject
    assert "20 februari 2026" in mail.body, "in the complainant's language, with the date received"
    assert "http://klachten.test/volgen/" in mail.body
    assert "fatima@example.nl" in page


def test_no_email_address_queues_no_mail(coordinator):
    _complaint, page = register(coordinator, lang="en", channel="desk")
    assert OutboxMail.select().count() == 0
    assert "There is no e-mail address" in page


def test_the_same_form_sent_twice_registers_one_complaint(coordinator):
    page = coordinator.get(REGISTER)
    data = {**PHONE_CALL, "key": re.search(r'name="key" type="hidden" value="([^"]+)"',
                                            page.text).group(1),
            "csrf_token": csrf_token(page.text)}
    first = coordinator.post(REGISTER, data=data)
    second = coordinator.post(REGISTER, data=data)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert Complaint.select().count() == 1


def test_the_complaint_appears_in_the_list_with_its_channel(coordinator):
    complaint, _page = register(coordinator, lang="en", channel="desk")
    listing = coordinator.get("/beheer/klachten?lang=en").text
    row = re.search(rf"<tr><td[^>]*><a [^>]*>{complaint.reference}</a></td>.*?</tr>", listing, re.S).group(0)
    assert "At the desk" in row and "Fatima el Amrani" in row


def test_an_expired_form_is_shown_again_with_everything_typed(coordinator):
    coordinator.get(REGISTER)
    response = coordinator.post(REGISTER + "?lang=en", data={**PHONE_CALL,
                                                            "csrf_token": "expired"})
    assert response.status_code == 400
    assert 'value="Fatima el Amrani"' in response.text
    assert "This page was open for a long time" in error_summary(response.text)
    assert Complaint.select().count() == 0


def test_the_service_refuses_what_the_form_would_not_send(app):
    from klachtenloket.services import intake
    from klachtenloket.web.organisation import current_organisation
    staff = make_staff(COORDINATOR)
    with app.test_request_context():
        org = current_organisation()
        base = dict(data={"name": "A", "description": "B", "reply_by": "phone"}, org=org,
                    staff=staff, today=TODAY, language="nl", render_ack=lambda c, t: [])
        with pytest.raises(ValueError):
            intake.register(channel="web", received_on=TODAY, **base)
        with pytest.raises(ValueError):
            intake.register(channel="phone", received_on=date(2026, 2, 28), **base)
        with pytest.raises(ValueError):
            intake.register(channel="phone", received_on=TODAY,
                            **{**base, "data": {**base["data"], "filed_by": "representative"}})
    assert Complaint.select().count() == 0
