"""The inbox's team filter at a million complaints (bench/run.py, README "Benchmarks"): with the
yearly report's index `complaint_report_received (unit, …)` (migration 0019) SQLite counted a
team's open complaints by reading every complaint that team ever had (13 → 37 → 252 ms at
10k → 100k → 1M). An index on (unit, state) counts the open ones alone."""


def up(migrator, db):
    db.execute_sql("CREATE INDEX complaint_unit_state ON complaint (unit, state)")


def down(migrator, db):
    db.execute_sql("DROP INDEX IF EXISTS complaint_unit_state")
