"""Attachments and the spam queue (issue 7, "The public side").

`attachment`: a file a resident sent, stored under a random name in the uploads folder; pending
(tied to the draft's key, no complaint) until the complaint is sent. `held_submission`: a
complaint (or call-back request) that tripped the honeypot or came faster than a person types,
kept out of the register until the coordinator releases or deletes it.

The tables are frozen copies of klachtenloket/models/attachment.py and spam.py."""
from peewee import *


def up(migrator, db):
    class Complaint(Model):
        class Meta:
            database = db
            table_name = 'complaint'

    class Event(Model):
        class Meta:
            database = db
            table_name = 'event'

    class Attachment(Model):
        complaint = ForeignKeyField(Complaint, null=True, on_delete='CASCADE', index=True)
        draft_key = CharField(max_length=64, null=True, index=True)
        event = ForeignKeyField(Event, null=True, on_delete='SET NULL')
        stored_name = CharField(max_length=64, unique=True)
        filename = CharField(max_length=120)
        content_type = CharField(max_length=100)
        size = IntegerField()
        sha256 = CharField(max_length=64)
        uploaded_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'attachment'

    class HeldSubmission(Model):
        submission_key = CharField(max_length=64, unique=True)
        received_at = DateTimeField()
        received_on = DateField()
        language = CharField(max_length=5, default='nl')
        reason = CharField(max_length=20)
        kind = CharField(max_length=10, default='complaint')
        data_json = TextField(default='{}')
        class Meta:
            database = db
            table_name = 'held_submission'
    db.create_tables([Attachment, HeldSubmission])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('held_submission'), migrator.drop_table('attachment'))
