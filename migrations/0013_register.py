"""The register's figures (issue 6, Awb 9:12a): projections of a complaint's events kept on the
complaint, so the yearly report and the open-data export are SQL aggregations over indexed
columns instead of a replay of every complaint's history.

- handled_on: the day the complaint was handled: decided, or finished without a decision
  (closed as solved directly, declined, forwarded, withdrawn); empty while it runs.
- outcome: the decision's outcome key ("" without a decision).
- formal: the formal procedure was followed.
- decision_due: the decision term that applied when it was decided (the extended one after an
  extension, moved by suspensions); days_late: how many days after it the decision came
  (0: within the term; empty: not decided).
- summary: the one anonymous line for publication the handler writes with the outcome.

klachtenloket.services.casework.refresh_register keeps them; this fills them in for the
complaints already there.
"""
from peewee import SqliteDatabase

# Added with plain ALTER TABLE: peewee's SQLite migrator rebuilds the table for a NOT NULL
# column, and a rebuilt table loses its triggers (the name search's, migration 0012).
COLUMNS = (
    ("handled_on", "DATE"),
    ("outcome", "VARCHAR(40) NOT NULL DEFAULT ''"),
    ("formal", "{boolean} NOT NULL DEFAULT {false}"),
    ("decision_due", "DATE"),
    ("days_late", "INTEGER"),
    ("summary", "TEXT NOT NULL DEFAULT ''"),
)


def up(migrator, db):
    sqlite = isinstance(db, SqliteDatabase)
    for name, kind in COLUMNS:
        kind = kind.format(boolean="INTEGER" if sqlite else "BOOLEAN",
                           false="0" if sqlite else "false")
        db.execute_sql(f"ALTER TABLE complaint ADD COLUMN {name} {kind}")
    db.execute_sql("CREATE INDEX complaint_handled_on ON complaint (handled_on)")
    from klachtenloket.services import casework
    casework.refresh_all_register_rows()


def down(migrator, db):
    db.execute_sql("DROP INDEX IF EXISTS complaint_handled_on")
    migrator.migrate(*[migrator.drop_column('complaint', name) for name, _kind in
                       reversed(COLUMNS)])
