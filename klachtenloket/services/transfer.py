"""Moving a SQLite installation to PostgreSQL (issue 8, "Production on one VM").

The source is read in one read transaction (WAL: a snapshot, while writers carry on); the target
must be an empty PostgreSQL database. In ONE transaction on the target:

1. the same migrations run (schema, indexes, the audit trail's append-only triggers); the history
   table then names the same migrations as the source's;
2. every table of ALL_MODELS is copied in dependency order, in batches, primary keys kept — the
   audit guard refuses UPDATE, DELETE and TRUNCATE, not INSERT, so it stays in place throughout;
3. each serial sequence is set to MAX(id), so new rows continue after the copied ones;
4. every table is verified: its row count and a SHA-256 over its rows in primary-key order (values
   normalised: dates, times, booleans, numbers) must equal the source's.

Any refusal or difference rolls the whole transaction back: the target is left as it was.
Values are converted by the target column's type, not the models', so a column a migration added
but a model does not (yet) name is copied too; a source table or column the target lacks is a
refusal, never a silent loss.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from peewee import PostgresqlDatabase, sort_models
from playhouse.db_url import parse
from playhouse.migrations import Migration, Runner

from klachtenloket import db
from klachtenloket.models import ALL_MODELS

BATCH = 1000
HISTORY = "schema_migration"      # playhouse.migrations.Runner's history table (klachtenloket.db)


class TransferError(Exception):
    """A refusal or a failure, in words for an administrator; nothing was changed."""


class TransferMismatch(TransferError):
    """The copy differs from the source; the target was rolled back. `tables` has the summary."""

    def __init__(self, message: str, tables: list[TableResult]):
        super().__init__(message)
        self.tables = tables


@dataclass
class TableResult:
    table: str
    source_rows: int = 0
    target_rows: int = 0
    source_sum: str = ""
    target_sum: str = ""
    next_id: int | None = None      # what the sequence hands out next; None: no serial key

    @property
    def equal(self) -> bool:
        return (self.source_rows == self.target_rows and self.source_sum == self.target_sum)


@dataclass
class Moved:
    tables: list[TableResult] = field(default_factory=list)
    migrations: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(t.target_rows for t in self.tables)


# --- where things are -----------------------------------------------------------------------

def sqlite_source(url: str) -> Path:
    if not url.startswith("sqlite:///"):
        scheme = url.split(":", 1)[0] or url
        raise TransferError(f"DATABASE_URL is {scheme}, not SQLite: this command moves a SQLite "
                            "installation to PostgreSQL; nothing was changed.")
    path = url[len("sqlite:///"):]
    if path == ":memory:":
        raise TransferError("An in-memory SQLite database cannot be moved.")
    if not Path(path).is_file():
        raise TransferError(f"There is no SQLite database at {path}; nothing was changed.")
    return Path(path)


def describe(url: str) -> str:
    """The target for people to read: host, port and database, never the password."""
    parts = urlsplit(url)
    user = f"{parts.username}@" if parts.username else ""
    return f"{user}{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path}"


def _postgresql(url: str) -> PostgresqlDatabase:
    if not url.startswith(("postgres://", "postgresql://")):
        raise TransferError("The target must be a postgresql:// URL "
                            "(e.g. postgresql://klachtenloket@localhost:5432/klachtenloket).")
    params = parse(url)
    return PostgresqlDatabase(params.pop("database"), **params)


# --- values -----------------------------------------------------------------------------------

class _Odd(ValueError):
    pass


def _to_bool(v):
    if isinstance(v, bool) or v is None:
        return v
    if v in (0, 1):
        return bool(v)
    raise _Odd(v)


def _to_datetime(v):
    if v is None or isinstance(v, datetime):
        parsed = v
    elif isinstance(v, str):
        parsed = datetime.fromisoformat(v)
    else:
        raise _Odd(v)
    # The application stores naive UTC; an offset would be shifted by PostgreSQL's session zone.
    if parsed is not None and parsed.tzinfo is not None:
        raise _Odd(v)
    return parsed


def _to_date(v):
    if v is None or isinstance(v, date) and not isinstance(v, datetime):
        return v
    if isinstance(v, str):
        return date.fromisoformat(v)
    raise _Odd(v)


def _to_int(v):
    if v is None or isinstance(v, int) and not isinstance(v, bool):
        return v
    if isinstance(v, str) and v.strip().lstrip("-").isdigit():
        return int(v)
    raise _Odd(v)


def _to_text(v):
    if v is None or isinstance(v, str):
        return v
    raise _Odd(v)


def _to_decimal(v):
    return None if v is None else Decimal(str(v))


def _to_float(v):
    return None if v is None else float(v)


CONVERT = {"boolean": _to_bool, "timestamp without time zone": _to_datetime, "date": _to_date,
           "integer": _to_int, "bigint": _to_int, "smallint": _to_int,
           "character varying": _to_text, "text": _to_text, "character": _to_text,
           "numeric": _to_decimal, "double precision": _to_float, "real": _to_float}


def canonical(v):
    """One spelling per value, whichever engine it came from, for the checksums."""
    if isinstance(v, datetime):
        return v.isoformat(" ", "microseconds")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, Decimal):
        return f"{v.normalize():f}"
    if isinstance(v, float):
        return repr(v)
    return v


def _row_digest(digest, row) -> None:
    digest.update(json.dumps([canonical(v) for v in row], ensure_ascii=False).encode())
    digest.update(b"\n")


# --- the two sides ----------------------------------------------------------------------------

def _open_source(path: Path) -> sqlite3.Connection:
    # mode=ro: never creates or changes the file. BEGIN + a first read pin the snapshot that
    # every later read sees, however long the move takes (WAL lets the app's writers carry on).
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("BEGIN")
    conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    return conn


def _source_tables(conn) -> set[str]:
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                        "AND name NOT LIKE 'sqlite_%'").fetchall()
    # Virtual tables (the FTS5 name search of migration 0012) and their shadow tables are
    # derived from the complaints; PostgreSQL has its own index for that search.
    virtual = [n for n, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    return {n for n, _ in rows
            if n not in virtual and not any(n.startswith(v + "_") for v in virtual)}


def _source_columns(conn, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _target_columns(cursor, table: str) -> dict[str, str]:
    cursor.execute("SELECT column_name, data_type FROM information_schema.columns "
                   "WHERE table_schema = current_schema() AND table_name = %s "
                   "ORDER BY ordinal_position", (table,))
    return dict(cursor.fetchall())


def _target_counts(cursor, tables: list[str]) -> dict[str, int]:
    """Rows in each of our tables that exists in the target."""
    counts = {}
    for table in tables:
        cursor.execute("SELECT to_regclass(%s)", (f'"{table}"',))
        if cursor.fetchone()[0] is not None:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def _migrations_on_disk() -> list[str]:
    return sorted(m.name for m in Migration.load_directory(str(db.MIGRATIONS_DIR)))


# --- the move ---------------------------------------------------------------------------------

def move(source_url: str, target_url: str, batch: int = BATCH, progress=None) -> Moved:
    """Copy the SQLite database at `source_url` into the empty PostgreSQL database at
    `target_url`; returns what was copied, or raises TransferError (the target unchanged).
    `progress(table, rows)` is told each table as it is done."""
    path = sqlite_source(source_url)
    target = _postgresql(target_url)
    started = time.perf_counter()
    models = sort_models(list(ALL_MODELS))
    tables = [m._meta.table_name for m in models]
    source = _open_source(path)
    try:
        _check_source(source, tables)
        source_migrations = [r[0] for r in source.execute(
            f'SELECT name FROM "{HISTORY}" ORDER BY name')]
        try:
            target.connect()
        except Exception as exc:  # noqa: BLE001 — whatever the driver says, in one line
            raise TransferError(f"Cannot connect to {describe(target_url)}: "
                                f"{str(exc).strip().splitlines()[0]}") from None
        try:
            moved = _into(target, source, models, source_migrations, batch, progress,
                          target_url)
        finally:
            target.close()
    finally:
        if source.in_transaction:
            source.execute("ROLLBACK")
        source.close()
    moved.seconds = time.perf_counter() - started
    return moved


def _check_source(source, tables: list[str]) -> None:
    present = _source_tables(source)
    if HISTORY not in present:
        raise TransferError("The SQLite database has no schema (no migrations applied); "
                            "nothing to move.")
    applied = {r[0] for r in source.execute(f'SELECT name FROM "{HISTORY}"')}
    known = set(_migrations_on_disk())
    if known - applied:
        raise TransferError("The SQLite database lacks migrations "
                            f"{', '.join(sorted(known - applied))}: run "
                            "`flask --app app init-db` first; nothing was changed.")
    if applied - known:
        raise TransferError("The SQLite database has migrations this release does not know "
                            f"({', '.join(sorted(applied - known))}): run the release that "
                            "made them; nothing was changed.")
    missing = [t for t in tables if t not in present]
    extra = sorted(present - set(tables) - {HISTORY})
    if missing or extra:
        raise TransferError("The SQLite schema and the models differ "
                            f"(missing: {missing or 'none'}; not in ALL_MODELS: "
                            f"{extra or 'none'}); nothing was changed.")


def _into(target, source, models, source_migrations, batch, progress, target_url) -> Moved:
    moved = Moved()
    tables = [m._meta.table_name for m in models]
    saved = db.database.obj
    with target.atomic():
        cursor = target.cursor()
        filled = {t: n for t, n in _target_counts(cursor, tables).items() if n}
        if filled:
            raise TransferError(
                f"The target database {describe(target_url)} is not empty ("
                + ", ".join(f"{t}: {n} row{'s' if n != 1 else ''}" for t, n in filled.items())
                + "); nothing was changed. Move into a new, empty database.")
        # The migrations use the application's models (0006 refreshes projections): they must
        # run against the target, never the source.
        db.database.initialize(target)
        try:
            Runner(target, str(db.MIGRATIONS_DIR)).up()
        finally:
            db.database.initialize(saved)
        cursor.execute(f'SELECT name FROM "{HISTORY}" ORDER BY name')
        moved.migrations = [r[0] for r in cursor.fetchall()]
        if moved.migrations != source_migrations:
            raise TransferError("After migrating, the target's migration history differs from "
                                f"the source's ({moved.migrations} / {source_migrations}); "
                                "nothing was changed.")
        for model in models:
            result = _copy(source, cursor, model, batch)
            moved.tables.append(result)
            if progress:
                progress(result.table, result.source_rows)
        for model, result in zip(models, moved.tables):
            _verify(source, cursor, model, result)
        wrong = [t for t in moved.tables if not t.equal]
        if wrong:
            raise TransferMismatch(
                "The copy differs from the source in "
                + ", ".join(f"{t.table} (rows {t.source_rows} / {t.target_rows}, "
                            f"checksum {t.source_sum[:12]} / {t.target_sum[:12]})" for t in wrong)
                + "; the target was rolled back, nothing was changed.", moved.tables)
    return moved


def _key(model) -> str:
    return model._meta.primary_key.column_name


def _copy(source, cursor, model, batch: int) -> TableResult:
    from psycopg2.extras import execute_values

    table = model._meta.table_name
    types = _target_columns(cursor, table)
    columns = _source_columns(source, table)
    if set(columns) != set(types):
        raise TransferError(f"{table}: the columns differ (SQLite {sorted(columns)}, "
                            f"PostgreSQL {sorted(types)}); nothing was changed.")
    converters = [CONVERT.get(types[c], lambda v: v) for c in columns]
    names = ", ".join(f'"{c}"' for c in columns)
    result = TableResult(table)
    digest = hashlib.sha256()
    rows = source.execute(f'SELECT {names} FROM "{table}" ORDER BY "{_key(model)}"')
    key_at = columns.index(_key(model))
    while chunk := rows.fetchmany(batch):
        converted = []
        for row in chunk:
            try:
                values = tuple(convert(v) for convert, v in zip(converters, row))
            except ValueError as exc:
                bad = next(c for c, f, v in zip(columns, converters, row) if _fails(f, v))
                raise TransferError(f"{table} row {row[key_at]!r}: column {bad} holds "
                                    f"{row[columns.index(bad)]!r}, which is no "
                                    f"{types[bad]}; nothing was changed.") from exc
            _row_digest(digest, values)
            converted.append(values)
        _insert(cursor, table, names, converted, execute_values)
        result.source_rows += len(converted)
    result.source_sum = digest.hexdigest()
    counted = source.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    if counted != result.source_rows:      # the snapshot guarantees this; say so if not
        raise TransferError(f"{table}: read {result.source_rows} rows but the source counts "
                            f"{counted}; nothing was changed.")
    return result


def _fails(convert, value) -> bool:
    try:
        convert(value)
    except ValueError:
        return True
    return False


def _insert(cursor, table: str, names: str, rows: list[tuple], execute_values) -> None:
    """One batch; a refusal by PostgreSQL (a value too long, a broken reference) names the
    table and aborts the whole move."""
    import psycopg2
    try:
        execute_values(cursor, f'INSERT INTO "{table}" ({names}) VALUES %s', rows,
                       page_size=len(rows) or 1)
    except psycopg2.Error as exc:
        first = (exc.pgerror or str(exc)).strip().splitlines()[0]
        raise TransferError(f"PostgreSQL refused a row of {table}: {first}; "
                            "nothing was changed.") from None


def _verify(source, cursor, model, result: TableResult) -> None:
    """Count and checksum what the target holds now, inside the move's transaction, and set
    the serial sequence to the highest id."""
    table, key = model._meta.table_name, _key(model)
    columns = _source_columns(source, table)
    names = ", ".join(f'"{c}"' for c in columns)
    text_key = _target_columns(cursor, table)[key] in ("character varying", "text", "character")
    # Byte order for a text key, as SQLite sorts it, whatever the database's collation.
    order = f'"{key}" COLLATE "C"' if text_key else f'"{key}"'
    # A cursor on the server (peewee's connection is in autocommit mode with an explicit BEGIN,
    # so psycopg2's named cursors are not allowed): bounded memory for any table size.
    cursor.execute(f'DECLARE verify_rows NO SCROLL CURSOR FOR '
                   f'SELECT {names} FROM "{table}" ORDER BY {order}')
    digest = hashlib.sha256()
    while True:
        cursor.execute("FETCH 2000 FROM verify_rows")
        rows = cursor.fetchall()
        if not rows:
            break
        for row in rows:
            _row_digest(digest, row)
        result.target_rows += len(rows)
    cursor.execute("CLOSE verify_rows")
    result.target_sum = digest.hexdigest()
    cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", (f'"{table}"', key))
    sequence = cursor.fetchone()[0]
    if sequence:
        cursor.execute(f'SELECT setval(%s, COALESCE(MAX("{key}"), 1), MAX("{key}") IS NOT NULL) '
                       f'FROM "{table}"', (sequence,))
        cursor.execute(f'SELECT COALESCE(MAX("{key}"), 0) + 1 FROM "{table}"')
        result.next_id = cursor.fetchone()[0]
