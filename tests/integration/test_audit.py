"""The audit trail (klachtenloket.services.audit), on SQLite and PostgreSQL:

- a step, a registration and a change to a staff account each write exactly one row, in the
  transaction of the change: a refused step, or a transaction that fails after the row was
  written, leaves none;
- opening a complaint's page writes a "viewed" row;
- the database itself refuses UPDATE and DELETE of audit rows (and TRUNCATE on PostgreSQL),
  and the deletion of a complaint that has a trail;
- the coordinator reads a complaint's trail, newest first, 50 a page; nobody else does
  (test_staff_access.py walks the URL map for the roles).
"""
import importlib.util
from datetime import date, datetime, timedelta

import pytest
from peewee import IntegrityError

from klachtenloket import db
from klachtenloket.domain.roles import ADMINISTRATOR, COORDINATOR, HANDLER, READER
from klachtenloket.domain.states import TransitionError
from klachtenloket.models import AuditEntry, Complaint, Event
from klachtenloket.services import accounts, audit, casework
from tests.integration.helpers import STAFF_PASSWORD, logged_in, make_staff, page_of, registered

pytestmark = pytest.mark.usefixtures("cheap_hashing")


def trail_of(complaint) -> list[tuple[str, str]]:
    return [(e.action, e.staff_name) for e in
            AuditEntry.select().where(AuditEntry.complaint == complaint).order_by(AuditEntry.id)]


# --- writing, in the transaction of the change --------------------------------------------

def test_a_step_writes_exactly_one_row_naming_who_and_the_event(app):
    coordinator = make_staff(COORDINATOR, name="Corrie Jansen")
    complaint = registered(app, coordinator)
    event = casework.record(complaint, "acknowledged", {"on": date(2026, 1, 6)}, coordinator)
    rows = list(AuditEntry.select().where(AuditEntry.complaint == complaint,
                                          AuditEntry.action == "step:acknowledged"))
    assert len(rows) == 1
    row = rows[0]
    assert (row.staff_id, row.staff_name, row.detail) == \
        (coordinator.id, "Corrie Jansen", f"event {event.id}")
    assert abs(row.at - Event.get_by_id(event.id).at) < timedelta(seconds=5)


def test_a_refused_step_writes_no_row(app):
    coordinator = make_staff(COORDINATOR)
    complaint = registered(app, coordinator)
    before = trail_of(complaint)
    with pytest.raises(TransitionError):
        casework.record(complaint, "closed", {}, coordinator)
    assert trail_of(complaint) == before


def test_a_step_whose_transaction_fails_after_the_row_leaves_neither_row_nor_event(
        app, monkeypatch):
    coordinator = make_staff(COORDINATOR)
    complaint = registered(app, coordinator)
    before = trail_of(complaint)

    def broken(*args, **kwargs):     # runs in record() after the event and its audit row
        raise RuntimeError("the disk is full")
    monkeypatch.setattr(casework, "refresh_next_deadline", broken)
    with pytest.raises(RuntimeError):
        casework.record(complaint, "acknowledged", {}, coordinator)
    assert trail_of(complaint) == before
    assert [e.kind for e in Event.select().where(Event.complaint == complaint)] == ["received"]


def test_a_row_is_rolled_back_with_the_transaction_it_was_written_in(app):
    coordinator = make_staff(COORDINATOR)
    complaint = registered(app, coordinator)
    before = trail_of(complaint)
    with pytest.raises(RuntimeError):
        with db.database.atomic():
            audit.log(coordinator, "step:note_added", complaint)
            raise RuntimeError("something after the row fails")
    assert trail_of(complaint) == before


def test_log_refuses_to_write_outside_a_transaction(app):
    coordinator = make_staff(COORDINATOR)
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit.log(coordinator, "viewed")
    assert AuditEntry.select().where(AuditEntry.action == "viewed").count() == 0


def test_registering_a_complaint_writes_one_row_with_its_channel(app):
    coordinator = make_staff(COORDINATOR, name="Corrie Jansen")
    complaint = registered(app, coordinator)
    rows = list(AuditEntry.select().where(AuditEntry.complaint == complaint))
    assert [(r.action, r.staff_name, r.detail) for r in rows] == \
        [("registered", "Corrie Jansen", "phone")]


def test_a_residents_own_complaint_writes_no_row(app, client):
    from tests.integration.helpers import file_complaint
    file_complaint(client)
    assert Complaint.select().count() == 1
    assert AuditEntry.select().count() == 0


