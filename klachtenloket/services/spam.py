"""The spam queue: complaints (and call-back requests) that tripped the honeypot or the minimum
fill time (klachtenloket/web/spam_guard.py). They are held in a table of their own, outside the
register (no reference is used up, no count changes), never dropped unseen: the coordinator
releases each, through the normal intake (acknowledgement and all, received on the day it came;
a call-back request with its due date counted from that day), or deletes it with its files.
Both are written to the audit trail.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from klachtenloket.db import database
from klachtenloket.domain.organisation import Organisation
from klachtenloket.models import CallbackRequest, Complaint, Draft, HeldSubmission, Staff
from klachtenloket.services import attachments, audit, callbacks, intake
from klachtenloket.services.paging import Paged, position

PAGE_SIZE = 50
RELEASED = "spam:released"
DELETED = "spam:deleted"
COMPLAINT, CALLBACK = "complaint", "callback"


def find(key: str) -> HeldSubmission | None:
    return HeldSubmission.get_or_none(HeldSubmission.submission_key == key)


def hold(key: str, data: dict, reason: str, language: str, received_on: date,
         kind: str = COMPLAINT) -> HeldSubmission:
    """Keeps the answers (a draft's pending files stay tied to the key) and ends the draft.
    The same key twice holds one."""
    with database.atomic():
        held = find(key)
        if held is None:
            answers = {k: v for k, v in data.items() if k != "held_reason"}
            held = HeldSubmission.create(submission_key=key, received_on=received_on,
                                         language=language, reason=reason, kind=kind,
                                         data_json=json.dumps(answers))
        Draft.delete().where(Draft.key == key).execute()
    return held


@dataclass
class QueuePage(Paged):
    held: list[HeldSubmission]


def queue(page: int = 1) -> QueuePage:
    """Held submissions, oldest first (the first to deal with)."""
    query = HeldSubmission.select().order_by(HeldSubmission.received_at, HeldSubmission.id)
    where, held = position(query, page, PAGE_SIZE)
    return QueuePage(held=held, **where)


def count() -> int:
    return HeldSubmission.select().count()


def answers(held: HeldSubmission) -> dict:
    return json.loads(held.data_json)


def files(held: HeldSubmission) -> list:
    return attachments.pending(held.submission_key)


@dataclass
class Released:
    complaint: Complaint | None = None
    callback: CallbackRequest | None = None


def release(held: HeldSubmission, staff: Staff, org: Organisation,
            render_ack: intake.AckRenderer) -> Released:
    """As the resident sent it, in one transaction with its files, the audit row and the end of
    the hold: a complaint into the register (received on the day it came, acknowledged), a
    call-back request into the coordinator's list (due counted from that day)."""
    with database.atomic():
        if held.kind == CALLBACK:
            made = callbacks.create(held.submission_key, answers(held), org, callbacks.WEB,
                                    held.received_on, language=held.language)
            audit.log(staff, RELEASED, None,
                      detail=f"call-back request {made.request.id} ({held.reason})")
            result = Released(callback=made.request)
        else:
            submitted = intake.submit(held.submission_key, answers(held), org, held.language,
                                      held.received_on, render_ack)
            attachments.claim(held.submission_key, submitted.complaint)
            audit.log(staff, RELEASED, submitted.complaint, detail=held.reason)
            result = Released(complaint=submitted.complaint)
        held.delete_instance()
    return result


def delete(held: HeldSubmission, staff: Staff, config) -> int:
    """Gone, with its files; the audit row says who deleted which and why it was held.
    Returns the files removed."""
    with database.atomic():
        audit.log(staff, DELETED, None, detail=f"held submission {held.id} ({held.reason})")
        held.delete_instance()
    return attachments.delete_pending(held.submission_key, config)
