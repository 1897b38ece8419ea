"""Retention (issue 7, "Privacy (AVG)"): the day `flask --app app purge` anonymised a finished
complaint. A complaint with a date here has lost its personal data and keeps only its anonymous
register row (reference, dates, channel, unit, category, municipality, state, outcome); the
daily purge skips it (klachtenloket.services.purge)."""
from peewee import DateField


def up(migrator, db):
    migrator.migrate(migrator.add_column('complaint', 'purged_on', DateField(null=True)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('complaint', 'purged_on'))
