"""The register's columns (migration 0013) follow the steps: the yearly report and the open-data
export count from them, so a decision, its term and the ending must land there."""
from datetime import date, datetime

from tests.integration.helpers import make_staff, registered


def _decide(app, complaint, staff, at=None, outcome="upheld", summary=""):
    from klachtenloket.models import Complaint, Event
    from klachtenloket.services import casework
    from klachtenloket.web.organisation import current_organisation
    # Taken over from an earlier register: received on its date, before the steps.
    received = datetime.combine(complaint.received_on, datetime.min.time())
    Complaint.update(received_at=received).where(Complaint.id == complaint.id).execute()
    Event.update(at=received).where(Event.complaint == complaint.id).execute()
    with app.test_request_context():
        org = current_organisation()
        casework.record(complaint, "acknowledged", {}, staff, org, at=at)
        casework.record(complaint, "procedure_chosen", {"procedure": "formal"}, staff, org, at=at)
        casework.record(complaint, "decided", {"outcome": outcome, "findings": "Gezien.",
                                               "summary": summary}, staff, org, at=at)


def test_a_decision_fills_the_register_columns(app):
    from klachtenloket.models import Complaint
    coordinator = make_staff("coordinator")
    complaint = registered(app, coordinator, received_on=date(2026, 2, 20))
    # Decided 7 April 2026 (Amsterdam): the worked example's term ends that very day.
    _decide(app, complaint, coordinator, at=datetime(2026, 4, 7, 12, 0),
            summary="Een klant werd niet teruggebeld.")
    row = Complaint.get_by_id(complaint.id)
    assert row.handled_on == date(2026, 4, 7)
    assert row.outcome == "upheld" and row.formal is True
    assert row.decision_due == date(2026, 4, 7)
    assert row.days_late == 0
    assert row.summary == "Een klant werd niet teruggebeld."


def test_a_late_decision_counts_its_days_late(app):
    from klachtenloket.models import Complaint
    coordinator = make_staff("coordinator")
    complaint = registered(app, coordinator, received_on=date(2026, 2, 20))
    _decide(app, complaint, coordinator, at=datetime(2026, 4, 10, 9, 0))
    assert Complaint.get_by_id(complaint.id).days_late == 3


def test_the_handled_date_is_the_dutch_date(app):
    """Decided at 23:30 UTC on 31 December: in the Netherlands it is already the new year."""
    from klachtenloket.models import Complaint
    coordinator = make_staff("coordinator")
    complaint = registered(app, coordinator, received_on=date(2025, 12, 1))
    _decide(app, complaint, coordinator, at=datetime(2025, 12, 31, 23, 30))
    assert Complaint.get_by_id(complaint.id).handled_on == date(2026, 1, 1)


def test_a_withdrawn_complaint_is_handled_without_an_outcome(app):
    from klachtenloket.models import Complaint
    from klachtenloket.services import intake
    coordinator = make_staff("coordinator")
    complaint = registered(app, coordinator)
    intake.withdraw(complaint, "Opgelost.")
    row = Complaint.get_by_id(complaint.id)
    assert row.handled_on is not None and row.outcome == "" and row.days_late is None


def test_an_open_complaint_is_not_handled(app):
    from klachtenloket.models import Complaint
    coordinator = make_staff("coordinator")
    complaint = registered(app, coordinator)
    row = Complaint.get_by_id(complaint.id)
    assert row.handled_on is None and row.decision_due is None
