"""The reminders staff were sent: one per staff member a day (migration 0011)."""
from peewee import AutoField, DateField, DateTimeField, ForeignKeyField

from klachtenloket.models.base import BaseModel, utcnow
from klachtenloket.models.outbox import OutboxMail
from klachtenloket.models.staff import Staff


class ReminderSent(BaseModel):
    """Written in the transaction that queues the reminder: a second run on the same day finds
    it and queues nothing (unique per staff member and day)."""
    id = AutoField()
    staff = ForeignKeyField(Staff, backref="reminders", on_delete="CASCADE", index=False)
    day = DateField()                   # the day in the organisation's time zone
    mail = ForeignKeyField(OutboxMail, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("staff", "day"), True),)
