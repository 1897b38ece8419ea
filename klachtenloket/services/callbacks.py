"""Call-back requests (seed 000): outside the coordinator's phone hours customer service writes
one down, and a resident can ask for one on the public site. The coordinator calls back within
the procedure's call-back term (WIL: 2 working days), counted from the day of the request. A
request ends as a registered complaint or closed with a note; it is never deleted, so the yearly
report can count both outcomes.

An organisation takes call-back requests when one of its channels says so (`callback = true`)
and its procedure has a call-back term: without a term the list could not say how urgent each
one is.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import IntegrityError, fn

from klachtenloket.db import database
from klachtenloket.domain.organisation import Organisation
from klachtenloket.domain.terms import Procedure, procedure_calendar, term_end
from klachtenloket.models import CallbackRequest, Complaint, Staff
from klachtenloket.models.base import utcnow

OPEN, REGISTERED, CLOSED = "open", "registered", "closed"
STATES = (OPEN, REGISTERED, CLOSED)
# Asked for by the resident on the public site, or written down by staff taking a phone call.
WEB, CUSTOMER_SERVICE = "web", "customer_service"
CHANNELS = (WEB, CUSTOMER_SERVICE)
FIELDS = ("name", "phone", "best_time", "subject")


class AlreadyHandled(Exception):
    """The request was registered as a complaint or closed before: it is not open any more."""

    def __init__(self, request: CallbackRequest):
        super().__init__(f"call-back request {request.id} is {request.state}")
        self.request = request


def enabled(org: Organisation) -> bool:
    return org.procedure.callback is not None and any(c.callback for c in org.channels)


def due_on(procedure: Procedure, requested_on: date) -> date:
    """The day the coordinator calls back by: the call-back term counted from the request, with
    the Atw calendar and the procedure's closed days, like every other term."""
    if procedure.callback is None:
        raise ValueError("this procedure has no call-back term")
    return term_end(requested_on, procedure.callback, procedure_calendar(procedure),
                    procedure.atw_shift)


@dataclass
class Created:
    request: CallbackRequest
    created: bool


def create(key: str | None, data: dict, org: Organisation, channel: str, requested_on: date,
           staff: Staff | None = None, language: str = "nl") -> Created:
    """Store a call-back request once per form: a repeated `key` (the same form sent twice)
    returns the one stored the first time. `data` holds name, phone, best_time and subject."""
    if channel not in CHANNELS:
        raise ValueError(f"a call-back request comes from {CHANNELS}, not {channel!r}")
    if not enabled(org):
        raise ValueError("this organisation takes no call-back requests")
    if key:
        existing = CallbackRequest.get_or_none(CallbackRequest.submission_key == key)
        if existing:
            return Created(existing, created=False)
    values = {name: (data.get(name) or "").strip() for name in FIELDS}
    try:
        with database.atomic():
            request = CallbackRequest.create(
                submission_key=key or None, requested_on=requested_on, channel=channel,
                recorded_by=staff.id if staff else None, language=language,
                due_on=due_on(org.procedure, requested_on), state=OPEN, **values)
    except IntegrityError:
        if not key:
            raise
        # The same form sent by a request running beside this one: that one won.
        return Created(CallbackRequest.get(CallbackRequest.submission_key == key), created=False)
    return Created(request, created=True)


def _finish(request: CallbackRequest, state: str, staff: Staff, **values) -> CallbackRequest:
    """Move an open request to `state`; a conditional update, so of two people finishing it at
    once only one succeeds and the other hears it was already handled."""
    now = utcnow()
    changed = (CallbackRequest
               .update(state=state, closed_at=now, closed_by=staff.id, **values)
               .where(CallbackRequest.id == request.id, CallbackRequest.state == OPEN)
               .execute())
    fresh = CallbackRequest.get_by_id(request.id)
    if not changed:
        raise AlreadyHandled(fresh)
    return fresh


def close(request: CallbackRequest, note: str, staff: Staff) -> CallbackRequest:
    """Closed without a complaint, with a note saying why (for example: called back, the
    question was answered)."""
    note = (note or "").strip()
    if not note:
        raise ValueError("closing a call-back request needs a note")
    with database.atomic():
        return _finish(request, CLOSED, staff, closing_note=note)


def mark_registered(request: CallbackRequest, complaint: Complaint, staff: Staff) -> bool:
    """The call-back ended in a complaint the coordinator registered: link the two. True when
    the request is now linked to `complaint` (also when it already was: a form sent twice);
    False when someone else finished it meanwhile. The complaint stands either way."""
    try:
        with database.atomic():
            _finish(request, REGISTERED, staff, complaint=complaint.id)
    except AlreadyHandled as handled:
        return handled.request.state == REGISTERED and handled.request.complaint_id == complaint.id
    return True


def find_open(request_id) -> CallbackRequest | None:
    """The open request with this id (as a form or query string sends it), else None."""
    try:
        number = int(request_id)
    except (TypeError, ValueError):
        return None
    return CallbackRequest.get_or_none(CallbackRequest.id == number,
                                       CallbackRequest.state == OPEN)


def open_requests() -> list[CallbackRequest]:
    """Every open request, the nearest due date first, then the oldest."""
    return list(CallbackRequest.select()
                .where(CallbackRequest.state == OPEN)
                .order_by(CallbackRequest.due_on, CallbackRequest.requested_at,
                          CallbackRequest.id))


@dataclass
class OpenCount:
    open: int
    overdue: int


def open_count(today: date) -> OpenCount:
    """How many are open, and how many of those are overdue (past their due date)."""
    open_ = CallbackRequest.select().where(CallbackRequest.state == OPEN)
    return OpenCount(open_.count(), open_.where(CallbackRequest.due_on < today).count())


def yearly_counts(year: int | None = None) -> dict[int, dict[str, int]]:
    """Call-back requests per year of the request, by outcome: {2026: {"registered": 4,
    "closed": 9, "open": 1}}, every outcome present (0 when none). `year` gives that year
    only (an empty year has all zeros). Counted in SQL: one row per year and state."""
    query = CallbackRequest.select(CallbackRequest.requested_on.year.alias("year"),
                                   CallbackRequest.state, fn.COUNT(CallbackRequest.id).alias("n"))
    if year is not None:
        query = query.where(CallbackRequest.requested_on.between(date(year, 1, 1),
                                                                 date(year, 12, 31)))
    counts: dict[int, dict[str, int]] = {}
    if year is not None:
        counts[year] = dict.fromkeys(STATES, 0)
    for row in query.group_by(CallbackRequest.requested_on.year, CallbackRequest.state).dicts():
        per_year = counts.setdefault(int(row["year"]), dict.fromkeys(STATES, 0))
        per_year[row["state"]] = per_year.get(row["state"], 0) + row["n"]
    return dict(sorted(counts.items()))
