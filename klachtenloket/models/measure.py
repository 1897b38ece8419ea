"""Measures (maatregelen) decided on a complaint, so that it does not happen again (seed 001;
seed 002: outcomes discussed with the teams): each with an owner, a due date and a status."""
from peewee import AutoField, CharField, DateField, DateTimeField, ForeignKeyField, TextField

from klachtenloket.models.base import BaseModel, utcnow
from klachtenloket.models.complaint import Complaint
from klachtenloket.models.staff import Staff

STATUSES = ("open", "in_progress", "done")


class Measure(BaseModel):
    id = AutoField()
    complaint = ForeignKeyField(Complaint, backref="measures", on_delete="CASCADE", index=True)
    text = TextField()
    owner = ForeignKeyField(Staff, null=True, on_delete="SET NULL", index=False)
    due_on = DateField(null=True)
    status = CharField(max_length=12, default="open")
    created_at = DateTimeField(default=utcnow)
    done_on = DateField(null=True)

    class Meta:
        # The open measures across all complaints, nearest first; an owner's for reminders.
        indexes = ((("status", "due_on"), False), (("owner", "status"), False))
