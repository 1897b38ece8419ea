"""Steps on a complaint (klachtenloket.services.casework) and the complaint page, on SQLite and
PostgreSQL: the state machine refuses impossible steps, possible ones are stored with their
payload; the page shows the timeline and the deadlines; notes stay internal; assignment
refuses the person complained about (Awb 9:7); a handler sees only their own complaints."""
from datetime import date

import pytest

from klachtenloket.domain.roles import ADMINISTRATOR, COORDINATOR, HANDLER, READER
from klachtenloket.domain.states import TransitionError
from klachtenloket.models import Complaint, Event
from klachtenloket.services import casework, intake
from klachtenloket.web.organisation import current_organisation
from tests.integration.helpers import (error_summary, logged_in, make_staff, page_of, page_token,
                                       registered)

pytestmark = pytest.mark.usefixtures("cheap_hashing")

RECEIVED = date(2026, 1, 5)


# --- the service ---------------------------------------------------------------------------

def test_record_refuses_an_impossible_step_and_stores_nothing(app):
    coordinator = make_staff(COORDINATOR)
    handler = make_staff(HANDLER)
    complaint = registered(app, coordinator)
    with pytest.raises(TransitionError) as refused:
        casework.record(complaint, "assigned", {"handler": handler.id}, coordinator)
    assert refused.value.code == "not_acknowledged"
    with pytest.raises(TransitionError) as refused:
        casework.record(complaint, "closed", {}, coordinator)
    assert refused.value.code == "close_before_decision"
    assert [e.kind for e in complaint.events] == ["received"]
    assert Complaint.get_by_id(complaint.id).state == "received"


def test_record_stores_a_possible_step_with_payload_actor_and_state(app):
    coordinator = make_staff(COORDINATOR)
    handler = make_staff(HANDLER)
    complaint = registered(app, coordinator)
    casework.record(complaint, "acknowledged", {"on": date(2026, 1, 6)}, coordinator)
    event = casework.record(complaint, "assigned", {"handler": handler.id}, coordinator)
    stored = Event.get_by_id(event.id)
    assert stored.payload == {"handler": handler.id}
    assert stored.actor == f"staff:{coordinator.id}" and stored.public is False
    assert Complaint.get_by_id(complaint.id).state == "in_handling"
    case = casework.case_state(complaint)
    assert case.handler == handler.id and case.acknowledged_on == date(2026, 1, 6)
    with pytest.raises(TransitionError) as refused:
        casework.record(complaint, "assigned", {"handler": handler.id}, coordinator)
    assert refused.value.code == "same_handler"


def test_deadlines_follow_suspension_and_extension(app):
    coordinator = make_staff(COORDINATOR)
    complaint = registered(app, coordinator)
    before = {d.name: d.due for d in casework.deadlines_for(complaint)}
    casework.record(complaint, "acknowledged", {}, coordinator)
    casework.record(complaint, "suspended", {"consent": True, "on": date(2026, 1, 10)},
                    coordinator)
    casework.record(complaint, "resumed", {"on": date(2026, 1, 20)}, coordinator)
    casework.record(complaint, "extended", {"weeks": 4, "reason": "Drukte",
                                            "on": date(2026, 1, 21),
                                            "decision_due": before["decision"]}, coordinator)
    after = {d.name: d for d in casework.deadlines_for(complaint)}
    assert after["decision"].extended_by_days == 10
    assert after["decision"].due > before["decision"]
    assert "extended_decision" in after and "extended_decision" not in before


def test_assignment_refuses_the_person_complained_about(app):
    coordinator = make_staff(COORDINATOR)
    named = make_staff(HANDLER, name="Henk de Vries")
    complaint = registered(app, coordinator, employee_name="  henk DE vries ")
    casework.record(complaint, "acknowledged", {}, coordinator)
    with pytest.raises(TransitionError) as refused:
        casework.record(complaint, "assigned", {"handler": named.id}, coordinator)
    assert refused.value.code == "handler_complained_about"

    client = logged_in(app, coordinator)
    response = client.post(page_of(complaint) + "/toewijzen?lang=en",
                           data={"assign-handler": str(named.id), "csrf_token": page_token(client)})
    assert response.status_code == 200
    assert "The complaint is about this person" in error_summary(response.text)
    assert f'<option value="{named.id}" selected>' in response.text, "the choice stays"
    assert casework.case_state(complaint).handler is None


# --- the page ------------------------------------------------------------------------------

