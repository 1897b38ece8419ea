"""Daily reminders to staff (`flask --app app send-reminders`): which open complaints have a
deadline that has passed or falls in the coming days.

A handler hears about the complaints assigned to them, every active coordinator about all of
them (the unassigned ones too); staff with nothing due, and inactive staff, get no mail. The
list reads the inbox's projections (next_deadline, next_deadline_name, handler_id: migration
0006), so it uses their index instead of replaying events.

Each mail goes through the outbox, once per staff member a day: a ReminderSent row is written
in the transaction that queues it, and its unique key (staff, day) makes a second run on the
same day — cron retried, someone ran it by hand — queue nothing new.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable

from peewee import IntegrityError

from klachtenloket.db import database
from klachtenloket.domain import roles, states
from klachtenloket.domain.calendar import AtwCalendar
from klachtenloket.domain.terms import is_overdue
from klachtenloket.models import Complaint, ReminderSent, Staff
from klachtenloket.services import measures, outbox

KIND = "reminder"               # the outbox's kind of mail
DEFAULT_DAYS = 5


@dataclass(frozen=True)
class DueItem:
    """One complaint's next open deadline. Only the reference identifies the complaint: a mail
    is less safe than the portal, so the complainant's details stay out of it."""
    reference: str
    deadline: str               # the deadline's name (acknowledgement, first_contact, …)
    due: date
    handler_id: int | None
    handler_name: str = ""


@dataclass
class Reminder:
    staff: Staff
    scope: str                  # "all" (a coordinator) or "assigned" (their own complaints)
    overdue: list[DueItem] = field(default_factory=list)
    soon: list[DueItem] = field(default_factory=list)
    # Measures this person owns that are not done and due by the horizon (issue 6).
    measures: list = field(default_factory=list)


# (reminder, today, horizon) → (subject, body), written by the caller who knows the language
# and the templates (klachtenloket.web.staff_mail).
Renderer = Callable[[Reminder, date, date], tuple[str, str]]


@dataclass
class Queued:
    queued: int = 0
    already: int = 0            # queued earlier today


def horizon(today: date, days: int = DEFAULT_DAYS, calendar: AtwCalendar | None = None) -> date:
    """The last day that counts as "due soon": `days` calendar days after today, or `days`
    working days when a calendar is given."""
    if days < 0:
        raise ValueError(f"the number of days must be 0 or more, got {days}")
    return calendar.add_working_days(today, days) if calendar else today + timedelta(days=days)


def due_items(last_day: date) -> list[DueItem]:
    """Open complaints whose next open deadline falls on or before `last_day` (the overdue ones
    included), the nearest first as in the inbox."""
    rows = (Complaint.select(Complaint.reference, Complaint.next_deadline_name,
                             Complaint.next_deadline, Complaint.handler_id)
            .where(Complaint.state.in_(states.OPEN), Complaint.next_deadline <= last_day)
            .order_by(Complaint.next_deadline, Complaint.received_on, Complaint.id).tuples())
    items = [DueItem(reference, name, due, handler) for reference, name, due, handler in rows]
    handlers = {item.handler_id for item in items if item.handler_id}
    names = dict(Staff.select(Staff.id, Staff.name).where(Staff.id.in_(handlers)).tuples()) \
        if handlers else {}
    return [DueItem(i.reference, i.deadline, i.due, i.handler_id, names.get(i.handler_id, ""))
            for i in items]


def reminders(today: date, last_day: date) -> list[Reminder]:
    """Per active staff member with something due: a coordinator every complaint, anyone else
    who works with complaints (a handler; a manager handling a complaint about the coordinator)
    the ones assigned to them; and to each the measures they own that are due (overdue ones
    included). An administrator never handles complaints."""
    items = due_items(last_day)
    owned = measures.due_by_owner(last_day)
    if not items and not owned:
        return []
    result = []
    for member in (Staff.select().where(Staff.active == True,  # noqa: E712
                                        Staff.role.in_(roles.COMPLAINT_ROLES))
                   .order_by(Staff.id)):
        if member.role == roles.COORDINATOR:
            scope, mine = "all", items
        else:
            scope, mine = "assigned", [i for i in items if i.handler_id == member.id]
        if mine or owned.get(member.id):
            result.append(Reminder(member, scope,
                                   overdue=[i for i in mine if is_overdue(i.due, today)],
                                   soon=[i for i in mine if not is_overdue(i.due, today)],
                                   measures=owned.get(member.id, [])))
    return result


def _sent_today(staff: Staff, today: date) -> bool:
    return ReminderSent.select().where(ReminderSent.staff == staff,
                                       ReminderSent.day == today).exists()


def queue(today: date, last_day: date, render: Renderer) -> Queued:
    """Queue today's reminders, each in its own transaction with its ReminderSent row; the
    ones already queued today are counted, not queued again."""
    result = Queued()
    for reminder in reminders(today, last_day):
        if _sent_today(reminder.staff, today):
            result.already += 1
            continue
        subject, body = render(reminder, today, last_day)
        try:
            with database.atomic():
                # Asked again inside the transaction: on SQLite it holds the write lock, so a
                # run beside this one has either committed its row or not started its own.
                if _sent_today(reminder.staff, today):
                    result.already += 1
                    continue
                mail = outbox.enqueue(KIND, reminder.staff.email, subject, body)
                ReminderSent.create(staff=reminder.staff, day=today, mail=mail)
        except IntegrityError:
            # PostgreSQL: a run beside this one stored the same (staff, day) first.
            result.already += 1
            continue
        result.queued += 1
    return result