def test_changes_to_staff_accounts_are_written_without_a_complaint(app):
    admin = make_staff(ADMINISTRATOR, name="Bea Beheer")     # made "on the command line"
    handler = accounts.create("handler@example.nl", "Henk", HANDLER, STAFF_PASSWORD, by=admin)
    accounts.set_password(handler, "een heel ander wachtwoord", by=admin)
    accounts.disable(handler, by=admin)
    rows = [(r.action, r.staff_id, r.staff_name, r.detail, r.complaint_id)
            for r in AuditEntry.select().order_by(AuditEntry.id)]
    assert rows == [
        ("staff:created", None, "", f"staff {admin.id} (administrator)", None),
        ("staff:created", admin.id, "Bea Beheer", f"staff {handler.id} (handler)", None),
        ("staff:password_set", admin.id, "Bea Beheer", f"staff {handler.id} (handler)", None),
        ("staff:disabled", admin.id, "Bea Beheer", f"staff {handler.id} (handler)", None),
    ]


def test_a_refused_account_change_writes_no_row(app):
    make_staff(ADMINISTRATOR)
    before = AuditEntry.select().count()
    with pytest.raises(accounts.AccountError):
        accounts.create("administrator@example.nl", "Dubbel", HANDLER, STAFF_PASSWORD)
    assert AuditEntry.select().count() == before


# --- viewing ------------------------------------------------------------------------------

def test_opening_a_complaint_writes_a_viewed_row_for_whoever_opened_it(app):
    coordinator = make_staff(COORDINATOR, name="Corrie Jansen")
    reader = make_staff(READER, name="Rob Lezer")
    complaint = registered(app, coordinator)
    for staff in (coordinator, reader):
        assert logged_in(app, staff).get(page_of(complaint)).status_code == 200
    assert trail_of(complaint)[-2:] == [("viewed", "Corrie Jansen"), ("viewed", "Rob Lezer")]


def test_a_complaint_page_that_is_refused_writes_no_viewed_row(app):
    coordinator = make_staff(COORDINATOR)
    handler = make_staff(HANDLER)
    complaint = registered(app, coordinator)    # not assigned to the handler
    assert logged_in(app, handler).get(page_of(complaint)).status_code == 403
    assert ("viewed", handler.name) not in trail_of(complaint)


# --- append-only, enforced by the database ------------------------------------------------

@pytest.fixture
def entry(app):
    coordinator = make_staff(COORDINATOR)
    complaint = registered(app, coordinator)
    return AuditEntry.get(AuditEntry.complaint == complaint)


def refused(statement) -> bool:
    """True when the database refuses `statement` (a callable); the transaction is undone."""
    try:
        with db.database.atomic():
            statement()
    except IntegrityError as error:
        assert "append-only" in str(error) or "FOREIGN KEY" in str(error).upper(), error
        return True
    return False


def test_the_database_refuses_to_update_an_audit_row(entry):
    assert refused(lambda: AuditEntry.update(staff_name="Someone else")
                   .where(AuditEntry.id == entry.id).execute())
    assert refused(lambda: db.database.execute_sql(
        "UPDATE audit_entry SET action = 'viewed'"))
    assert AuditEntry.get_by_id(entry.id).staff_name == entry.staff_name
    assert AuditEntry.get_by_id(entry.id).action == "registered"


def test_the_database_refuses_to_delete_an_audit_row(entry):
    assert refused(lambda: AuditEntry.delete().where(AuditEntry.id == entry.id).execute())
    assert refused(lambda: db.database.execute_sql("DELETE FROM audit_entry"))
    assert refused(entry.delete_instance)
    assert AuditEntry.select().where(AuditEntry.id == entry.id).count() == 1


def test_postgresql_also_refuses_to_truncate_the_audit_table(entry):
    if db.is_sqlite():
        pytest.skip("SQLite has no TRUNCATE; DELETE is refused above")
    assert refused(lambda: db.database.execute_sql("TRUNCATE audit_entry CASCADE"))
    assert AuditEntry.select().count() >= 1


def test_a_complaint_with_an_audit_trail_cannot_be_deleted(entry):
    """Not even through the events' ON DELETE CASCADE: erasure will be a path of its own."""
    assert refused(lambda: Complaint.delete().where(Complaint.id == entry.complaint_id).execute())
    assert Complaint.select().where(Complaint.id == entry.complaint_id).count() == 1


def test_inserting_still_works_after_a_refusal(entry):
    before = AuditEntry.select().count()
    assert refused(lambda: AuditEntry.delete().execute())
    with db.database.atomic():
        audit.log(None, "staff:created", detail="staff 0 (reader)")
    assert AuditEntry.select().count() == before + 1


