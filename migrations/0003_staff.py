"""Staff accounts for the back office (issue 4, "People and access").

The model is a frozen copy, independent of klachtenloket/models/staff.py."""
from peewee import *


def up(migrator, db):
    class Staff(Model):
        email = CharField(unique=True, max_length=254)
        name = CharField(max_length=200)
        role = CharField(max_length=20)
        password_hash = CharField(max_length=255)
        active = BooleanField(default=True)
        session_version = IntegerField(default=1)
        created_at = DateTimeField()
        last_login_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'staff'
    db.create_tables([Staff])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('staff'))
