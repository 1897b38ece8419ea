"""Call-back requests (issue 4, "Registering every channel"; seed 000): written down by customer
service outside the coordinator's phone hours, or asked for on the public site. Each has its
own due date, stored and indexed with its state for the list of open ones.

The table is a frozen copy of klachtenloket/models/callback.py."""
from peewee import *


def up(migrator, db):
    class Complaint(Model):
        class Meta:
            database = db
            table_name = 'complaint'

    class CallbackRequest(Model):
        submission_key = CharField(unique=True, null=True, max_length=64)
        requested_at = DateTimeField()
        requested_on = DateField()
        channel = CharField(max_length=20)
        recorded_by = IntegerField(null=True)
        language = CharField(max_length=5, default='nl')
        name = CharField(max_length=200)
        phone = CharField(max_length=40)
        best_time = CharField(max_length=200, default='')
        subject = CharField(max_length=300, default='')
        due_on = DateField()
        state = CharField(max_length=12, default='open')
        complaint = ForeignKeyField(Complaint, null=True, on_delete='SET NULL')
        closing_note = TextField(default='')
        closed_at = DateTimeField(null=True)
        closed_by = IntegerField(null=True)
        class Meta:
            database = db
            table_name = 'callback_request'
            indexes = ((('state', 'due_on'), False),)
    db.create_tables([CallbackRequest])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('callback_request'))
