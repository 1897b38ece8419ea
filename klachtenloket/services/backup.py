"""Online backups and restores of the database and the uploads folder.

A backup is one folder, `klachtenloket-<UTC timestamp>/`, holding

- `database.sqlite3` (SQLite: `VACUUM INTO`, checked with `PRAGMA integrity_check`) or
  `database.pgdump` (PostgreSQL: `pg_dump -Fc` of an exported snapshot),
- `uploads/` (a byte-for-byte copy of the instance's uploads folder, when there is one),
- `manifest.json`: when, which engine, the migrations applied, the rows per table and the
  SHA-256 of every file — all read from the same snapshot the copy was made from.

The folder is written as `<name>.partial` and renamed when complete, so a backup that broke off
never looks like one. It holds personal data: folders are 0700, files 0600.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
UPLOADS = "uploads"
MIGRATIONS_TABLE = "schema_migration"
FORMAT_VERSION = 1


class BackupError(Exception):
    """Something an administrator must see: the message says what and what to do."""


@dataclass
class Restored:
    manifest: dict
    migrations_applied: list[str]
    uploads_set_aside: Path | None


# --- where things are -----------------------------------------------------------------------

def engine_of(url: str) -> str:
    if url.startswith("sqlite:///"):
        return "sqlite"
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql"
    raise BackupError(f"DATABASE_URL must start with sqlite:/// or postgresql:// (got {url!r})")


def sqlite_path(url: str) -> Path:
    path = url[len("sqlite:///"):]
    if path == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(path)


def uploads_dir(config) -> Path:
    return Path(config.get("UPLOAD_FOLDER") or Path(config["INSTANCE_PATH"]) / UPLOADS)


# libpq reads these from the environment, so a password never shows in the process list.
_PG_QUERY_ENV = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
                 "sslkey": "PGSSLKEY", "connect_timeout": "PGCONNECT_TIMEOUT",
                 "application_name": "PGAPPNAME"}


def pg_env(url: str) -> dict:
    parts = urlsplit(url)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    values = {"PGHOST": parts.hostname, "PGPORT": parts.port and str(parts.port),
              "PGUSER": parts.username and unquote(parts.username),
              "PGPASSWORD": parts.password and unquote(parts.password),
              "PGDATABASE": unquote(parts.path.lstrip("/"))}
    for key, value in parse_qsl(parts.query):
        if key in _PG_QUERY_ENV:
            values[_PG_QUERY_ENV[key]] = value
    env.update({k: v for k, v in values.items() if v})
    return env


def _pg_connect(url: str):
    import psycopg2
    env = pg_env(url)
    return psycopg2.connect(host=env.get("PGHOST"), port=env.get("PGPORT"),
                            user=env.get("PGUSER"), password=env.get("PGPASSWORD"),
                            dbname=env["PGDATABASE"], sslmode=env.get("PGSSLMODE"),
                            connect_timeout=int(env.get("PGCONNECT_TIMEOUT", 10)))


def _run(args: list[str], env: dict) -> None:
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(f"{args[0]} is not installed (Debian: apt-get install "
                          "postgresql-client-15, the server's major version).") from None
    if done.returncode != 0:
        raise BackupError(f"{args[0]} failed ({done.returncode}): {done.stderr.strip()}")


# --- files ------------------------------------------------------------------------------------

def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_tree(source: Path, target: Path) -> None:
    """Every file under source, byte for byte, into target (made 0700/0600)."""
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    for root, dirs, files in os.walk(source):
        rel = Path(root).relative_to(source)
        for name in sorted(dirs):
            (target / rel / name).mkdir(mode=0o700, exist_ok=True)
        for name in sorted(files):
            src = Path(root) / name
            if not src.is_file():          # sockets, dangling links: not an upload
                continue
            dst = target / rel / name
            shutil.copyfile(src, dst)
            os.chmod(dst, 0o600)
            _fsync(dst)


def _files(folder: Path, top_manifest: bool = False) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and not (top_manifest and p == folder / MANIFEST))


# --- reading a snapshot -----------------------------------------------------------------------

def _sqlite_facts(conn: sqlite3.Connection) -> tuple[dict, list[str]]:
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    counts = {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    migrations = ([r[0] for r in conn.execute(
        f'SELECT name FROM "{MIGRATIONS_TABLE}" ORDER BY name')]
        if MIGRATIONS_TABLE in tables else [])
    return counts, migrations


def _pg_facts(cursor) -> tuple[dict, list[str]]:
    cursor.execute("SELECT table_name FROM information_schema.tables "
                   "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")
    tables = [r[0] for r in cursor.fetchall()]
    counts = {}
    for t in tables:
        cursor.execute(f'SELECT COUNT(*) FROM public."{t}"')
        counts[t] = cursor.fetchone()[0]
    migrations = []
    if MIGRATIONS_TABLE in tables:
        cursor.execute(f'SELECT name FROM public."{MIGRATIONS_TABLE}" ORDER BY name')
        migrations = [r[0] for r in cursor.fetchall()]
    return counts, migrations


def _open_sqlite_readonly(path: Path) -> sqlite3.Connection:
    # immutable: a copy nobody writes to; no -wal or -shm is made beside it.
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


def _integrity(path: Path) -> None:
    conn = _open_sqlite_readonly(path)
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path.name} is not a sound SQLite database: {exc}") from None
    finally:
        conn.close()
    if result != ["ok"]:
        raise BackupError(f"PRAGMA integrity_check on {path.name} failed: {'; '.join(result[:5])}")


# --- backup -----------------------------------------------------------------------------------

def create(database_url: str, uploads: Path, output: Path) -> Path:
    """Make a backup folder under `output` while the application keeps running; returns it."""
    engine = engine_of(database_url)
    output.mkdir(mode=0o700, parents=True, exist_ok=True)
    now = datetime.now(timezone.utc)
    name = f"klachtenloket-{now:%Y%m%dT%H%M%SZ}"
    n = 1
    while (output / name).exists() or (output / f"{name}.partial").exists():
        n += 1
        name = f"klachtenloket-{now:%Y%m%dT%H%M%SZ}-{n}"
    partial = output / f"{name}.partial"
    partial.mkdir(mode=0o700)
    try:
        if engine == "sqlite":
            counts, migrations = _backup_sqlite(sqlite_path(database_url), partial / SQLITE_FILE)
        else:
            counts, migrations = _backup_postgresql(database_url, partial / PG_FILE)
        if uploads.is_dir():
            _copy_tree(uploads, partial / UPLOADS)
        manifest = {
            "format": FORMAT_VERSION,
            "created": now.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "engine": engine,
            "database_file": SQLITE_FILE if engine == "sqlite" else PG_FILE,
            "migrations": migrations,
            "counts": counts,
            "files": {p.relative_to(partial).as_posix(): sha256(p)
                      for p in _files(partial, top_manifest=True)},
        }
        manifest_path = partial / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        os.chmod(manifest_path, 0o600)
        _fsync(manifest_path)
        final = output / name
        partial.rename(final)
        _fsync(output)
        return final
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def _backup_sqlite(source: Path, target: Path) -> tuple[dict, list[str]]:
    if not source.exists():
        raise BackupError(f"There is no database at {source}.")
    conn = sqlite3.connect(str(source), timeout=30, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 30000")
        # One read transaction in WAL mode: writers carry on, the copy is one moment.
        conn.execute("VACUUM INTO ?", (str(target),))
    finally:
        conn.close()
    os.chmod(target, 0o600)
    _fsync(target)
    _integrity(target)
    copy = _open_sqlite_readonly(target)
    try:
        return _sqlite_facts(copy)
    finally:
        copy.close()


def _backup_postgresql(url: str, target: Path) -> tuple[dict, list[str]]:
    """pg_dump of a snapshot this connection exported: the counts describe exactly the dump."""
    import psycopg2.extensions
    conn = _pg_connect(url)
    try:
        conn.set_session(isolation_level=psycopg2.extensions.ISOLATION_LEVEL_REPEATABLE_READ,
                         readonly=True)
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts, migrations = _pg_facts(cursor)
            # The snapshot lives as long as this transaction: dump before ending it.
            _run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", "--no-owner",
                  "--no-privileges", f"--file={target}"], pg_env(url))
        conn.rollback()
    finally:
        conn.close()
    os.chmod(target, 0o600)
    _fsync(target)
    return counts, migrations


# --- restore ----------------------------------------------------------------------------------

def read_manifest(backup: Path) -> dict:
    """The manifest, after checking every file it names against its SHA-256."""
    if not backup.is_dir():
        raise BackupError(f"{backup} is not a backup folder.")
    try:
        manifest = json.loads((backup / MANIFEST).read_text())
        files, engine, db_file = manifest["files"], manifest["engine"], manifest["database_file"]
        manifest["counts"]
    except FileNotFoundError:
        raise BackupError(f"{backup} holds no {MANIFEST}: not a backup, or an unfinished one.") \
            from None
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{backup / MANIFEST} is damaged ({exc.__class__.__name__}: {exc}); "
                          "nothing was restored.") from None
    if engine not in ("sqlite", "postgresql") or db_file not in files:
        raise BackupError(f"{backup / MANIFEST} names no database copy; nothing was restored.")
    damaged = []
    for rel, expected in sorted(files.items()):
        path = backup / rel
        if not path.resolve().is_relative_to(backup.resolve()):
            raise BackupError(f"{MANIFEST} names a file outside the backup: {rel}")
        if not path.is_file():
            damaged.append(f"{rel} is missing")
        elif sha256(path) != expected:
            damaged.append(f"{rel} does not match its SHA-256 in the manifest")
    extra = ({p.relative_to(backup).as_posix() for p in _files(backup, top_manifest=True)}
             - set(files))
    damaged += [f"{rel} is not in the manifest" for rel in sorted(extra)]
    if damaged:
        raise BackupError("The backup is damaged; nothing was restored: " + "; ".join(damaged))
    return manifest


def target_complaints(database_url: str) -> int:
    """How many complaints the configured database holds (0 when it has no schema yet)."""
    if engine_of(database_url) == "sqlite":
        path = sqlite_path(database_url)
        if not path.exists():
            return 0
        conn = sqlite3.connect(str(path), timeout=30)
        try:
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' "
                                "AND name='complaint'").fetchone():
                return 0
            return conn.execute("SELECT COUNT(*) FROM complaint").fetchone()[0]
        finally:
            conn.close()
    conn = _pg_connect(database_url)
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT to_regclass('public.complaint')")
            if cursor.fetchone()[0] is None:
                return 0
            cursor.execute("SELECT COUNT(*) FROM public.complaint")
            return cursor.fetchone()[0]
    finally:
        conn.close()


def _target_counts(database_url: str) -> dict:
    if engine_of(database_url) == "sqlite":
        conn = sqlite3.connect(str(sqlite_path(database_url)), timeout=30)
        try:
            return _sqlite_facts(conn)[0]
        finally:
            conn.close()
    conn = _pg_connect(database_url)
    try:
        with conn.cursor() as cursor:
            return _pg_facts(cursor)[0]
    finally:
        conn.close()


def restore(backup: Path, database_url: str, uploads: Path, overwrite: bool,
            migrate) -> Restored:
    """Bring `backup` back into the configured database and uploads folder.

    `migrate` runs the pending migrations afterwards (the application's `db.migrate`). The
    caller closes its own connections first; for SQLite the application must be stopped."""
    manifest = read_manifest(backup)
    engine = engine_of(database_url)
    if manifest["engine"] != engine:
        raise BackupError(f"This backup is of a {manifest['engine']} database, but DATABASE_URL "
                          f"is {engine}; nothing was restored.")
    present = target_complaints(database_url)
    if present and not overwrite:
        raise BackupError(f"The configured database already holds {present} complaints. "
                          "Restoring replaces them all: run again with --yes to do so.")
    source = backup / manifest["database_file"]
    if engine == "sqlite":
        _integrity(source)
        _restore_sqlite(source, sqlite_path(database_url))
    else:
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", "--exit-on-error",
              f"--dbname={pg_env(database_url)['PGDATABASE']}", str(source)], pg_env(database_url))
    counts = _target_counts(database_url)
    wrong = {t: (n, counts.get(t)) for t, n in manifest["counts"].items() if counts.get(t) != n}
    if wrong:
        raise BackupError("After restoring, the row counts differ from the manifest "
                          f"(table: expected, found): {wrong}")
    set_aside = _restore_uploads(backup / UPLOADS, manifest, uploads)
    return Restored(manifest, migrate(), set_aside)


def _restore_sqlite(source: Path, target: Path) -> None:
    """Copy the backup into the target through SQLite's backup API: one write transaction
    that takes the database's locks, so the WAL and the -shm file stay consistent."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = _open_sqlite_readonly(source)
    dst = sqlite3.connect(str(target), timeout=30)
    try:
        dst.execute("PRAGMA busy_timeout = 30000")
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = wal")
        dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        result = [r[0] for r in dst.execute("PRAGMA integrity_check")]
    finally:
        src.close()
        dst.close()
    if result != ["ok"]:
        raise BackupError(f"The restored database fails PRAGMA integrity_check: {result[:5]}")


def _restore_uploads(source: Path, manifest: dict, target: Path) -> Path | None:
    """Put the backup's uploads in place; what was there before is set aside, not deleted."""
    wanted = {rel[len(UPLOADS) + 1:]: digest for rel, digest in manifest["files"].items()
              if rel.startswith(UPLOADS + "/")}
    if not source.is_dir() and not (target.exists() and any(target.iterdir())):
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".uploads-restoring-", dir=target.parent))
    try:
        if source.is_dir():
            _copy_tree(source, staging)
        for rel, digest in wanted.items():
            if sha256(staging / rel) != digest:
                raise BackupError(f"uploads/{rel} changed while being restored; the uploads "
                                  "were left as they were.")
        set_aside = None
        if target.exists():
            current = {p.relative_to(target).as_posix(): sha256(p) for p in _files(target)}
            if current == wanted:             # the same files: nothing to keep aside
                shutil.rmtree(target)
            elif any(target.iterdir()):
                stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
                set_aside = target.with_name(f"{target.name}.before-restore-{stamp}")
                target.rename(set_aside)
            else:
                target.rmdir()
        staging.rename(target)
        return set_aside
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
