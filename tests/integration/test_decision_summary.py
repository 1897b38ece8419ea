"""The one line for the yearly report (Awb 9:12a; seed 002 "what was it about"): asked for
with a (partly) upheld decision, and refused — with the text kept and the reason at the field —
when it gives away the complainant's name, phone number or client number."""
import pytest

from klachtenloket.models import Complaint
from klachtenloket.services import casework
from tests.conftest import csrf_token
from tests.integration.helpers import error_summary, logged_in, make_staff, page_of, registered

pytestmark = pytest.mark.usefixtures("cheap_hashing")


def decide(client, complaint, **fields):
    page = client.get(page_of(complaint))
    data = {"decide-outcome": "upheld", "decide-findings": "Er is niet teruggebeld.",
            **fields, "csrf_token": csrf_token(page.text)}
    return client.post(page_of(complaint) + "/beslissen?lang=en", data=data)


@pytest.fixture
def acknowledged(app):
    coordinator = make_staff("coordinator")
    complaint = registered(app, coordinator)       # Piet Bellen, 06 87654321, client 123456
    casework.record(complaint, "acknowledged", {}, coordinator)
    return logged_in(app, coordinator), complaint


def test_an_upheld_complaint_needs_its_line(acknowledged):
    client, complaint = acknowledged
    response = decide(client, complaint)
    assert response.status_code == 200
    assert "one line" in error_summary(response.text)
    assert "Er is niet teruggebeld." in response.text, "the findings are kept"


@pytest.mark.parametrize("line, field", [
    ("Meneer Bellen werd niet teruggebeld.", "name"),
    ("De klant op 06-8765 4321 werd niet teruggebeld.", "phone number"),
    ("Klantnummer 123 456 kreeg geen antwoord.", "client number"),
])
def test_a_line_with_the_complainants_details_is_refused(acknowledged, line, field):
    client, complaint = acknowledged
    response = decide(client, complaint, **{"decide-summary": line})
    assert response.status_code == 200
    assert field in error_summary(response.text)
    assert line in response.text, "the line is kept to change"
    assert Complaint.get_by_id(complaint.id).state == "acknowledged"


def test_an_anonymous_line_is_stored_for_the_report(acknowledged):
    client, complaint = acknowledged
    line = "Een klant werd na drie beloftes niet teruggebeld."
    assert decide(client, complaint, **{"decide-summary": line}).status_code == 303
    stored = Complaint.get_by_id(complaint.id)
    assert stored.summary == line and stored.outcome == "upheld"


def test_a_not_upheld_complaint_needs_no_line(acknowledged):
    client, complaint = acknowledged
    assert decide(client, complaint, **{"decide-outcome": "not_upheld"}).status_code == 303
