"""Mail waiting to go out: written in the same transaction as what caused it."""
from peewee import AutoField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from klachtenloket.models.base import BaseModel, utcnow
from klachtenloket.models.complaint import Complaint


class OutboxMail(BaseModel):
    PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"

    id = AutoField()
    complaint = ForeignKeyField(Complaint, backref="mails", null=True, on_delete="CASCADE")
    kind = CharField(max_length=30)
    recipient = CharField(max_length=254)
    subject = CharField(max_length=300)
    body = TextField()
    created_at = DateTimeField(default=utcnow)
    status = CharField(max_length=10, default=PENDING)
    attempts = IntegerField(default=0)
    next_attempt_at = DateTimeField(default=utcnow)
    claimed_at = DateTimeField(null=True)
    sent_at = DateTimeField(null=True)
    last_error = TextField(default="")

    class Meta:
        indexes = ((("status", "next_attempt_at"), False),)
