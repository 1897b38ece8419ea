"""Files a resident sent with a complaint or with information added later (migration 0016)."""
from peewee import AutoField, CharField, DateTimeField, ForeignKeyField, IntegerField

from klachtenloket.models.base import BaseModel, utcnow
from klachtenloket.models.complaint import Complaint, Event


class Attachment(BaseModel):
    """One file in the uploads folder (klachtenloket.services.attachments). While the complaint
    is being written it is pending: tied to the draft's key, without a complaint; sending the
    complaint ties it to the complaint."""
    id = AutoField()
    complaint = ForeignKeyField(Complaint, backref="attachments", null=True,
                                on_delete="CASCADE", index=True)
    draft_key = CharField(max_length=64, null=True, index=True)
    # The "add information" step it came with, if any.
    event = ForeignKeyField(Event, null=True, on_delete="SET NULL")
    stored_name = CharField(max_length=64, unique=True)    # random; the file's name on disk
    filename = CharField(max_length=120)                   # display text only, sanitised
    content_type = CharField(max_length=100)
    size = IntegerField()
    sha256 = CharField(max_length=64)
    uploaded_at = DateTimeField(default=utcnow)

