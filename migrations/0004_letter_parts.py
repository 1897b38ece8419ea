"""Whether a complaint that came by letter was dated and signed (Awb 9:4).

Staff tick both when they register a letter; for other channels they stay false and mean
nothing (klachtenloket.domain.letters only looks at them for letters)."""
from peewee import BooleanField


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('complaint', 'letter_dated', BooleanField(default=False)),
        migrator.add_column('complaint', 'letter_signed', BooleanField(default=False)))


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column('complaint', 'letter_signed'),
        migrator.drop_column('complaint', 'letter_dated'))
