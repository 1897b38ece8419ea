"""Letters to the complainant (issue 4, "Letters"): acknowledgement, declined, extended and
decided, each stored with the complaint as it was written (klachtenloket.services.letters).

A letter keeps everything its PDF shows — the text, the date, the letterhead and the address in
the envelope's window as they were that day — so the PDF made later is the letter that was
sent, whatever changes in the configuration or the complaint afterwards.
"""
import json

from peewee import (AutoField, CharField, DateField, DateTimeField, ForeignKeyField,
                    IntegerField, TextField)

from klachtenloket.models.base import BaseModel, utcnow
from klachtenloket.models.complaint import Complaint
from klachtenloket.models.outbox import OutboxMail


class Letter(BaseModel):
    KINDS = ("acknowledgement", "declined", "extended", "decided")

    id = AutoField()
    complaint = ForeignKeyField(Complaint, backref="letters", on_delete="CASCADE",
                                index=False)     # (complaint, number) leads with it
    # 1, 2, 3 … within the complaint: how the tracking page and the staff page address it.
    number = IntegerField()
    kind = CharField(max_length=20)
    language = CharField(max_length=5)
    dated = DateField()
    subject = CharField(max_length=300)
    body = TextField()
    # {"name": …, "address": [lines], "contact": [lines]}, in the letter's language.
    letterhead_json = TextField(default="{}")
    # The lines in the envelope's window: name, street, postcode and city.
    addressee = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    created_by = CharField(max_length=100)      # "system", "complainant" or "staff:<id>"
    # Where it went by e-mail ("" when it did not: it is to be posted), and the first of its
    # mails in the outbox, whose status says whether it went out.
    email_to = CharField(max_length=600, default="")
    outbox_mail = ForeignKeyField(OutboxMail, null=True, on_delete="SET NULL")

    @property
    def letterhead(self) -> dict:
        return json.loads(self.letterhead_json or "{}")

    @property
    def addressee_lines(self) -> list[str]:
        return [line for line in self.addressee.splitlines() if line.strip()]

    @property
    def by_email(self) -> bool:
        return bool(self.email_to)

    class Meta:
        indexes = ((("complaint", "number"), True),)
