"""The privacy officer's pages (issue 7, "Privacy (AVG)"), on SQLite and PostgreSQL:

- an access request finds one person's complaints and downloads them as one ZIP that holds
  their data and not another person's, marks a third party named in a note and the staff
  member's name for redaction, and is written to the audit trail;
- the staff-views log chooses rows per period and per staff member, downloads that selection
  as CSV (itself audited), and no route changes or removes a row: the database refuses it.
"""
import csv
import io
import json
import zipfile
from datetime import datetime, timedelta

import pytest
from peewee import IntegrityError

from klachtenloket import db
from klachtenloket.domain.roles import COORDINATOR, HANDLER, READER
from klachtenloket.models import Attachment, AuditEntry
from klachtenloket.services.backup import uploads_dir
from klachtenloket.services import access_request, audit, casework, staff_log
from tests.conftest import csrf_token
from tests.integration.helpers import logged_in, make_staff
from tests.integration.privacy_data import web_complaint

pytestmark = pytest.mark.usefixtures("cheap_hashing")

NEIGHBOUR = "Gerrit Zwanenburg"


@pytest.fixture
def two_people(app):
    coordinator = make_staff(COORDINATOR, name="Corrie Jansen")
    fatima = web_complaint(app, "Fatima el Amrani", email="fatima@example.nl",
                           phone="06 12345678", description="De klantmanager was onbeleefd.")
    karel = web_complaint(app, "Karel Ander", email="karel@example.nl", phone="06 99999999",
                          description="Karel Ander schrijft over zijn eigen uitkering.")
    folder = uploads_dir(app.config)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ("f" * 32)).write_bytes(b"%PDF-1.4 Fatima's letter")
    Attachment.create(complaint=fatima, stored_name="f" * 32, filename="brief.pdf",
                      content_type="application/pdf", size=24, sha256="0" * 64)
    casework.record(fatima, "note_added",
                    {"text": f"Gesproken met de buurman {NEIGHBOUR}. Corrie Jansen belt terug."},
                    coordinator)
    return coordinator, fatima, karel


def test_only_the_coordinator_opens_the_privacy_pages(app, two_people):
    for role in (HANDLER, READER):
        client = logged_in(app, make_staff(role))
        for url in ("/beheer/privacy", "/beheer/privacy/inzage", "/beheer/privacy/logboek"):
            assert client.get(url).status_code == 403, (role, url)


@pytest.mark.parametrize("term", ["fatima", "FATIMA@example.nl", "0612345678", "06-1234 5678"])
def test_the_search_finds_the_person_by_name_email_or_phone(app, two_people, term):
    coordinator, fatima, karel = two_people
    found = access_request.search(term)
    assert [c.id for c in found] == [fatima.id]


def test_the_access_request_zip_holds_the_persons_data_marked_and_audited(app, two_people):
    coordinator, fatima, karel = two_people
    client = logged_in(app, coordinator)
    page = client.get("/beheer/privacy/inzage?q=Fatima")
    assert page.status_code == 200 and fatima.reference in page.text
    assert karel.reference not in page.text
    # A forged id of someone else's complaint is ignored: only what the search found counts.
    response = client.post("/beheer/privacy/inzage", data={
        "q": "Fatima", "complaints": [str(fatima.id), str(karel.id)],
        "csrf_token": csrf_token(page.text)})
    assert response.status_code == 200, response.text[:500]
    assert response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = archive.namelist()
    assert "README.txt" in names
    assert all(n.startswith(fatima.reference) or n == "README.txt" for n in names), names
    record = json.loads(archive.read(f"{fatima.reference}/complaint.json"))
    assert record["name"] == "Fatima el Amrani" and record["email"] == "fatima@example.nl"
    whole = b"".join(archive.read(n) for n in names)
    assert b"Karel Ander" not in whole and b"karel@example.nl" not in whole
    note = record["notes"][0]["text"]
    assert f"[[REDACT? {NEIGHBOUR}]]" in note
    assert "[[REDACT? Corrie Jansen]]" in note
    assert record["notes"][0]["by"] == "[[REDACT? Corrie Jansen]]", "staff are named, and marked"
    assert "[[REDACT? Fatima" not in json.dumps(record, ensure_ascii=False)
    html = archive.read(f"{fatima.reference}/complaint.html").decode()
    assert f"[[REDACT? {NEIGHBOUR}]]" in html
    assert "[[REDACT?" in archive.read("README.txt").decode()
    assert record["viewed_and_changed_by"], "who opened or changed it is in the file"
    assert archive.read(f"{fatima.reference}/attachments/1-brief.pdf") == \
        b"%PDF-1.4 Fatima's letter"
    assert record["attachments"] == [{"file": "attachments/1-brief.pdf", "name": "brief.pdf"}]
    assert any(n.startswith(f"{fatima.reference}/letters/letter-1.") for n in names)
    exported = list(AuditEntry.select().where(AuditEntry.action == access_request.EXPORTED))
    assert [(e.complaint_id, e.staff_id) for e in exported] == [(fatima.id, coordinator.id)]