def test_the_page_shows_details_deadlines_and_timeline(app):
    coordinator = make_staff(COORDINATOR, name="Corrie Jansen")
    complaint = registered(app, coordinator)
    intake.add_information(complaint, "Nog een brief erbij.")
    client = logged_in(app, coordinator)
    html = client.get(page_of(complaint) + "?lang=en").text
    for text in ("Piet Bellen", "Ik werd niet teruggebeld.", "123456", "Werk", "Phone",
                 "Received", "Complaint received", "Corrie Jansen", "the complainant",
                 "Nog een brief erbij.", "Decision (Awb 9:11)", "after receipt"):
        assert text in html, text
    assert "Overdue:" in html, "January 2026's terms have passed: said in words"


def test_a_note_is_on_the_page_and_not_on_the_tracking_page(app):
    coordinator = make_staff(COORDINATOR)
    with app.test_request_context():
        submitted = intake.register(
            {"name": "Piet", "description": "x", "reply_by": "phone", "phone": "0612345678"},
            current_organisation(), coordinator, "phone", RECEIVED, RECEIVED, "nl",
            lambda c, t: [])
    client = logged_in(app, coordinator)
    page = page_of(submitted.complaint)
    empty = client.post(page + "/notitie?lang=en", data={"csrf_token": page_token(client)})
    assert "Write the note" in error_summary(empty.text)
    response = client.post(page + "/notitie", data={"note-text": "Intern: bel dinsdag terug.",
                                                    "csrf_token": page_token(client)})
    assert response.status_code == 303 and response.headers["Location"] == page
    assert "Intern: bel dinsdag terug." in client.get(page).text
    tracking = app.test_client().get(f"/volgen/{submitted.token}")
    assert tracking.status_code == 200 and "bel dinsdag" not in tracking.text


def test_acknowledge_and_first_contact_from_the_page(app):
    coordinator = make_staff(COORDINATOR)
    complaint = registered(app, coordinator)
    client = logged_in(app, coordinator)
    page = page_of(complaint)
    assert 'id="acknowledge-form"' in client.get(page).text, "no e-mail: record the letter"
    assert client.post(page + "/ontvangst-bevestigd",
                       data={"csrf_token": page_token(client)}).status_code == 303
    again = client.post(page + "/ontvangst-bevestigd?lang=en",
                        data={"csrf_token": page_token(client)})
    assert again.status_code == 200
    assert "already been confirmed" in error_summary(again.text)
    assert client.post(page + "/eerste-contact",
                       data={"csrf_token": page_token(client)}).status_code == 303
    assert [e.kind for e in complaint.events.order_by(Event.id)] == \
        ["received", "acknowledged", "first_contact_made"]
    assert Complaint.get_by_id(complaint.id).state == "acknowledged"
    assert client.post(page + "/toewijzen", data={"csrf_token": "wrong"}).status_code == 400


def test_a_handler_sees_their_complaint_and_gets_403_on_another(app):
    coordinator = make_staff(COORDINATOR)
    handler = make_staff(HANDLER)
    theirs, other = registered(app, coordinator), registered(app, coordinator)
    casework.record(theirs, "acknowledged", {}, coordinator)
    casework.record(theirs, "assigned", {"handler": handler.id}, coordinator)
    client = logged_in(app, handler)
    assert client.get(page_of(theirs)).status_code == 200
    assert client.get(page_of(other)).status_code == 403
    token = page_token(client)
    assert client.post(page_of(other) + "/notitie", data={"note-text": "x", "csrf_token": token}
                       ).status_code == 403
    assert client.post(page_of(theirs) + "/notitie", data={"note-text": "Gebeld.",
                                                          "csrf_token": token}).status_code == 303
    assert client.post(page_of(theirs) + "/toewijzen",
                       data={"assign-handler": str(handler.id), "csrf_token": token}).status_code == 403


@pytest.mark.parametrize("role, status", [(READER, 200), (ADMINISTRATOR, 403)])
def test_a_reader_reads_and_an_administrator_does_not(app, role, status):
    coordinator = make_staff(COORDINATOR)
    complaint = registered(app, coordinator)
    client = logged_in(app, make_staff(role))
    response = client.get(page_of(complaint))
    assert response.status_code == status
    if role == READER:
        assert "<form method=\"post\"" not in response.text.split("</header>")[1], "no steps"
        assert client.post(page_of(complaint) + "/notitie",
                           data={"note-text": "x", "csrf_token": page_token(client)}
                           ).status_code == 403


def test_an_unknown_reference_is_404(app):
    client = logged_in(app, make_staff(COORDINATOR))
    assert client.get("/beheer/klachten/KL-2026-99999").status_code == 404
