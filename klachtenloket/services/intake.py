"""Storing a complaint: one transaction for the complaint, its first event, its tracking link
and its acknowledgement (a stored letter and its mail), so none exists without the others.
`submit` is the resident's web form; `register` is staff entering one that came by phone,
letter, e-mail or at the desk."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Callable

from peewee import IntegrityError

from klachtenloket.db import database
from klachtenloket.domain import states
from klachtenloket.domain.organisation import Organisation
from klachtenloket.models import Complaint, Draft, Event, Staff
from klachtenloket.services import audit, letters, outbox, tokens
from klachtenloket.services.references import next_reference

# Fields the resident's form fills; anything else in a draft is ignored.
COMPLAINT_FIELDS = (
    "filed_by", "name", "street", "postcode", "city", "phone", "email", "reply_by",
    "client_number", "representative_name", "representative_relation", "representative_phone",
    "representative_email", "consent", "description", "event_date", "event_time", "unit",
    "employee_name", "desired_outcome",
)

# The channels staff register (Awb 9:2); "web" is the resident's own form.
STAFF_CHANNELS = ("phone", "letter", "email", "desk")
# What only a letter has (Awb 9:4, klachtenloket.domain.letters).
LETTER_FIELDS = ("letter_dated", "letter_signed")

# (recipient, subject, body) for each acknowledgement mail, built by the caller who knows
# the language and the templates.
AckRenderer = Callable[[Complaint, str], list[tuple[str, str, str]]]


@dataclass
class Submitted:
    complaint: Complaint
    token: str
    created: bool


def _values(data: dict) -> dict:
    values = {k: data[k] for k in COMPLAINT_FIELDS if k in data and data[k] is not None}
    if values.get("event_date"):
        values["event_date"] = date.fromisoformat(values["event_date"])
    else:
        values["event_date"] = None
    values["consent"] = bool(values.get("consent"))
    return values


def submit(draft_key: str, data: dict, org: Organisation, language: str, received_on: date,
           render_ack: AckRenderer, channel: str = "web") -> Submitted:
    """Store the complaint once per draft: a repeated submit returns the stored one."""
    return _store(draft_key, _values(data), org, channel, received_on, language, "complainant",
                  render_ack, cleanup=lambda: Draft.delete().where(Draft.key == draft_key).execute())


def staff_actor(staff: Staff) -> str:
    """How an event names the staff member who made it: stable when their name changes."""
    return f"staff:{staff.id}"


def register(data: dict, org: Organisation, staff: Staff, channel: str, received_on: date,
             today: date, language: str, render_ack: AckRenderer,
             submission_key: str | None = None) -> Submitted:
    """Store a complaint staff took in by `channel`, received on `received_on` (today or
    earlier: every term counts from it). The reference is numbered in the year it was received.
    `data` holds the form's fields as `submit` takes them (event_date as ISO or empty), plus the
    letter's `letter_dated` and `letter_signed`. The acknowledgement goes only to the e-mail
    addresses given. A repeated `submission_key` (the same form sent twice) returns the
    complaint stored the first time."""
    if channel not in STAFF_CHANNELS:
        raise ValueError(f"staff register complaints from {STAFF_CHANNELS}, not {channel!r}")
    if received_on > today:
        raise ValueError(f"the date received ({received_on}) lies after today ({today})")
    values = _values(data)
    if values.get("filed_by") == "representative":
        if not values["consent"]:
            raise ValueError("a representative files only with the complainant's consent")
    else:   # fields typed before staff chose "for themselves" are not kept
        values = {k: v for k, v in values.items()
                  if not k.startswith("representative_") and k != "consent"}
        values["filed_by"] = "self"
    values.update({field: channel == "letter" and bool(data.get(field)) for field in LETTER_FIELDS})
    return _store(submission_key, values, org, channel, received_on, language,
                  staff_actor(staff), render_ack, staff=staff)


def _store(key: str | None, values: dict, org: Organisation, channel: str, received_on: date,
           language: str, actor: str, render_ack: AckRenderer, cleanup=None,
           staff: Staff | None = None) -> Submitted:
    """One transaction: the complaint, its "received" event, a tracking link, the
    acknowledgement mail(s) and, when `staff` registers it, their audit row. A key already
    stored (a double submit) returns that complaint."""
    if key:
        existing = Complaint.get_or_none(Complaint.submission_key == key)
        if existing:
            return Submitted(existing, _new_link(existing), created=False)
    try:
        with database.atomic():
            complaint = Complaint.create(
                reference=next_reference(received_on.year), submission_key=key,
                received_on=received_on, channel=channel, language=language,
                state=states.apply(None, "received"),
                procedure_json=json.dumps(org.procedure.to_dict()), **values)
            Event.create(complaint=complaint, at=complaint.received_at, actor=actor,
                         kind="received")
            if staff is not None:
                audit.log(staff, audit.REGISTERED, complaint, detail=channel)
            _refresh_projection(complaint)
            token = tokens.issue(complaint)
            mails = [outbox.enqueue("acknowledgement", recipient, subject, body, complaint)
                     for recipient, subject, body in render_ack(complaint, token)]
            # The written acknowledgement (Awb 9:6), kept with the complaint whether it went
            # by e-mail (the mails above carry it, with the private link) or is to be posted.
            letters.make_letter(complaint, "acknowledgement", {}, actor, org, mails=mails)
            if cleanup:
                cleanup()
    except IntegrityError:
        if not key:
            raise
        # The same key was sent by a request running beside this one (PostgreSQL lets both
        # start); that one won, so answer with its complaint.
        existing = Complaint.get(Complaint.submission_key == key)
        return Submitted(existing, _new_link(existing), created=False)
    return Submitted(complaint, token, created=True)


def _refresh_projection(complaint: Complaint, register: bool = False) -> None:
    """The inbox's columns; with `register`, the register's too (the complaint ended)."""
    # casework imports this module (staff_actor), so it is imported here, when used.
    from klachtenloket.services import casework
    casework.refresh_next_deadline(complaint)
    if register:
        casework.refresh_register(complaint)


def _new_link(complaint: Complaint) -> str:
    with database.atomic():
        return tokens.issue(complaint)


def add_information(complaint: Complaint, text: str) -> Event:
    with database.atomic():
        states.apply(complaint.state, "information_added")
        return Event.create(complaint=complaint, actor="complainant", kind="information_added",
                            text=text)


def withdraw(complaint: Complaint, reason: str = "") -> Event:
    with database.atomic():
        new_state = states.apply(complaint.state, "withdrawn")
        event = Event.create(complaint=complaint, actor="complainant", kind="withdrawn", text=reason)
        Complaint.update(state=new_state).where(Complaint.id == complaint.id).execute()
        complaint.state = new_state
        _refresh_projection(complaint, register=True)
        return event
