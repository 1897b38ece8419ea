"""One database proxy for every model; the app factory binds it to SQLite or PostgreSQL."""
from pathlib import Path

from peewee import DatabaseProxy, SqliteDatabase
from playhouse.pool import PooledPostgresqlDatabase
from playhouse.db_url import parse
from playhouse.migrations import Runner

database = DatabaseProxy()

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"

# Safe under several writers (gunicorn workers, the mail sender, cron jobs):
# WAL lets readers run beside one writer, busy_timeout waits instead of failing,
# and synchronous=FULL means a complaint we confirmed survives a power cut.
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "busy_timeout": 10_000,
    "foreign_keys": 1,
    "synchronous": "full",
    # What is deleted or overwritten is zeroed in the file, not left in free pages: the
    # retention purge (klachtenloket.services.purge) must leave no personal data behind.
    "secure_delete": 1,
}


def make_database(url: str):
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # BEGIN IMMEDIATE takes the write lock at the start of a transaction, so two
        # writers queue on busy_timeout instead of one failing halfway with SQLITE_BUSY.
        return SqliteDatabase(path, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE",
                              check_same_thread=False)
    if url.startswith(("postgres://", "postgresql://")):
        params = parse(url)
        # Reused across requests: opening a connection per request cost as much CPU as the
        # request itself (bench/submit_load.py). close() hands it back to the pool.
        return PooledPostgresqlDatabase(params.pop("database"), max_connections=8,
                                        stale_timeout=300, timeout=10, **params)
    raise ValueError(f"DATABASE_URL must start with sqlite:/// or postgresql:// (got {url!r})")


def bind(url: str):
    db = make_database(url)
    database.initialize(db)
    return db


def is_sqlite() -> bool:
    return isinstance(database.obj, SqliteDatabase)


def migrate() -> list[str]:
    """Apply pending schema migrations; returns the names applied."""
    with database.connection_context():
        return Runner(database.obj, str(MIGRATIONS_DIR)).up()
