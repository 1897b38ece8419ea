"""Letters (issue 4, "Letters"): the acknowledgement, declined, extended and decided letters,
stored with the complaint as they were written and sent.

The table is a frozen copy of klachtenloket/models/letter.py."""
from peewee import *


def up(migrator, db):
    class Complaint(Model):
        class Meta:
            database = db
            table_name = 'complaint'

    class OutboxMail(Model):
        class Meta:
            database = db
            table_name = 'outbox_mail'

    class Letter(Model):
        complaint = ForeignKeyField(Complaint, on_delete='CASCADE', index=False)
        number = IntegerField()
        kind = CharField(max_length=20)
        language = CharField(max_length=5)
        dated = DateField()
        subject = CharField(max_length=300)
        body = TextField()
        letterhead_json = TextField(default='{}')
        addressee = TextField(default='')
        created_at = DateTimeField()
        created_by = CharField(max_length=100)
        email_to = CharField(max_length=600, default='')
        outbox_mail = ForeignKeyField(OutboxMail, null=True, on_delete='SET NULL')
        class Meta:
            database = db
            table_name = 'letter'
            indexes = ((('complaint', 'number'), True),)
    db.create_tables([Letter])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('letter'))
