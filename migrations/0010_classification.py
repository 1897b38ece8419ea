"""Classification (issue 4, "The complaint page and its steps"): a complaint's category and
municipality, chosen by staff from the organisation's lists (the unit already exists).

Projections of the latest "classified" event (klachtenloket.services.casework.record); no
complaint had one before, so there is nothing to fill in."""
from peewee import CharField


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('complaint', 'category', CharField(max_length=200, default='')),
        migrator.add_column('complaint', 'municipality', CharField(max_length=200, default='')),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column('complaint', 'municipality'),
        migrator.drop_column('complaint', 'category'),
    )
