"""The audit trail (issue 4, "Audit"): one row for every change and every view of a complaint
by staff, and for changes to staff accounts; written by klachtenloket.services.audit inside
the transaction of what it records.

Append-only, enforced by the database itself (migration 0008): on SQLite triggers that
RAISE(ABORT) on UPDATE and DELETE; on PostgreSQL one trigger function refusing UPDATE, DELETE
and TRUNCATE. Both refusals reach Python as peewee's IntegrityError. This stops the
application and a mistaken query, not the owner of the schema (who can drop a trigger): for
that, run the application as a database role that does not own the tables.

Erasure: personal data must go once its retention period ends (AVG). That will be a
dedicated path, itself audited, which lifts the guard (`remove_guard`) inside its own
transaction, for the rows it erases, and installs it again before it commits; nothing else
may delete here. For the same reason the complaint's
foreign key has no ON DELETE CASCADE: deleting a complaint with a trail is refused until that
path exists. The rows hold no copy of a complaint's contents: who, when, what, and a short
detail such as the channel or the id of the event a step stored.

On SQLite a migration that rebuilds this table (drop or change a column) drops its triggers
with it; such a migration must call `install_guard` again.
"""
from peewee import (AutoField, CharField, DateTimeField, ForeignKeyField, IntegerField,
                    SqliteDatabase)

from klachtenloket.models.base import BaseModel, utcnow
from klachtenloket.models.complaint import Complaint

TABLE = "audit_entry"
REFUSAL = "audit_entry is append-only"


class AuditEntry(BaseModel):
    id = AutoField()
    at = DateTimeField(default=utcnow)
    # The staff member's id and their name as it was (a later change of name, or a removed
    # account, leaves the trail as it was read); null for the command line.
    staff_id = IntegerField(null=True)
    staff_name = CharField(max_length=200, default="")
    # Null for actions that are not about one complaint (staff accounts).
    complaint = ForeignKeyField(Complaint, null=True, backref="audit_entries", on_delete=None,
                                index=False)
    action = CharField(max_length=40)   # "viewed", "registered", "step:<kind>", "staff:created" …
    detail = CharField(max_length=200, default="")

    class Meta:
        table_name = TABLE
        indexes = ((("complaint", "at"), False),)


# The guard, per engine: (statements that install it, statements that remove it).
_SQLITE_GUARD = (
    [f"CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE} "
     f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
     f"CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE} "
     f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"],
    [f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
     f"DROP TRIGGER IF EXISTS {TABLE}_no_delete"],
)
# restrict_violation (23001) makes psycopg2 raise an IntegrityError, as SQLite's RAISE does.
# "%%" is one "%" for RAISE once psycopg2 has read the statement.
_POSTGRESQL_GUARD = (
    [f"""CREATE OR REPLACE FUNCTION {TABLE}_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{REFUSAL}: %% refused', TG_OP USING ERRCODE = 'restrict_violation';
END
$$""",
     f"CREATE TRIGGER {TABLE}_no_change BEFORE UPDATE OR DELETE ON {TABLE} "
     f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse()",
     f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
     f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_refuse()"],
    [f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}",
     f"DROP TRIGGER IF EXISTS {TABLE}_no_change ON {TABLE}",
     f"DROP FUNCTION IF EXISTS {TABLE}_refuse()"],
)


def _guard(db) -> tuple[list[str], list[str]]:
    target = getattr(db, "obj", db)     # the DatabaseProxy or a database
    return _SQLITE_GUARD if isinstance(target, SqliteDatabase) else _POSTGRESQL_GUARD


def install_guard(db) -> None:
    """Make the audit table refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL)."""
    for statement in _guard(db)[0]:
        db.execute_sql(statement)


def remove_guard(db) -> None:
    """Lift the guard: only for migrations, the tests' cleanup and (later) erasure, inside a
    transaction that installs it again before it commits. DDL on both engines, so other
    writers wait for that transaction and never see the table unguarded."""
    for statement in _guard(db)[1]:
        db.execute_sql(statement)
