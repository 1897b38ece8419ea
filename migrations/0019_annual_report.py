"""The yearly report (issue 6, Awb 9:12a): the coordinator's introduction and closing per year,
and the indexes that let the database count the report's figures without reading the table
(klachtenloket.services.report; bench/report.py measures them at 1 000 000 complaints).

Each figure is a count per combination of a few columns in a date range. The combinations are
few (units × categories × municipalities × channels: hundreds at most), so an index that starts
with them and ends with the date gives the distinct combinations by skipping through it and each
count as one range in it; grouping a year's rows instead sorts them all (1.9 s for 800 000 on
SQLite, 0.1 s this way; bench/report.py).

- complaint_report_received: received, by unit, category, municipality and channel;
- complaint_report_handled: handled, by outcome, state (an ending without a decision) and
  procedure;
- complaint_report_late: decided, by days late;
- complaint_report_open: still open at a year's end (handled_on empty or later, by
  received_on); it replaces 0013's complaint_handled_on, which it starts with;
- complaint_report_summary: the lines for publication, a partial index (few rows have one).

The table is a frozen copy of klachtenloket/models/report_text.py."""
from peewee import *

INDEXES = {
    "complaint_report_received": "(unit, category, municipality, channel, received_on)",
    "complaint_report_handled": "(outcome, state, formal, handled_on)",
    "complaint_report_late": "(days_late, handled_on)",
    "complaint_report_open": "(handled_on, received_on)",
    "complaint_report_summary": "(handled_on) WHERE summary <> ''",
}


def up(migrator, db):
    class Staff(Model):
        class Meta:
            database = db
            table_name = 'staff'

    class AnnualReportText(Model):
        year = IntegerField(primary_key=True)
        introduction = TextField(default='')
        closing = TextField(default='')
        updated_by = ForeignKeyField(Staff, null=True, on_delete='SET NULL', index=False)
        updated_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'annual_report_text'
    db.create_tables([AnnualReportText])
    for name, columns in INDEXES.items():
        db.execute_sql(f"CREATE INDEX {name} ON complaint {columns}")
    db.execute_sql("DROP INDEX IF EXISTS complaint_handled_on")


def down(migrator, db):
    db.execute_sql("CREATE INDEX complaint_handled_on ON complaint (handled_on)")
    for name in INDEXES:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
    migrator.migrate(migrator.drop_table('annual_report_text'))
