"""A complaint, its events (the timeline) and the private tracking tokens."""
import json

from peewee import (AutoField, BooleanField, CharField, DateField, DateTimeField,
                    ForeignKeyField, IntegerField, TextField)

from klachtenloket.domain.letters import missing_parts
from klachtenloket.models.base import BaseModel, utcnow

# What identifies the complainant or their representative.
PERSONAL_DETAILS = ("name", "street", "postcode", "city", "phone", "email", "client_number",
                    "representative_name", "representative_phone", "representative_email")

# What domain.letters.missing_parts reads from a complaint.
LETTER_FIELDS = ("name", "street", "postcode", "city", "description", "letter_dated",
                 "letter_signed")


class Complaint(BaseModel):
    id = AutoField()
    reference = CharField(max_length=20, unique=True)
    # The draft id the resident submitted: a second submit of the same draft
    # (double click, back button, retry) finds this row instead of making another.
    submission_key = CharField(max_length=64, unique=True, null=True)
    received_at = DateTimeField(default=utcnow)
    received_on = DateField(index=True)  # terms count from this date (Amsterdam time)
    channel = CharField(max_length=10, default="web")
    language = CharField(max_length=5, default="nl")
    # A projection of the events (klachtenloket.domain.states), kept for indexed filters.
    state = CharField(max_length=20, default="received", index=True)
    # Projections for the inbox (migration 0006, klachtenloket.services.casework): the nearest
    # deadline still open and its name, and the id of the assigned handler (staff.id).
    next_deadline = DateField(null=True)
    next_deadline_name = CharField(max_length=30, default="")
    handler_id = IntegerField(null=True)   # indexed with state: migration 0012

    filed_by = CharField(max_length=15, default="self")  # self | representative
    name = CharField(max_length=200)
    street = CharField(max_length=200, default="")
    postcode = CharField(max_length=10, default="")
    city = CharField(max_length=100, default="")
    phone = CharField(max_length=40, default="")
    email = CharField(max_length=254, default="")  # indexed as lower(email): migration 0002
    reply_by = CharField(max_length=10, default="email")  # letter | email | phone
    client_number = CharField(max_length=40, default="")

    representative_name = CharField(max_length=200, default="")
    representative_relation = CharField(max_length=200, default="")
    representative_phone = CharField(max_length=40, default="")
    representative_email = CharField(max_length=254, default="")  # likewise
    consent = BooleanField(default=False)

    description = TextField()
    event_date = DateField(null=True)
    event_time = CharField(max_length=5, default="")
    unit = CharField(max_length=200, default="")
    # Classification by staff (migration 0010), from the organisation's lists; a projection of
    # the latest "classified" event, kept here for filters and the yearly report.
    category = CharField(max_length=200, default="")
    municipality = CharField(max_length=200, default="")
    employee_name = CharField(max_length=200, default="")
    desired_outcome = TextField(default="")

    # A letter's own date and signature (Awb 9:4), ticked by staff on registering it:
    # migration 0004. Meaningless for other channels.
    letter_dated = BooleanField(default=False)
    letter_signed = BooleanField(default=False)

    # The day its personal data was removed after the retention period (migration 0017,
    # klachtenloket.services.purge); only the anonymous register row is left.
    purged_on = DateField(null=True)

    # The register (migration 0013): projections of the events for the yearly report and the
    # open-data export, kept by klachtenloket.services.casework.refresh_register.
    handled_on = DateField(null=True)      # decided, or finished without a decision
    outcome = CharField(max_length=40, default="")
    formal = BooleanField(default=False)
    decision_due = DateField(null=True)    # the term that applied to the decision
    days_late = IntegerField(null=True)    # 0: decided within it; None: not decided
    summary = TextField(default="")        # one anonymous line for publication

    # The procedure's terms as they were on receipt: a later configuration change
    # never moves the deadlines of a running complaint.
    procedure_json = TextField(default="{}")

    @property
    def procedure(self) -> dict:
        return json.loads(self.procedure_json)

    def letter_missing_parts(self) -> list[str]:
        """For a letter, the parts Awb 9:4 asks for that it lacks (domain.letters); else []."""
        if self.channel != "letter":
            return []
        return missing_parts({name: getattr(self, name, None) for name in LETTER_FIELDS})

    def personal_details(self) -> dict[str, str]:
        """What identifies the complainant and their representative: kept out of anything
        published (klachtenloket.domain.privacy_check)."""
        return {name: getattr(self, name) or "" for name in PERSONAL_DETAILS}

    def contact_emails(self) -> list[str]:
        return [e for e in (self.email, self.representative_email) if e]

    class Meta:
        # The schema is the migrations' (0006, 0012: the inbox's covering index, handler+state,
        # the name search; 0019: the yearly report's; 0020: team+state); these name the plain
        # ones for readers of the model.
        indexes = ((("state", "next_deadline"), False), (("handler_id", "state"), False),
                   (("unit", "state"), False))


class Event(BaseModel):
    """One step in the complaint's life; the state is derived from these."""
    id = AutoField()
    complaint = ForeignKeyField(Complaint, backref="events", on_delete="CASCADE", index=True)
    at = DateTimeField(default=utcnow)
    actor = CharField(max_length=100)  # "complainant", "system" or a staff member
    kind = CharField(max_length=30)
    text = TextField(default="")
    # Shown on the resident's tracking page.
    public = BooleanField(default=True)
    # What the step carries, as domain.states.step reads it (migration 0005); dates as ISO.
    payload_json = TextField(default="{}")

    @property
    def payload(self) -> dict:
        return json.loads(self.payload_json or "{}")


class TrackingToken(BaseModel):
    """A private link to one complaint; only the token's SHA-256 is stored."""
    id = AutoField()
    complaint = ForeignKeyField(Complaint, backref="tokens", on_delete="CASCADE")
    token_hash = CharField(max_length=64, unique=True)
    created_at = DateTimeField(default=utcnow)


class ReferenceCounter(BaseModel):
    """The last number handed out per year, for references like KL-2026-00042."""
    year = IntegerField(primary_key=True)
    last = IntegerField(default=0)
