"""Measures decided on complaints (issue 6, "Learning from complaints"): added on the complaint
page with an owner and a date, followed up by their owner, listed for the coordinator across
all complaints, in the owner's daily reminder and in the yearly report — on both databases."""
from datetime import date

import pytest

from klachtenloket.models import AuditEntry, Complaint, Measure
from klachtenloket.services import casework, measures
from klachtenloket.web.organisation import current_organisation
from tests.conftest import csrf_token
from tests.integration.helpers import (error_summary, logged_in, make_staff, page_of,
                                       registered)

pytestmark = pytest.mark.usefixtures("cheap_hashing")


def decided(app, coordinator, handler=None):
    complaint = registered(app, coordinator)
    with app.test_request_context():
        org = current_organisation()
        casework.record(complaint, "acknowledged", {}, coordinator, org)
        if handler:
            casework.record(complaint, "assigned", {"handler": handler.id}, coordinator, org)
        casework.record(complaint, "decided", {"outcome": "upheld", "findings": "Klopt."},
                        coordinator, org)
    return Complaint.get_by_id(complaint.id)


def add(client, complaint, **fields):
    page = client.get(page_of(complaint))
    data = {"measure-text": "", "measure-owner": "0", "measure-due_on": "", **fields,
            "csrf_token": csrf_token(page.text)}
    return client.post(page_of(complaint) + "/maatregel", data=data)


def test_the_coordinator_adds_a_measure_with_an_owner_and_a_date(app):
    coordinator = make_staff("coordinator")
    handler = make_staff("handler")
    complaint = decided(app, coordinator)
    client = logged_in(app, coordinator)
    response = add(client, complaint, **{"measure-text": "Het team bespreekt het terugbellen.",
                                         "measure-owner": str(handler.id),
                                         "measure-due_on": "15-03-2027"})
    assert response.status_code == 303
    page = client.get(page_of(complaint)).text
    assert "Het team bespreekt het terugbellen." in page and handler.name in page
    measure = Measure.get()
    assert (measure.owner_id, measure.due_on, measure.status) == (handler.id, date(2027, 3, 15),
                                                                   "open")
    assert AuditEntry.select().where(AuditEntry.action == measures.ADDED,
                                     AuditEntry.complaint == complaint).exists()


def test_a_wrong_date_is_said_at_the_field_and_the_text_is_kept(app):
    coordinator = make_staff("coordinator")
    complaint = decided(app, coordinator)
    client = logged_in(app, coordinator)
    response = add(client, complaint, **{"measure-text": "Uitleg geven aan de balie.",
                                         "measure-due_on": "morgen"})
    assert response.status_code == 200
    assert "20-11-2026" in error_summary(response.text)
    assert "Uitleg geven aan de balie." in response.text
    assert Measure.select().count() == 0


def test_a_measure_needs_a_description(app):
    coordinator = make_staff("coordinator")
    complaint = decided(app, coordinator)
    response = add(logged_in(app, coordinator), complaint)
    assert error_summary(response.text) and Measure.select().count() == 0


def test_a_handler_not_assigned_cannot_add_one(app):
    coordinator = make_staff("coordinator")
    stranger = make_staff("handler")
    complaint = decided(app, coordinator)
    client = logged_in(app, stranger)
    token = csrf_token(client.get("/beheer/").text)
    response = client.post(page_of(complaint) + "/maatregel",
                           data={"measure-text": "Iets", "csrf_token": token})
    assert response.status_code == 403 and Measure.select().count() == 0


def _status(client, measure, status, back="list"):
    token = csrf_token(client.get("/beheer/maatregelen").text)
    return client.post(f"/beheer/maatregelen/{measure.id}/status",
                       data={f"m{measure.id}-status": status, "back": back,
                             "csrf_token": token})


def test_the_owner_follows_it_up_and_a_done_measure_leaves_the_open_list(app):
    coordinator = make_staff("coordinator")
    owner = make_staff("handler")
    complaint = decided(app, coordinator)
    measure = measures.add(complaint, "Brieven eerder versturen.", owner.id, date(2027, 1, 8),
                           coordinator)
    client = logged_in(app, owner)
    assert "Brieven eerder versturen." in client.get("/beheer/maatregelen").text
    assert _status(client, measure, "in_progress").status_code == 303
    assert Measure.get_by_id(measure.id).status == "in_progress"
    assert _status(client, measure, "done").status_code == 303
    done = Measure.get_by_id(measure.id)
    assert done.status == "done" and done.done_on is not None
    overview = logged_in(app, coordinator).get("/beheer/maatregelen").text
    assert "Brieven eerder versturen." not in overview


def test_someone_else_cannot_change_the_status(app):
    coordinator = make_staff("coordinator")
    owner = make_staff("handler", "owner@example.nl", "Olga Eigenaar")
    other = make_staff("handler", "other@example.nl", "Otto Ander")
    complaint = decided(app, coordinator)
    measure = measures.add(complaint, "Iets doen.", owner.id, None, coordinator)
    assert _status(logged_in(app, other), measure, "done").status_code == 403
    assert Measure.get_by_id(measure.id).status == "open"


def test_the_owner_gets_a_due_measure_in_the_daily_reminder(app):
    from klachtenloket.services import reminders
    coordinator = make_staff("coordinator")
    owner = make_staff("handler")
    complaint = decided(app, coordinator)
    measures.add(complaint, "Werkinstructie aanpassen.", owner.id, date(2026, 3, 2), coordinator)
    measures.add(complaint, "Later.", owner.id, date(2026, 6, 1), coordinator)
    found = {r.staff.id: r for r in reminders.reminders(date(2026, 3, 1), date(2026, 3, 6))}
    assert [item.due_on for item in found[owner.id].measures] == [date(2026, 3, 2)]
    assert found[owner.id].overdue == [] and found[owner.id].soon == []


def test_the_report_lists_the_measures_of_complaints_handled_in_the_year(app):
    coordinator = make_staff("coordinator")
    complaint = decided(app, coordinator)
    measures.add(complaint, "Training bejegening.", None, None, coordinator)
    year = Complaint.get_by_id(complaint.id).handled_on.year
    assert [item.text for item in measures.for_report(year)] == ["Training bejegening."]
    assert measures.for_report(year - 1) == []


def test_no_measure_before_the_complaint_is_in_handling(app):
    coordinator = make_staff("coordinator")
    complaint = registered(app, coordinator)
    with pytest.raises(ValueError):
        measures.add(complaint, "Te vroeg.", None, None, coordinator)
