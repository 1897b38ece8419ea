"""The inbox (issue 4, "The inbox"): the nearest open deadline and the assigned handler, kept
on the complaint so the list can filter and sort by them with an index.

Both are projections of the events (klachtenloket.services.casework.refresh_next_deadline and
casework.record); existing rows are filled in here from their events."""
from peewee import CharField, DateField, IntegerField


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('complaint', 'next_deadline', DateField(null=True)),
        migrator.add_column('complaint', 'next_deadline_name', CharField(max_length=30, default='')),
        migrator.add_column('complaint', 'handler_id', IntegerField(null=True)),
        migrator.add_index('complaint', ('state', 'next_deadline'), False),
        migrator.add_index('complaint', ('handler_id',), False),
    )
    from klachtenloket.services import casework
    casework.refresh_all_projections()


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index('complaint', 'complaint_handler_id'),
        migrator.drop_index('complaint', 'complaint_state_next_deadline'),
        migrator.drop_column('complaint', 'handler_id'),
        migrator.drop_column('complaint', 'next_deadline_name'),
        migrator.drop_column('complaint', 'next_deadline'),
    )
