"""Upgrading an installation (docs/deploy.md, "Upgrades"): a database made by the previous
release — the schema of migrations 0001–0012, the last release's — with complaints in it is
brought up to date by the documented command, `flask init-db`, and nothing in it is lost:
the complaints, their histories and their deadlines read as before, and the new register
columns are filled in from the events (migration 0013).

The old rows are written with plain SQL against the old schema, as the old release wrote them;
only the columns that schema has are used."""
import json
import shutil
from datetime import date

from klachtenloket import db

PREVIOUS_RELEASE = 12       # the newest migration of the previous release (stop 11)


def _filler(data_type: str):
    kind = data_type.lower()
    if "bool" in kind:
        return False
    if "int" in kind or "real" in kind or "numeric" in kind:
        return 0
    if "timestamp" in kind or "datetime" in kind:
        return "2026-01-05 09:00:00"
    if kind == "date":
        return "2026-01-05"
    return ""


def insert(database, table: str, **values) -> None:
    """One row in `table` as the old release would have stored it: every column it requires
    gets a plain value, `values` set the ones that matter."""
    row = {}
    for column in database.get_columns(table):
        if column.name == "id":
            continue
        if column.name in values:
            row[column.name] = values[column.name]
        elif not column.null:
            row[column.name] = _filler(column.data_type)
    names = ", ".join(row)
    marks = ", ".join([database.param] * len(row))
    database.execute_sql(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))


def _previous_release(tmp_path):
    folder = tmp_path / "previous-release-migrations"
    folder.mkdir()
    for path in sorted(db.MIGRATIONS_DIR.glob("0*.py")):
        if int(path.name[:4]) <= PREVIOUS_RELEASE:
            shutil.copy(path, folder / path.name)
    return folder


def test_init_db_upgrades_the_previous_release_without_losing_a_complaint(fresh_database_url,
                                                                          tmp_path, monkeypatch):
    from playhouse.migrations import Runner
    monkeypatch.setenv("KLACHTENLOKET_INSTANCE", str(tmp_path / "instance"))
    from app import create_app
    app = create_app({"DATABASE_URL": fresh_database_url, "TESTING": True, "MAIL_PORT": 1})
    database = db.database.obj
    procedure = json.dumps({"acknowledgement": "1 weeks", "decision": "6 weeks",
                            "extension": "4 weeks", "atw_shift": True})
    with db.database.connection_context():
        applied = Runner(database, str(_previous_release(tmp_path))).up()
        assert len(applied) == PREVIOUS_RELEASE
        for reference, state in (("KL-2026-00001", "decided"), ("KL-2026-00002", "in_handling")):
            insert(database, "complaint", reference=reference, received_on="2026-02-20",
                   received_at="2026-02-20 09:00:00", channel="phone", language="nl",
                   state=state, name="Oud Register", description="Nooit teruggebeld.",
                   procedure_json=procedure, filed_by="self", reply_by="phone")
        ids = dict(database.execute_sql("SELECT reference, id FROM complaint").fetchall())
        steps = [("received", "2026-02-20 09:00:00", {}),
                 ("acknowledged", "2026-02-21 09:00:00", {}),
                 ("procedure_chosen", "2026-02-22 09:00:00", {"procedure": "formal"})]
        for reference in ids:
            for kind, at, payload in steps:
                insert(database, "event", complaint_id=ids[reference], kind=kind, at=at,
                       actor="staff:1", public=True,
                       payload_json=json.dumps(payload))
        insert(database, "event", complaint_id=ids["KL-2026-00001"], kind="decided",
               at="2026-04-07 10:00:00", actor="staff:1", public=True,
               payload_json=json.dumps({"outcome": "upheld", "findings": "Klopt."}))

    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert "0013_register" in result.output

    from klachtenloket.models import Complaint
    from klachtenloket.services import casework
    with db.database.connection_context():
        decided = Complaint.get(Complaint.reference == "KL-2026-00001")
        running = Complaint.get(Complaint.reference == "KL-2026-00002")
        assert (decided.name, decided.description) == ("Oud Register", "Nooit teruggebeld.")
        assert casework.case_state(decided).outcome == "upheld"
        # The register columns, filled in from the old events by the upgrade.
        assert decided.handled_on == date(2026, 4, 7) and decided.outcome == "upheld"
        assert decided.formal is True and decided.days_late == 0
        assert running.handled_on is None
        # The worked example: received 20 February 2026, the decision is due 7 April.
        due = {d.name: d.due for d in casework.deadlines_for(running, today=date(2026, 3, 1))}
        assert due["decision"] == date(2026, 4, 7)
        # The name search (its SQLite trigram table is kept by triggers on the complaint
        # table) finds the old complaints and one stored after the upgrade.
        from klachtenloket.services.register import _search
        Complaint.create(reference="KL-2026-00003", received_on=date(2026, 3, 2),
                         name="Nieuwe Naam", description="Na de upgrade.")
        assert Complaint.select().where(_search("oud regist")).count() == 2
        assert Complaint.select().where(_search("nieuwe na")).count() == 1
    again = app.test_cli_runner().invoke(args=["init-db"])
    assert "up to date" in again.output
