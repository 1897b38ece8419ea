"""`backup` and `restore`, on both databases: an online backup taken while residents keep filing
complaints comes back, into an empty database and uploads folder, row for row and byte for byte."""
import json
import os
import shutil
import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest

from klachtenloket import db
from klachtenloket.models import Complaint, Event, OutboxMail, TrackingToken
from klachtenloket.services import intake
from klachtenloket.services import backup as backups
from klachtenloket.web.organisation import current_organisation
from klachtenloket.throwaway import postgres_database

UPLOADS = {
    "2026/KL-2026-00001/brief.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 40,
    "2026/KL-2026-00001/foto.jpg": os.urandom(70_000),
    "2026/KL-2026-00002/manifest.json": b'{"not": "the backup\'s own manifest"}',
    "leeg.txt": b"",
}
TABLES = (Complaint, Event, TrackingToken, OutboxMail)


def _file(app, n: int) -> None:
    with app.test_request_context(), db.database.connection_context():
        intake.submit(f"backup-key-{n}", {
            "filed_by": "self", "name": f"Inwoner {n} — Çağlar Ødegård", "reply_by": "email",
            "email": f"inwoner{n}@example.nl", "description": f"Klacht {n}:\nlang gewacht. " * 5,
            "event_date": "2026-11-01"},
            current_organisation(), "nl", date(2026, 11, 25),
            lambda complaint, token: [(complaint.email, "Ontvangen", f"Uw link: {token}")])


class Filer(threading.Thread):
    """Files complaints one after another until told to stop."""

    def __init__(self, app):
        super().__init__(daemon=True)
        self.app, self.filed, self.errors = app, 0, []
        self.stop = threading.Event()
        self.progress = threading.Condition()

    def run(self):
        try:
            while not self.stop.is_set():
                _file(self.app, self.filed + 1)
                with self.progress:
                    self.filed += 1
                    self.progress.notify_all()
        except Exception as exc:  # noqa: BLE001 — asserted by the test
            self.errors.append(exc)
            with self.progress:
                self.progress.notify_all()

    def wait_for(self, count: int):
        with self.progress:
            assert self.progress.wait_for(lambda: self.filed >= count or self.errors, timeout=60)
        assert not self.errors, self.errors


def _rows() -> dict:
    with db.database.connection_context():
        return {model.__name__: {row["id"]: row for row in model.select().dicts()}
                for model in TABLES}


def _tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _close_pool():
    if not db.database.is_closed():
        db.database.close()
    if hasattr(db.database.obj, "close_all"):
        db.database.obj.close_all()


