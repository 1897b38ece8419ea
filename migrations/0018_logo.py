"""The organisation's logo (issue 5): PNG or JPEG, checked with Pillow, stored here and named
in the configuration by its SHA-256 (organisation.logo); served at /logo/<sha256>.<png|jpg>.

The table is a frozen copy of klachtenloket/models/logo.py."""
from peewee import *


def up(migrator, db):
    class Logo(Model):
        digest = CharField(max_length=64, unique=True)
        content_type = CharField(max_length=20)
        data_base64 = TextField()
        width = IntegerField()
        height = IntegerField()
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'logo'
    db.create_tables([Logo])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('logo'))
