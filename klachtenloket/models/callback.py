"""A call-back request (seed 000): outside the coordinator's phone hours customer service writes
one down, or a resident asks for one on the public site. It ends as a registered complaint or
closed with a note; either way it stays, so it can be counted."""
from peewee import (AutoField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField,
                    TextField)

from klachtenloket.models.base import BaseModel, utcnow
from klachtenloket.models.complaint import Complaint


class CallbackRequest(BaseModel):
    id = AutoField()
    # The hidden key of the form it came from: the same form sent twice (a double click, the
    # back button) finds this row instead of making another.
    submission_key = CharField(max_length=64, unique=True, null=True)
    requested_at = DateTimeField(default=utcnow)
    requested_on = DateField()           # the term counts from this date (Amsterdam time)
    channel = CharField(max_length=20)   # klachtenloket.services.callbacks.CHANNELS
    recorded_by = IntegerField(null=True)    # staff.id; none when the resident asked online
    language = CharField(max_length=5, default="nl")

    name = CharField(max_length=200)
    phone = CharField(max_length=40)
    best_time = CharField(max_length=200, default="")
    subject = CharField(max_length=300, default="")

    # Counted from requested_on by the procedure's call-back term, stored once: a later change
    # of the configuration never moves it.
    due_on = DateField()
    state = CharField(max_length=12, default="open")   # open | registered | closed
    complaint = ForeignKeyField(Complaint, null=True, on_delete="SET NULL", backref="callbacks")
    closing_note = TextField(default="")
    closed_at = DateTimeField(null=True)
    closed_by = IntegerField(null=True)      # staff.id

    class Meta:
        # The open ones, the nearest due date first (migration 0007).
        indexes = ((("state", "due_on"), False),)