def _migration_0008():
    path = db.MIGRATIONS_DIR / "0008_audit.py"
    spec = importlib.util.spec_from_file_location("migration_0008_audit", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_migration_0008_goes_down_and_up_again_with_its_guard(fresh_database_url, tmp_path,
                                                              monkeypatch):
    from playhouse.migrations import SchemaMigrator
    monkeypatch.setenv("KLACHTENLOKET_INSTANCE", str(tmp_path / "instance"))
    from app import create_app
    create_app({"DATABASE_URL": fresh_database_url, "TESTING": True})
    db.migrate()
    migration = _migration_0008()
    try:
        with db.database.connection_context():
            migrator = SchemaMigrator.from_database(db.database.obj)
            with db.database.atomic():
                migration.down(migrator, db.database.obj)
            assert "audit_entry" not in db.database.get_tables()
            with db.database.atomic():
                migration.up(migrator, db.database.obj)
            with db.database.atomic():
                audit.log(None, "staff:created")
            assert refused(lambda: AuditEntry.delete().execute())
            assert refused(lambda: AuditEntry.update(action="x").execute())
    finally:
        if hasattr(db.database.obj, "close_all"):
            db.database.obj.close_all()


# --- reading: the coordinator's page ------------------------------------------------------

def trail_page(reference: str, page: int | None = None, lang: str = "en") -> str:
    query = f"?lang={lang}" + (f"&page={page}" if page else "")
    return f"/beheer/klachten/{reference}/logboek{query}"


def rows_on(html: str) -> list[str]:
    import re
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    return re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S) if body else []


def test_the_coordinator_reads_the_trail_newest_first_fifty_a_page(app):
    coordinator = make_staff(COORDINATOR, name="Corrie Jansen")
    complaint = registered(app, coordinator)
    start = datetime(2000, 1, 1, 9, 0)
    # Inserted out of order: the page sorts by time, not by the order of the rows.
    with db.database.atomic():
        for n in [*range(60, 120), *range(0, 60)]:
            AuditEntry.create(at=start + timedelta(minutes=n), staff_id=coordinator.id,
                              staff_name=f"Staff {n:03d}", complaint=complaint,
                              action="viewed")
    client = logged_in(app, coordinator)
    first = client.get(trail_page(complaint.reference))
    assert first.status_code == 200
    assert "121 lines · page 1 of 3" in first.text
    rows = rows_on(first.text)
    # The coordinator's "registered" row was made now, so it comes first.
    named = [r for r in rows if "Staff " in r]
    assert len(rows) == 50
    assert "Staff 119" in named[0] and "Staff 118" in named[1]
    assert 'rel="next"' in first.text and 'rel="prev"' not in first.text

    last = client.get(trail_page(complaint.reference, 3))
    rows = rows_on(last.text)
    assert len(rows) == 21 and 'rel="prev"' in last.text and 'rel="next"' not in last.text
    past_the_end = client.get(trail_page(complaint.reference, 99)).text
    assert rows_on(past_the_end) == rows and "page 3 of 3" in past_the_end, \
        "a page past the end shows the last"


def test_the_trail_says_in_words_who_did_what(app):
    coordinator = make_staff(COORDINATOR, name="Corrie Jansen")
    handler = make_staff(HANDLER, name="Henk Behandelaar")
    complaint = registered(app, coordinator)
    casework.record(complaint, "acknowledged", {}, coordinator)
    casework.record(complaint, "assigned", {"handler": handler.id}, coordinator)
    with db.database.atomic():
        audit.log(coordinator, "step:some_future_step", complaint)
    client = logged_in(app, coordinator)
    client.get(page_of(complaint))

    english = client.get(trail_page(complaint.reference)).text
    rows = [" ".join(r.split()) for r in rows_on(english)]
    assert "Corrie Jansen</td><td>Opened the complaint" in rows[0]
    assert "Step: some_future_step" in rows[1], "a code without words is shown as stored"
    assert "Step: Handler chosen" in rows[2]
    assert "Step: Receipt confirmed" in rows[3]
    assert "Registered the complaint (Phone)" in rows[4]
    dutch = client.get(trail_page(complaint.reference, lang="nl")).text
    assert "Logboek van klacht" in dutch and "Klacht geregistreerd (Telefoon)" in dutch
    assert "Stap: Behandelaar gekozen" in dutch and "Klacht geopend" in dutch


def test_the_trail_of_an_unknown_complaint_is_not_found(app):
    coordinator = make_staff(COORDINATOR)
    assert logged_in(app, coordinator).get(trail_page("KL-2026-99999")).status_code == 404


def test_reading_the_trail_writes_nothing(app):
    coordinator = make_staff(COORDINATOR)
    complaint = registered(app, coordinator)
    before = AuditEntry.select().count()
    logged_in(app, coordinator).get(trail_page(complaint.reference))
    assert AuditEntry.select().count() == before


@pytest.mark.parametrize("role, sees_link", [(COORDINATOR, True), (READER, False)])
def test_only_the_coordinator_gets_a_link_to_the_trail(app, role, sees_link):
    coordinator = make_staff(COORDINATOR) if role != COORDINATOR else None
    staff = make_staff(role)
    complaint = registered(app, coordinator or staff)
    html = logged_in(app, staff).get(page_of(complaint)).text
    assert (f'href="/beheer/klachten/{complaint.reference}/logboek"' in html) is sees_link
