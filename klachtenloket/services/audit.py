"""Writing and reading the audit trail (klachtenloket.models.audit): who did what, when.

`log` adds one row inside the caller's transaction, so the row exists exactly when the change
it records does: a refused step or a transaction that fails later leaves no row. A view has
no transaction of its own to join; `viewed` opens a small one.

Rows are never updated or deleted (the database refuses it); the detail is short and holds
no copy of what the complaint says.
"""
from __future__ import annotations

from dataclasses import dataclass

from klachtenloket.db import database
from klachtenloket.models import AuditEntry, Complaint, Staff
from klachtenloket.services.paging import Paged, position

PAGE_SIZE = 50

VIEWED = "viewed"
REGISTERED = "registered"
STEP = "step:"          # + the event's kind: "step:assigned"
STAFF_CREATED = "staff:created"
STAFF_DISABLED = "staff:disabled"
STAFF_PASSWORD_SET = "staff:password_set"
STAFF_ROLE_CHANGED = "staff:role_changed"
STAFF_ENABLED = "staff:enabled"
STAFF_SESSIONS_ENDED = "staff:sessions_ended"


def log(staff: Staff | None, action: str, complaint: Complaint | None = None,
        detail: str = "") -> AuditEntry:
    """One audit row: `staff` did `action` (on `complaint`). Call it inside the transaction
    of the change it records; `staff` is None for the command line."""
    if not database.in_transaction():
        raise RuntimeError("audit.log belongs inside the transaction of what it records "
                           "(database.atomic())")
    return AuditEntry.create(staff_id=staff.id if staff else None,
                             staff_name=staff.name if staff else "",
                             complaint=complaint, action=action, detail=detail[:200])


def viewed(staff: Staff, complaint: Complaint) -> AuditEntry:
    """`staff` opened the complaint: a row in a transaction of its own."""
    with database.atomic():
        return log(staff, VIEWED, complaint)


@dataclass
class TrailPage(Paged):
    entries: list[AuditEntry]


def trail(complaint: Complaint, page: int = 1) -> TrailPage:
    """The complaint's rows, newest first, PAGE_SIZE a page; a page past the end shows the
    last. Uses the (complaint, at) index."""
    query = (AuditEntry.select().where(AuditEntry.complaint == complaint)
             .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()))
    where, entries = position(query, page, PAGE_SIZE)
    return TrailPage(entries=entries, **where)
