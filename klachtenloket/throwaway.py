"""Throwaway PostgreSQL databases for the tests and the benchmarks (never used by the app).

The server is the one on this machine and in CI: 127.0.0.1:5432, trust auth."""
import secrets
from contextlib import contextmanager

PG_ADMIN = dict(host="127.0.0.1", port=5432, user="postgres", dbname="test")


@contextmanager
def postgres_database(prefix: str, before_drop=None):
    """Yield the URL of a new, empty database; drop it afterwards (closing what still uses it).
    `before_drop` runs first, e.g. to close the application's own connection pool."""
    import psycopg2
    name = f"{prefix}_{secrets.token_hex(5)}"
    admin = psycopg2.connect(**PG_ADMIN)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        if before_drop:
            before_drop()
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
