"""Measures decided on complaints (issue 6, "Learning from complaints"): added on the
complaint page, followed up by their owner, listed across all complaints for the coordinator,
in the owners' daily reminders and in the yearly report with their status.

Each change is audited in its own transaction; a measure names the complaint only by its
reference wherever it leaves the complaint page (reminders, report).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from peewee import JOIN

from klachtenloket.db import database
from klachtenloket.domain import roles
from klachtenloket.models import Complaint, Measure, Staff
from klachtenloket.models.measure import STATUSES
from klachtenloket.services import audit, casework
from klachtenloket.services.paging import Paged, position

PAGE_SIZE = 50
ADDED = "measure:added"
STATUS_CHANGED = "measure:status"
# A measure can be added once the complaint is being handled, and after the decision.
STATES_FOR_MEASURES = ("in_handling", "decided", "closed")
STILL_OPEN = ("open", "in_progress")


@dataclass(frozen=True)
class Item:
    """A measure as lists, reminders and the report show it."""
    id: int
    reference: str
    text: str
    owner_id: int | None
    owner_name: str
    due_on: date | None
    status: str


def may_add(staff: Staff, complaint: Complaint, case) -> bool:
    """The coordinator, or whoever handles the complaint (casework.may_take), once it is in
    handling or decided."""
    return (complaint.state in STATES_FOR_MEASURES
            and casework.may_take(staff, (roles.COORDINATOR, roles.HANDLER), case))


def owners() -> list[Staff]:
    """Who can own a measure: every active staff member who works with complaints."""
    return list(Staff.select().where(Staff.active == True,  # noqa: E712
                                     Staff.role.in_(roles.COMPLAINT_ROLES))
                .order_by(Staff.name))


def add(complaint: Complaint, text: str, owner_id: int | None, due_on: date | None,
        staff: Staff) -> Measure:
    if complaint.state not in STATES_FOR_MEASURES:
        raise ValueError(f"a measure is added to a complaint in handling or decided, "
                         f"not {complaint.state}")
    if not text.strip():
        raise ValueError("a measure needs a description")
    with database.atomic():
        measure = Measure.create(complaint=complaint, text=text.strip(), owner=owner_id or None,
                                 due_on=due_on)
        audit.log(staff, ADDED, complaint, detail=f"measure {measure.id}")
    return measure


def may_change(staff: Staff, measure: Measure) -> bool:
    """The owner follows their measure up; the coordinator every measure."""
    return staff.role == roles.COORDINATOR or measure.owner_id == staff.id


def set_status(measure: Measure, status: str, staff: Staff, today: date) -> Measure:
    if status not in STATUSES:
        raise ValueError(f"the status is one of {STATUSES}, not {status!r}")
    with database.atomic():
        measure.status = status
        measure.done_on = today if status == "done" else None
        measure.save(only=[Measure.status, Measure.done_on])
        audit.log(staff, STATUS_CHANGED, measure.complaint,
                  detail=f"measure {measure.id}: {status}")
    return measure


def _query(*conditions):
    """Measures with their complaint's reference and their owner's name."""
    return (Measure.select(Measure.id, Complaint.reference, Measure.text, Measure.owner,
                           Staff.name, Measure.due_on, Measure.status)
            .join_from(Measure, Complaint)
            .join_from(Measure, Staff, on=(Measure.owner == Staff.id), join_type=JOIN.LEFT_OUTER)
            .where(*conditions))


def _items(query) -> list[Item]:
    return [Item(*row[:4], row[4] or "", *row[5:]) for row in query.tuples()]


def for_complaint(complaint: Complaint) -> list[Item]:
    return _items(_query(Measure.complaint == complaint).order_by(Measure.created_at, Measure.id))


@dataclass
class OpenPage(Paged):
    items: list[Item]


def open_measures(page: int = 1, owner: Staff | None = None) -> OpenPage:
    """Measures not yet done across all complaints (or `owner`'s), the nearest due date first,
    those without one last; PAGE_SIZE a page."""
    conditions = [Measure.status.in_(STILL_OPEN)]
    if owner is not None:
        conditions.append(Measure.owner == owner)
    query = _query(*conditions).order_by(Measure.due_on.is_null(), Measure.due_on, Measure.id)
    where, rows = position(query.tuples(), page, PAGE_SIZE)
    return OpenPage(items=[Item(*row[:4], row[4] or "", *row[5:]) for row in rows], **where)


def due_by_owner(last_day: date) -> dict[int, list[Item]]:
    """Open measures due on or before `last_day` (the overdue ones too), per owner."""
    query = (_query(Measure.status.in_(STILL_OPEN), Measure.owner.is_null(False),
                    Measure.due_on <= last_day)
             .order_by(Measure.due_on, Measure.id))
    result: dict[int, list[Item]] = {}
    for item in _items(query):
        result.setdefault(item.owner_id, []).append(item)
    return result


def for_report(year: int) -> list[Item]:
    """The measures of the year's report: those on complaints handled in `year`, and those
    added in `year` to a complaint still in handling."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    added_from, added_to = datetime(year, 1, 1), datetime(year + 1, 1, 1)
    query = (_query(Complaint.handled_on.between(start, end)
                    | (Complaint.handled_on.is_null()
                       & (Measure.created_at >= added_from) & (Measure.created_at < added_to)))
             .order_by(Complaint.reference, Measure.id))
    return _items(query)