@pytest.fixture
def empty_target(database_url, tmp_path):
    """The URL of an empty database of the same engine: a fresh file, or a throwaway database."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'elsewhere' / 'klachtenloket.db'}"
        return
    with postgres_database("kl_restore", before_drop=_close_pool) as url:
        yield url


def _app_on(url: str, instance: Path, monkeypatch):
    """A second installation: its own instance folder and database (the models follow it)."""
    _close_pool()
    monkeypatch.setenv("KLACHTENLOKET_INSTANCE", str(instance))
    from app import create_app
    return create_app({"DATABASE_URL": url, "TESTING": True, "MAIL_PORT": 1})


def _uploads(app) -> Path:
    return Path(app.config["INSTANCE_PATH"]) / "uploads"


def _put_uploads(app) -> None:
    for rel, content in UPLOADS.items():
        path = _uploads(app) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def _backup(runner, output: Path) -> Path:
    result = runner.invoke(args=["backup", "--output", str(output)])
    assert result.exit_code == 0, result.output
    folders = [p for p in output.iterdir() if p.is_dir()]
    assert len(folders) == 1 and not folders[0].name.endswith(".partial")
    assert str(folders[0]) in result.output, "it says where the backup went"
    return folders[0]


def test_a_backup_taken_while_residents_file_comes_back_byte_identical(
        app, runner, empty_target, tmp_path, monkeypatch):
    _put_uploads(app)
    filer = Filer(app)
    filer.start()
    try:
        filer.wait_for(5)
        folder = _backup(runner, tmp_path / "backups")
        at_backup = filer.filed
        filer.wait_for(at_backup + 3)       # and filing goes on after it
    finally:
        filer.stop.set()
        filer.join(60)
    assert not filer.errors, filer.errors
    source = _rows()

    manifest = json.loads((folder / "manifest.json").read_text())
    engine = "sqlite" if db.is_sqlite() else "postgresql"
    in_backup = manifest["counts"]["complaint"]
    assert manifest["engine"] == engine and manifest["created"].endswith("Z")
    assert manifest["migrations"] == sorted(manifest["migrations"]) and \
        "0001_initial" in manifest["migrations"]
    assert 5 <= in_backup < len(source["Complaint"]), "the backup was taken during the writes"
    for table, model in (("event", Event), ("tracking_token", TrackingToken),
                         ("outbox_mail", OutboxMail)):
        assert manifest["counts"][table] == in_backup, f"{table}: one per complaint, consistently"
    assert {f"uploads/{rel}" for rel in UPLOADS} <= set(manifest["files"])
    for rel, digest in manifest["files"].items():
        assert backups.sha256(folder / rel) == digest
    if engine == "sqlite":
        copy = sqlite3.connect(folder / "database.sqlite3")
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        copy.close()
    assert all((folder / f"uploads/{rel}").read_bytes() == content
               for rel, content in UPLOADS.items())

    restored_app = _app_on(empty_target, tmp_path / "elsewhere-instance", monkeypatch)
    assert not _uploads(restored_app).exists()
    result = restored_app.test_cli_runner().invoke(args=["restore", str(folder)])
    assert result.exit_code == 0, result.output
    assert "counts and checksums match" in result.output
    restored = _rows()

    # Every complaint in the backup is there, identical, and the backup is one moment: the
    # first N complaints filed, each with its event, link and mail (no half transaction).
    first = sorted(source["Complaint"])[:in_backup]
    assert sorted(restored["Complaint"]) == first
    for name, rows in restored.items():
        assert rows, name
        for row_id, row in rows.items():
            assert row == source[name][row_id], (name, row_id)
    assert len(restored["Event"]) == len(restored["TrackingToken"]) == in_backup
    assert _tree(_uploads(restored_app)) == UPLOADS
    if engine == "sqlite":
        path = backups.sqlite_path(empty_target)
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        conn.close()

    # The restored installation carries on: a new complaint gets the next reference. (Its id
    # may skip: a PostgreSQL sequence is read at dump time, outside the snapshot.)
    _file(restored_app, 10_000)
    with db.database.connection_context():
        newest = Complaint.select().order_by(Complaint.id.desc()).get()
    assert newest.id > max(first) and newest.reference == f"KL-2026-{in_backup + 1:05d}"


def test_restore_refuses_a_database_that_holds_complaints_unless_told(app, runner, tmp_path):
    for n in range(3):
        _file(app, n)
    folder = _backup(runner, tmp_path / "backups")
    for n in range(3, 5):
        _file(app, n)

    refused = runner.invoke(args=["restore", str(folder)])
    assert refused.exit_code != 0
    assert "already holds 5 complaints" in refused.output and "--yes" in refused.output
    with db.database.connection_context():
        assert Complaint.select().count() == 5, "nothing was touched"

    done = runner.invoke(args=["restore", str(folder), "--yes"])
    assert done.exit_code == 0, done.output
    with db.database.connection_context():
        assert Complaint.select().count() == 3


@pytest.mark.parametrize("damaged", ["database", "upload"])
def test_a_damaged_backup_is_refused_and_nothing_is_restored(
        app, runner, empty_target, tmp_path, monkeypatch, damaged):
    _put_uploads(app)
    _file(app, 1)
    folder = _backup(runner, tmp_path / "backups")
    manifest = json.loads((folder / "manifest.json").read_text())
    victim = folder / (manifest["database_file"] if damaged == "database"
                       else "uploads/2026/KL-2026-00001/brief.pdf")
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01
    victim.write_bytes(bytes(data))

    target_app = _app_on(empty_target, tmp_path / "elsewhere-instance", monkeypatch)
    result = target_app.test_cli_runner().invoke(args=["restore", str(folder)])
    assert result.exit_code != 0
    rel = victim.relative_to(folder).as_posix()
    assert f"The backup is damaged; nothing was restored: {rel} does not match its SHA-256" \
        in result.output
    assert backups.target_complaints(empty_target) == 0
    assert not _uploads(target_app).exists()


def test_restore_says_what_is_wrong_with_a_folder_that_is_no_backup(app, runner, tmp_path):
    (tmp_path / "not-a-backup").mkdir()
    result = runner.invoke(args=["restore", str(tmp_path / "not-a-backup")])
    assert result.exit_code != 0 and "holds no manifest.json" in result.output

    folder = _backup(runner, tmp_path / "backups")
    (folder / "extra.txt").write_text("slipped in")
    result = runner.invoke(args=["restore", str(folder), "--yes"])
    assert result.exit_code != 0 and "extra.txt is not in the manifest" in result.output


def test_backup_goes_under_the_instance_folder_by_default_and_is_private(app, runner):
    result = runner.invoke(args=["backup"])
    assert result.exit_code == 0, result.output
    backups_dir = Path(app.config["INSTANCE_PATH"]) / "backups"
    (folder,) = backups_dir.iterdir()
    assert folder.name.startswith("klachtenloket-") and str(folder) in result.output
    assert folder.stat().st_mode & 0o077 == 0
    assert all(p.stat().st_mode & 0o077 == 0 for p in folder.rglob("*"))
    assert not (folder / "uploads").exists(), "no uploads folder, none in the backup"
    shutil.rmtree(backups_dir)