def test_exporting_nothing_shows_the_problem_and_keeps_the_results(app, two_people):
    coordinator, fatima, karel = two_people
    client = logged_in(app, coordinator)
    page = client.get("/beheer/privacy/inzage?q=Fatima")
    response = client.post("/beheer/privacy/inzage",
                           data={"q": "Fatima", "csrf_token": csrf_token(page.text)})
    assert response.status_code == 422
    assert "Vink minstens één klacht aan" in response.text and fatima.reference in response.text
    assert not AuditEntry.select().where(AuditEntry.action == access_request.EXPORTED).exists()


def test_the_log_filters_by_staff_member_and_period_and_exports_csv(app, two_people):
    coordinator, fatima, karel = two_people
    handler = make_staff(HANDLER, name="Hans Handler")
    client = logged_in(app, coordinator)
    audit.viewed(coordinator, fatima)       # what opening the complaint's page writes
    client.get("/beheer/privacy?lang=en")
    today = datetime.now().strftime("%d-%m-%Y")
    page = client.get(f"/beheer/privacy/logboek?staff={coordinator.id}&date_from={today}"
                      f"&date_to={today}")
    assert page.status_code == 200
    assert "Opened the complaint" in page.text and fatima.reference in page.text
    only_handler = client.get(f"/beheer/privacy/logboek?staff={handler.id}")
    assert "Opened the complaint" not in only_handler.text
    yesterday = (datetime.now() - timedelta(days=2)).strftime("%d-%m-%Y")
    past = client.get(f"/beheer/privacy/logboek?date_to={yesterday}")
    assert fatima.reference not in past.text

    wrong = client.get("/beheer/privacy/logboek?date_from=31-02-2026")
    assert "Enter the date like 20-11-2026" in wrong.text

    response = client.post("/beheer/privacy/logboek/csv", data={
        "staff": str(coordinator.id), "date_from": today, "date_to": today,
        "csrf_token": csrf_token(page.text)})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[1:] and all(row[2] == "Corrie Jansen" for row in rows[1:])
    assert any(row[3] == fatima.reference and row[5] == "viewed" for row in rows[1:])
    exports = list(AuditEntry.select().where(AuditEntry.action == staff_log.EXPORTED))
    assert len(exports) == 1 and exports[0].staff_id == coordinator.id
    assert f"staff #{coordinator.id}" in exports[0].detail


def test_the_csv_export_needs_the_form_token(app, two_people):
    coordinator, _fatima, _karel = two_people
    client = logged_in(app, coordinator)
    assert client.post("/beheer/privacy/logboek/csv", data={}).status_code == 400
    assert not AuditEntry.select().where(AuditEntry.action == staff_log.EXPORTED).exists()


def test_no_route_changes_or_removes_audit_rows_and_the_database_refuses_it(app, two_people):
    for rule in app.url_map.iter_rules():
        assert "logboek" not in rule.rule or rule.methods & {"PUT", "PATCH", "DELETE"} == set()
    row = AuditEntry.select().first()
    assert row is not None
    with pytest.raises(IntegrityError):
        with db.database.atomic():
            AuditEntry.update(detail="changed").where(AuditEntry.id == row.id).execute()
    with pytest.raises(IntegrityError):
        with db.database.atomic():
            AuditEntry.delete().where(AuditEntry.id == row.id).execute()
    assert AuditEntry.get_by_id(row.id).detail == row.detail
