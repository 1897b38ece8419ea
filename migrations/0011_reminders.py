"""Daily reminders to staff (issue 4, "Terms"): one row per staff member and day whose reminder
was queued, so running `send-reminders` twice on a day queues each mail once.

The table is a frozen copy of klachtenloket/models/reminder.py."""
from peewee import *


def up(migrator, db):
    class Staff(Model):
        class Meta:
            database = db
            table_name = 'staff'

    class OutboxMail(Model):
        class Meta:
            database = db
            table_name = 'outbox_mail'

    class ReminderSent(Model):
        staff = ForeignKeyField(Staff, on_delete='CASCADE', index=False)
        day = DateField()
        mail = ForeignKeyField(OutboxMail, null=True, on_delete='SET NULL')
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'reminder_sent'
            indexes = ((('staff', 'day'), True),)
    db.create_tables([ReminderSent])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('reminder_sent'))
