"""Retention (issue 7, "Privacy (AVG)"), on SQLite and PostgreSQL: `flask --app app purge`
removes the personal data of complaints finished longer ago than the organisation's retention
period and keeps their anonymous register row; on SQLite a planted name is gone from the
database file's bytes (and the write-ahead log's), not only from its tables."""
import json
import secrets
import string
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from klachtenloket import db
from klachtenloket.domain.organisation import Organisation, load_preset
from klachtenloket.domain.roles import COORDINATOR
from klachtenloket.models import (Attachment, AuditEntry, CallbackRequest, Complaint, Draft,
                                  Event, Letter, OutboxMail, TrackingToken)
from klachtenloket.services import casework, purge
from tests.integration.helpers import make_staff
from tests.integration.privacy_data import web_complaint

pytestmark = pytest.mark.usefixtures("cheap_hashing")

TODAY = date.today()
LONG_AGO = datetime.combine(purge.months_before(TODAY, 30), datetime.min.time())


def planted_name() -> str:
    letters = "".join(secrets.choice(string.ascii_lowercase) for _ in range(8))
    return f"Quirijn {letters.capitalize()}ovski"


def finished_complaint(client, coordinator, name: str, ended_at: datetime) -> Complaint:
    """A complaint filed on the web by `name`, with a note naming them, declined at `ended_at`."""
    complaint = web_complaint(client.application, name, email="quirijn@example.nl",
                              description=f"Ik, {name}, werd niet geholpen.",
                              desired_outcome=f"Excuses aan {name}")
    # A file the resident sent, as klachtenloket.services.attachments stores it.
    folder = uploads_of(client.application)
    folder.mkdir(parents=True, exist_ok=True)
    stored = secrets.token_hex(16)
    content = f"%PDF-1.4 brief van {name}".encode()
    (folder / stored).write_bytes(content)
    Attachment.create(complaint=complaint, stored_name=stored, filename="brief.pdf",
                      content_type="application/pdf", size=len(content), sha256="0" * 64)
    # A draft left behind under the complaint's key (the submit normally removes it).
    Draft.create(key=complaint.submission_key, data_json=json.dumps({"name": name}))
    CallbackRequest.create(requested_on=TODAY, channel="web", name=name, phone="0612345678",
                           subject=f"Terugbellen {name}", due_on=TODAY, complaint=complaint)
    casework.record(complaint, "note_added", {"text": f"Gebeld met {name}."}, coordinator)
    declined = casework.record(complaint, "declined",
                               {"ground": "older_than_a_year",
                                "reason": f"De klacht van {name} is te oud."}, coordinator)
    # Every step moved back to `ended_at`, in order: the complaint ended then.
    Event.update(at=ended_at).where(Event.complaint == complaint).execute()
    Event.update(at=ended_at + timedelta(seconds=1)).where(Event.id == declined.id).execute()
    return Complaint.get_by_id(complaint.id)


def uploads_of(app) -> Path:
    from klachtenloket.services.backup import uploads_dir
    return uploads_dir(app.config)


def uploads_bytes(app) -> bytes:
    folder = uploads_of(app)
    return b"".join(f.read_bytes() for f in folder.rglob("*") if f.is_file()) \
        if folder.exists() else b""


def sqlite_bytes(app) -> bytes:
    """The SQLite database's file and its write-ahead log, after a checkpoint."""
    path = Path(app.config["DATABASE_URL"][len("sqlite:///"):])
    db.database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return b"".join(file.read_bytes() for file in (path, Path(f"{path}-wal")) if file.exists())


def test_retention_is_configured_per_organisation_with_a_default():
    preset = load_preset("ijmond-werkt")
    assert Organisation.from_dict(preset).retention_months == 24
    preset["register"]["retention_months"] = 60
    assert Organisation.from_dict(preset).retention_months == 60
    del preset["register"]
    assert Organisation.from_dict(preset).retention_months == 24
    for wrong in (0, "24", True, 1.5):
        preset["register"] = {"retention_months": wrong}
        with pytest.raises(ValueError, match="retention_months"):
            Organisation.from_dict(preset)


