"""Index e-mail addresses as "e-mail me my link" looks them up: lower-cased.

The plain indexes of 0001 were never used (the lookup ignores case) and only slowed inserts;
without these, every request for a link scanned the whole complaint table."""


def up(migrator, db):
    for column in ("email", "representative_email"):
        db.execute_sql(f"DROP INDEX IF EXISTS complaint_{column}")
        db.execute_sql(f"CREATE INDEX complaint_{column}_lower ON complaint (lower({column}))")


def down(migrator, db):
    for column in ("email", "representative_email"):
        db.execute_sql(f"DROP INDEX IF EXISTS complaint_{column}_lower")
        db.execute_sql(f"CREATE INDEX complaint_{column} ON complaint ({column})")
