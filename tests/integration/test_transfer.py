"""`move-to-postgresql`: a SQLite installation, filled through the real services, moves into an
empty PostgreSQL database row for row; numbering continues there, the portal runs on it, and
the audit trail stays append-only. A target that holds data, a source that is not SQLite and a
copy that differs all leave the target as it was."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import psycopg2
import pytest
import time_machine
from peewee import IntegrityError

from klachtenloket import db
from klachtenloket.domain.organisation import load_preset
from klachtenloket.domain.roles import COORDINATOR, HANDLER
from klachtenloket.models import ALL_MODELS, AuditEntry, Complaint, Event, Letter, Staff
from klachtenloket.services import (callbacks, casework, configuration, drafts, intake,
                                    transfer)
from klachtenloket.throwaway import postgres_database
from klachtenloket.web.mail import acknowledgement_mails
from klachtenloket.web.organisation import current_organisation
from tests.conftest import _postgres_available
from tests.integration.helpers import logged_in, make_staff, page_of, registered

pytestmark = pytest.mark.usefixtures("cheap_hashing")

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _close_pool():
    if db.database.obj is None:
        return
    if not db.database.is_closed():
        db.database.close()
    if hasattr(db.database.obj, "close_all"):
        db.database.obj.close_all()


def _app_on(url: str, instance, monkeypatch):
    _close_pool()
    monkeypatch.setenv("KLACHTENLOKET_INSTANCE", str(instance))
    from app import create_app
    return create_app({"DATABASE_URL": url, "TESTING": True,
                       "PUBLIC_URL": "http://klachten.test", "MAIL_PORT": 1})


@pytest.fixture
def target_url():
    reason = _postgres_available()
    if reason:
        pytest.skip(reason)
    with postgres_database("kl_move", before_drop=_close_pool) as url:
        yield url


@pytest.fixture
def source(tmp_path, monkeypatch):
    """An installation on SQLite with its schema."""
    app = _app_on(f"sqlite:///{tmp_path / 'source' / 'klachtenloket.db'}",
                  tmp_path / "source", monkeypatch)
    db.migrate()
    yield app
    _close_pool()


def _file(app, n: int) -> Complaint:
    """A complaint from the public form, with its acknowledgement letter and mail."""
    with app.test_request_context():
        return intake.submit(f"move-key-{n}", {
            "filed_by": "self", "name": f"Çağlar Ødegård {n}", "reply_by": "email",
            "email": f"inwoner{n}@example.nl", "description": "Lang gewacht.\nNog steeds.",
            "event_date": "2026-11-01"}, current_organisation(), "nl", date(2026, 11, 25),
            acknowledgement_mails).complaint


def _fill(app):
    """Every table of ALL_MODELS gets rows, each through the service that writes it."""
    configuration.save(load_preset("wil-lekstroom"))
    coordinator = make_staff(COORDINATOR)
    handler = make_staff(HANDLER)
    _file(app, 1)
    complaint = registered(app, coordinator, email="piet@example.nl")
    for kind, payload in (("acknowledged", {}), ("assigned", {"handler": handler.id}),
                          ("note_added", {"text": "Teruggebeld, geen gehoor."}),
                          ("decided", {"outcome": "upheld", "findings": "Terecht.",
                                       "measures": "Excuses."})):
        casework.record(complaint, kind, payload, coordinator)
    from klachtenloket.services import measures
    measures.add(complaint, "Het team belt binnen twee dagen terug.", handler.id,
                 date(2026, 12, 1), coordinator)
    with app.test_request_context():
        callbacks.create("callback-key", {"name": "Fatima", "phone": "06 12345678",
                                          "best_time": "ochtend", "subject": "Brief"},
                         current_organisation(), "web", date(2026, 3, 6))
    drafts.save(drafts.new_key(), {"name": "half ingevuld"})
    # Two-factor login and sessions (issue 7): backup codes, a failed login, a kept form.
    from klachtenloket.services import sessions, two_factor
    secret = two_factor.new_secret()
    two_factor.enrol(coordinator, secret, two_factor.code_at(secret, two_factor.current_step()))
    sessions.record_failure("iemand@example.nl", "192.0.2.1")
    sessions.keep_form(coordinator.id, "/beheer/klachten/KL-2026-00002/notitie",
                       [("note-text", "Bijna af")])
    # The spam queue and a file (issue 7): a held complaint keeps its pending file.
    from klachtenloket.services import attachments, spam
    from tests.integration import sample_files
    spam.hold("held-key", {"name": "Spam", "description": "Koop nu"}, "honeypot", "nl",
              date(2026, 11, 25))
    attachments.store_pending("held-key", "brief.pdf", sample_files.pdf(), app.config)
    # The yearly report's own words (issue 6).
    from klachtenloket.services import report
    report.save_text(2026, "Inleiding.", "Tot slot.", coordinator, "")
    # The organisation's logo (issue 5), stored as text so it moves like any other row.
    from klachtenloket.services import logos
    logos.store(logos.check(sample_files.image("PNG")))
    with time_machine.travel(datetime(2026, 11, 26, 6, 30, tzinfo=AMSTERDAM), tick=False):
        result = app.test_cli_runner().invoke(args=["send-reminders", "--days", "60"])
    assert result.exit_code == 0, result.output
    return coordinator, complaint


def _rows() -> dict:
    """Every row of every table, by primary key, as the models read them."""
    return {m._meta.table_name: {row[0]: row for row in
                                 m.select(*m._meta.sorted_fields).tuples()}
            for m in ALL_MODELS}


def _history(url: str) -> list[str]:
    """The names in the migration history table."""
    if not url.startswith("sqlite"):
        return _pg(url, "SELECT name FROM schema_migration ORDER BY name")
    import sqlite3
    conn = sqlite3.connect(url[len("sqlite:///"):])
    try:
        return [r[0] for r in conn.execute("SELECT name FROM schema_migration ORDER BY name")]
    finally:
        conn.close()


def _pg(url: str, sql: str) -> list:
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql)
            return [r[0] for r in cursor.fetchall()]
    finally:
        conn.close()


def _tables(url: str) -> list[str]:
    return _pg(url, "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = 'public' ORDER BY 1")


def test_an_installation_moves_row_for_row_and_carries_on(source, target_url, tmp_path,
                                                          monkeypatch):
    coordinator, complaint = _fill(source)
    before = _rows()
    empty = [t for t, rows in before.items() if not rows]
    assert not empty, f"the fill reaches every table: {empty} stayed empty"
    migrations = _history(source.config["DATABASE_URL"])

    result = source.test_cli_runner().invoke(args=["move-to-postgresql", target_url])
    assert result.exit_code == 0, result.output
    for table, rows in before.items():
        assert f"  {table} " in result.output and str(len(rows)) in result.output
    assert "row counts and checksums equal" in result.output
    assert "postgres@127.0.0.1:5432/" in result.output

    target = _app_on(target_url, tmp_path / "target", monkeypatch)
    after = _rows()
    for table in before:
        assert after[table] == before[table], f"{table} differs after the move"
    assert _history(target_url) == migrations, "the same migrations are applied"

    # Numbering continues: the next complaint gets the next id and the next reference.
    new = _file(target, 2)
    assert new.id == max(before["complaint"]) + 1
    assert new.reference == "KL-2026-00003"
    assert Event.select().where(Event.complaint == new).count() == 1
    # The audit trail is still append-only on the target.
    with pytest.raises(IntegrityError), db.database.atomic():
        AuditEntry.update(detail="changed").execute()

    client = logged_in(target, Staff.get_by_id(coordinator.id))
    page = client.get(page_of(complaint))
    assert page.status_code == 200
    assert complaint.reference in page.text and "Piet Bellen" in page.text
    _close_pool()


def test_the_source_is_read_as_one_snapshot_while_the_portal_writes(source, target_url):
    _fill(source)
    written = []

    def write_meanwhile(table, rows):
        if table == "complaint":        # copied; its events are not yet
            written.append(_file(source, 99))

    moved = transfer.move(source.config["DATABASE_URL"], target_url, batch=2,
                          progress=write_meanwhile)
    assert written, "a complaint was filed during the move"
    counts = {t.table: t.target_rows for t in moved.tables}
    assert counts["complaint"] == Complaint.select().count() - 1
    assert counts["event"] == Event.select().where(Event.complaint != written[0]).count()
    assert counts["letter"] == Letter.select().where(Letter.complaint != written[0]).count()
    assert _pg(target_url, f"SELECT COUNT(*) FROM complaint WHERE id = {written[0].id}") == [0]


def test_a_target_that_holds_data_is_refused_and_left_alone(source, target_url, tmp_path,
                                                            monkeypatch):
    _fill(source)
    _app_on(target_url, tmp_path / "other", monkeypatch)
    db.migrate()
    make_staff(COORDINATOR, email="someone@elsewhere.nl")
    tables = _tables(target_url)
    _close_pool()

    db.bind(source.config["DATABASE_URL"])
    result = source.test_cli_runner().invoke(args=["move-to-postgresql", target_url])
    assert result.exit_code == 1
    assert "is not empty (" in result.output and "staff: 1 row" in result.output
    assert "nothing was changed" in result.output
    assert _tables(target_url) == tables
    assert _pg(target_url, "SELECT email FROM staff") == ["someone@elsewhere.nl"]
    assert _pg(target_url, "SELECT COUNT(*) FROM complaint") == [0]


def test_a_source_that_is_not_sqlite_is_refused(target_url, tmp_path, monkeypatch):
    with postgres_database("kl_move_src", before_drop=_close_pool) as source_url:
        app = _app_on(source_url, tmp_path / "pg", monkeypatch)
        result = app.test_cli_runner().invoke(args=["move-to-postgresql", target_url])
        _close_pool()
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: DATABASE_URL is postgresql, not SQLite: this command moves a SQLite "
        "installation to PostgreSQL; nothing was changed."]
    assert _tables(target_url) == []


def test_a_copy_that_differs_exits_1_and_rolls_everything_back(source, target_url,
                                                               monkeypatch):
    _fill(source)
    insert = transfer._insert

    def damaging(cursor, table, names, rows, execute_values):
        if table == "complaint":        # as if a value were mangled on the way
            at = [c.strip('"') for c in names.split(", ")].index("description")
            rows = [rows[0][:at] + ("something else",) + rows[0][at + 1:]] + rows[1:]
        insert(cursor, table, names, rows, execute_values)

    monkeypatch.setattr(transfer, "_insert", damaging)
    result = source.test_cli_runner().invoke(args=["move-to-postgresql", target_url])
    assert result.exit_code == 1
    assert "complaint" in result.output and "DIFFERS" in result.output
    assert "the target was rolled back, nothing was changed" in result.output
    assert _tables(target_url) == [], "not even the schema stays behind"


def test_a_source_behind_on_migrations_is_refused(tmp_path, target_url, monkeypatch):
    app = _app_on(f"sqlite:///{tmp_path / 'old.db'}", tmp_path / "old", monkeypatch)
    from playhouse.migrations import Runner
    Runner(db.database.obj, str(db.MIGRATIONS_DIR)).up(target="0011_reminders")
    result = app.test_cli_runner().invoke(args=["move-to-postgresql", target_url])
    assert result.exit_code == 1
    assert "lacks migrations 0012_inbox_speed" in result.output and "init-db" in result.output
    assert _tables(target_url) == []