def test_months_before_stays_in_the_month():
    assert purge.months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert purge.months_before(date(2026, 1, 15), 24) == date(2024, 1, 15)


def test_a_purge_keeps_the_register_row_and_removes_everything_personal(app, client, runner):
    coordinator = make_staff(COORDINATOR, name="Corrie Jansen")
    name = planted_name()
    old = finished_complaint(client, coordinator, name, LONG_AGO)
    recent_name = planted_name()
    recent = finished_complaint(client, coordinator, recent_name,
                                datetime.now() - timedelta(days=30))
    before = {f: getattr(old, f) for f in ("reference", "received_on", "channel", "unit", "state",
                                          "category", "municipality")}
    kinds = [e.kind for e in Event.select().where(Event.complaint == old).order_by(Event.id)]
    assert TrackingToken.select().where(TrackingToken.complaint == old).exists()
    assert OutboxMail.select().where(OutboxMail.complaint == old).exists()

    assert name.encode() in uploads_bytes(app), "the test plants what it looks for"
    if db.is_sqlite():
        assert name.encode() in sqlite_bytes(app), "the test plants what it looks for"
        assert db.database.execute_sql("PRAGMA secure_delete").fetchone()[0] == 1

    dry = runner.invoke(args=["purge", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert old.reference in dry.output and recent.reference not in dry.output
    assert Complaint.get_by_id(old.id).name == name, "a dry run changes nothing"

    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "1 complaint(s)" in result.output and old.reference in result.output

    gone = Complaint.get_by_id(old.id)
    assert {f: getattr(gone, f) for f in before} == before, "the register row stays"
    assert gone.purged_on == TODAY
    assert gone.name == purge.PLACEHOLDER and gone.description == purge.PLACEHOLDER
    for field in ("email", "phone", "street", "client_number", "representative_name",
                  "desired_outcome", "employee_name"):
        assert getattr(gone, field) == "", field
    events = list(Event.select().where(Event.complaint == old).order_by(Event.id))
    assert [e.kind for e in events] == kinds, "the history stays, for the figures"
    assert not any(name in e.text or name in e.payload_json for e in events)
    declined = next(e for e in events if e.kind == "declined")
    assert json.loads(declined.payload_json)["ground"] == "older_than_a_year"
    assert casework.case_state(gone).state == "declined", "the history still replays"
    assert not TrackingToken.select().where(TrackingToken.complaint == old).exists()
    assert not Letter.select().where(Letter.complaint == old).exists()
    assert not OutboxMail.select().where(OutboxMail.complaint == old).exists()
    assert not Draft.select().where(Draft.data_json.contains(name)).exists()
    callback = CallbackRequest.get(CallbackRequest.complaint == old)
    assert name not in callback.name + callback.subject and callback.phone == ""
    assert AuditEntry.select().where(AuditEntry.complaint == old,
                                     AuditEntry.action == purge.PURGED).count() == 1
    assert not any(name in e.detail for e in AuditEntry.select())

    kept = Complaint.get_by_id(recent.id)
    assert kept.name == recent_name and kept.purged_on is None, "within the retention: kept"

    again = runner.invoke(args=["purge"])
    assert "0 complaint(s)" in again.output, "a purged complaint is not purged again"

    if db.is_sqlite():
        data = sqlite_bytes(app)
        for variant in (name, name.lower(), name.upper()):
            assert variant.encode() not in data, f"{variant} is still in the database's files"
        assert recent_name.encode() in data, "what is within the retention stays"
    assert name.encode() not in uploads_bytes(app), "the attachment is gone from the folder"
    assert recent_name.encode() in uploads_bytes(app), "a file within the retention stays"
    assert not Attachment.select().where(Attachment.complaint == old).exists()


def test_the_purge_asks_the_attachments_service_to_delete_the_files(app, client, monkeypatch):
    coordinator = make_staff(COORDINATOR)
    old = finished_complaint(client, coordinator, planted_name(), LONG_AGO)
    asked = []
    monkeypatch.setattr(purge, "delete_attachments", lambda ids: asked.append(ids) or "deleted")
    with app.app_context():
        result = purge.run(TODAY, 24)
    assert asked == [[old.id]] and result.attachments == "deleted"
