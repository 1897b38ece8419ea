"""The database: migrations, safe SQLite settings, concurrent writers, configuration."""
import threading

from peewee import SqliteDatabase

from klachtenloket import db
from klachtenloket.models import ALL_MODELS, Complaint
from klachtenloket.services import intake
from klachtenloket.web.organisation import current_organisation


def test_migrations_create_every_table_and_column_the_models_use(app):
    with db.database.connection_context():
        for model in ALL_MODELS:
            columns = {c.name for c in db.database.get_columns(model._meta.table_name)}
            assert set(model._meta.columns) <= columns, model.__name__
        assert db.migrate() == [], "a second run applies nothing"


def test_sqlite_is_set_up_for_several_writers(app):
    if not db.is_sqlite():
        return
    with db.database.connection_context():
        pragma = lambda name: db.database.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 5000
        assert pragma("synchronous") == 2          # FULL
    assert isinstance(db.database.obj, SqliteDatabase) and db.database.obj._lock_type == "IMMEDIATE"


def test_eight_residents_filing_at_once_all_get_stored_with_distinct_references(app):
    errors, barrier = [], threading.Barrier(8)

    def file(n):
        try:
            with app.test_request_context(), db.database.connection_context():
                org = current_organisation()
                barrier.wait()
                from datetime import date
                intake.submit(f"key-{n}", {"filed_by": "self", "name": f"Inwoner {n}",
                                           "description": "Te lang gewacht", "reply_by": "phone",
                                           "phone": "0612345678"},
                              org, "nl", date(2026, 11, 25), lambda c, t: [])
        except Exception as exc:  # noqa: BLE001 — collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=file, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with db.database.connection_context():
        refs = sorted(c.reference for c in Complaint.select())
    assert refs == [f"KL-2026-{n:05d}" for n in range(1, 9)]


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("KLACHTENLOKET_INSTANCE", str(tmp_path))
    from config import Config
    first, second = Config().SECRET_KEY, Config().SECRET_KEY
    assert first == second and len(first) >= 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert Config().DATABASE_URL == f"sqlite:///{tmp_path / 'klachtenloket.db'}"


def test_looking_up_complaints_by_e_mail_address_uses_an_index(app):
    """"E-mail me my link" is public: it must not scan the whole register."""
    from views.track import complaints_with_address
    query = complaints_with_address("a@example.nl")
    sql, params = query.sql()
    with db.database.connection_context():
        if db.is_sqlite():
            plan = " ".join(str(row) for row in db.database.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
            assert "complaint_email_lower" in plan and "representative_email_lower" in plan, plan
        else:
            with db.database.atomic():
                db.database.execute_sql("SET LOCAL enable_seqscan = off")
                plan = " ".join(r[0] for r in db.database.execute_sql("EXPLAIN " + sql, params))
            assert "complaint_email_lower" in plan and "Seq Scan" not in plan, plan
