"""Submissions held as likely spam (migration 0016): the spam queue the coordinator reviews."""
from peewee import AutoField, CharField, DateField, DateTimeField, TextField

from klachtenloket.models.base import BaseModel, utcnow


class HeldSubmission(BaseModel):
    """A complaint (or a call-back request) sent with the honeypot filled in or faster than a
    person types: kept out of the register (no reference, no counts) and the list of call-back
    requests until the coordinator releases or deletes it."""
    id = AutoField()
    submission_key = CharField(max_length=64, unique=True)   # the draft's key
    received_at = DateTimeField(default=utcnow)
    received_on = DateField()
    language = CharField(max_length=5, default="nl")
    reason = CharField(max_length=20)          # honeypot | too_fast | no_timestamp
    kind = CharField(max_length=10, default="complaint")    # complaint | callback (request)
    data_json = TextField(default="{}")
