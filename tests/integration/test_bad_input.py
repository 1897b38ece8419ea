"""Bad input of every kind: a clear message or a 4xx page, never a 500 or a half-stored complaint."""
import pytest

from klachtenloket.models import Complaint
from tests.conftest import csrf_token
from tests.integration.helpers import GOOD_DETAILS, choose_who, fill_details, send


@pytest.mark.parametrize("field, value", [
    ("description", "hallo\x00wereld"),
    ("name", "Jan\x07"),
    ("name", "x" * 201),
    ("description", "x" * 10_001),
    ("event_date", "2026-13-45"),
    ("event_date", "gisteren"),
    ("event_date", "0001-01-01"),
    ("event_time", "25:99"),
    ("reply_by", "fax"),
    ("unit", "Geheime afdeling"),
    ("email", "a@b"),
])
def test_bad_field_values_get_a_message_at_the_field(client, field, value):
    choose_who(client)
    response = fill_details(client, **{field: value})
    assert response.status_code == 200
    assert f'id="{field}-error"' in response.text
    assert Complaint.select().count() == 0


def test_html_and_script_are_stored_as_text_and_shown_escaped(client):
    choose_who(client)
    fill_details(client, description="<script>alert(1)</script> <b>vet</b>")
    html = client.get("/klacht/controleren").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    send(client)
    assert Complaint.get().description == "<script>alert(1)</script> <b>vet</b>"


def test_unknown_fields_are_ignored(client):
    choose_who(client)
    response = fill_details(client, state="decided", reference="KL-1999-00001", is_admin="1")
    assert response.status_code == 302
    send(client)
    complaint = Complaint.get()
    assert complaint.state == "received" and complaint.reference != "KL-1999-00001"


def test_oversized_body_is_refused_with_a_page_not_a_crash(client):
    choose_who(client)
    page = client.get("/klacht/gegevens")
    response = client.post("/klacht/gegevens", data={**GOOD_DETAILS, "description": "x" * 300_000,
                                                     "csrf_token": csrf_token(page.text)})
    assert response.status_code == 413
    assert "<h1>" in response.text


def test_wrong_methods_and_unknown_pages_get_friendly_pages(client):
    assert client.get("/klacht/versturen").status_code == 405
    assert client.get("/bestaat-niet").status_code == 404
    assert client.post("/", data={}).status_code == 405


def test_a_crash_shows_an_incident_id_not_a_traceback(app, client, monkeypatch):
    from views import public
    monkeypatch.setattr(public, "render_template",
                        lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom secret")))
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/")
    assert response.status_code == 500
    assert "boom secret" not in response.text and "Traceback" not in response.text
