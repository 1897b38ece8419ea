"""Staff steps on a complaint: each one checked against the whole history by the state
machine (klachtenloket.domain.states) and stored as an event, in one transaction.

`record` is the one way a staff step is stored; `case_state` says what the events add up to,
and `deadlines_for` gives the complaint's deadlines with its suspensions and extension.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any, Mapping
from zoneinfo import ZoneInfo

from peewee import fn

from klachtenloket.db import database, is_sqlite
from klachtenloket.domain import roles, states
from klachtenloket.domain.organisation import Organisation
from klachtenloket.domain.states import CaseState, TransitionError
from klachtenloket.domain.terms import Term
from klachtenloket.models import Complaint, Event, Staff
from klachtenloket.services import audit, letters
from klachtenloket.services.deadlines import for_complaint
from klachtenloket.services.intake import staff_actor

# Steps the resident does not see on their tracking page.
INTERNAL_KINDS = ("note_added", "assigned", "classified", "copy_sent")
# Who may be assigned a complaint: a handler, the coordinator, or a manager (reader), who is
# the only one for a complaint about the coordinator (WIL: the concern manager, seed 002).
ASSIGNABLE_ROLES = (roles.HANDLER, roles.COORDINATOR, roles.READER)
# The complaint's classification, kept on the complaint for filters and the yearly report.
CLASSIFICATION = ("category", "unit", "municipality")

# The steps that end a complaint's handling without a decision (the register's handled_on).
ENDINGS = ("closed", "declined", "forwarded", "withdrawn")
# The steps that change the register's columns.
REGISTER_KINDS = ENDINGS + ("decided", "procedure_chosen")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Refusals that are not the state machine's (its codes are in states.ERRORS).
ERRORS = {
    "handler_unknown": "The handler is not an active handler or coordinator.",
    "handler_complained_about": "The complaint is about this person; they cannot handle it "
                                "(Awb 9:7).",
    "about_coordinator_needs_manager": "The complaint is about a complaints coordinator; only a "
                                       "manager can handle it.",
}


def _refuse(code: str, kind: str, state: str | None) -> TransitionError:
    return TransitionError(f"{ERRORS[code]} (step {kind!r}; the complaint is {state})",
                           code=code, kind=kind, state=state)


def _history(complaint: Complaint) -> list[tuple[str, dict]]:
    events = [(e.kind, e.payload) for e in
              Event.select(Event.kind, Event.payload_json)
              .where(Event.complaint == complaint).order_by(Event.at, Event.id)]
    if not events or events[0][0] != "received":
        # A complaint row exists only once it was received; rows made without their first
        # event (old data, imports) count as received on the channel they came by.
        events.insert(0, ("received", {"channel": complaint.channel}))
    return events


def _replay(history: list[tuple[str, dict]]) -> CaseState:
    """The case after a stored history. Each step was checked against the organisation's
    outcomes and decline grounds when it was stored; the lists may have changed since, so
    the values in the history itself are accepted."""
    def recorded(kind: str, key: str) -> tuple:
        return tuple({payload.get(key) for k, payload in history if k == kind})
    return states.replay(history, outcomes=recorded("decided", "outcome"),
                         decline_grounds=recorded("declined", "ground"))


def case_state(complaint: Complaint) -> CaseState:
    """What the complaint's events add up to."""
    return _replay(_history(complaint))


def last_event_id(complaint: Complaint) -> int:
    """The newest event's id: a page remembers it, so a step sent from an older view of the
    complaint can be shown what changed in between (the conflict page)."""
    return (Event.select(fn.MAX(Event.id)).where(Event.complaint == complaint).scalar()) or 0


def deadlines_for(complaint: Complaint, case: CaseState | None = None,
                  today: date | None = None) -> list:
    """The complaint's deadlines, moved by its suspensions (a running one counted up to
    `today`) and with the extended decision term once it was extended (Awb 9:11)."""
    case = case or case_state(complaint)
    suspended = case.suspended_days_on(today) if today else case.suspended_days
    given = Term(case.extension_weeks, "weeks") if case.extension_weeks else None
    return for_complaint(complaint, suspended_days=suspended, extended=case.extended,
                         extension=given)


def open_deadlines(deadlines: list, case: CaseState) -> list:
    """The `deadlines` still open for `case`. A decided or finished complaint has none; the
    acknowledgement ends once acknowledged, first contact once it was made, the decline notice
    once the complaint is in handling, and the decision term once it was extended (the
    extended decision replaces it)."""
    if case.state not in states.OPEN:
        return []
    done = set()
    if case.state != "received":
        done.add("acknowledgement")
    if case.first_contact_made:
        done.add("first_contact")
    if case.state == "in_handling":
        done.add("decline_notice")
    if case.extended:
        done.add("decision")
    return [deadline for deadline in deadlines if deadline.name not in done]


def next_open_deadline(deadlines: list, case: CaseState):
    """The earliest of `deadlines` that is still open for `case`, or None."""
    # min keeps the first of equal dates, so the order of the engine decides a tie.
    return min(open_deadlines(deadlines, case), key=lambda d: d.due, default=None)


def refresh_next_deadline(complaint: Complaint, case: CaseState | None = None) -> None:
    """Store the complaint's nearest open deadline (next_deadline, next_deadline_name) and
    its handler, for the inbox. Call it inside the transaction that changed the events.
    A running suspension counts as the days completed so far: the stored date is moved on
    when the term resumes."""
    case = case or case_state(complaint)
    deadline = next_open_deadline(deadlines_for(complaint, case), case)
    values = {"next_deadline": deadline.due if deadline else None,
              "next_deadline_name": deadline.name if deadline else "",
              "handler_id": case.handler if isinstance(case.handler, int) else None}
    Complaint.update(**values).where(Complaint.id == complaint.id).execute()
    for name, value in values.items():
        setattr(complaint, name, value)


def _for_every_complaint(refresh) -> int:
    """Call `refresh(complaint)` for every complaint, in one transaction, for a migration that
    adds projections. Reads only the columns the projections need, so later columns on the
    model do not matter. A history the state machine refuses is left for a person. Returns
    the number done."""
    done = 0
    columns = (Complaint.id, Complaint.received_on, Complaint.channel, Complaint.state,
               Complaint.procedure_json)
    with database.atomic():
        for complaint in Complaint.select(*columns).order_by(Complaint.id).iterator():
            try:
                refresh(complaint)
            except TransitionError:
                continue
            done += 1
    return done


def refresh_all_projections() -> int:
    """Fill in the inbox's projections for every complaint (migration 0006)."""
    return _for_every_complaint(refresh_next_deadline)


def _local_date(at: datetime) -> date:
    """An event's moment (naive UTC) as the date in the Netherlands."""
    return at.replace(tzinfo=timezone.utc).astimezone(AMSTERDAM).date()


def register_row(complaint: Complaint, case: CaseState,
                 events: list[tuple[str, datetime, dict]]) -> dict:
    """The register's columns (migration 0013) for a complaint whose events (kind, moment,
    payload; in order) add up to `case`: when it was handled, the outcome, whether the formal
    procedure was followed, the decision term that applied and how late the decision came,
    and the line for publication."""
    values = {"handled_on": None, "outcome": case.outcome or "",
              "formal": case.procedure == "formal", "decision_due": None, "days_late": None,
              "summary": ""}
    decided = next(((at, payload) for kind, at, payload in reversed(events)
                    if kind == "decided"), None)
    if decided is not None:
        at, payload = decided
        values["handled_on"] = _local_date(at)
        values["summary"] = str(payload.get("summary") or "").strip()
        due = [d.due for d in deadlines_for(complaint, case)
               if d.name == ("extended_decision" if case.extended else "decision")]
        if due:
            values["decision_due"] = due[0]
            values["days_late"] = max((values["handled_on"] - due[0]).days, 0)
    elif case.state in states.FINAL:
        ended = next((at for kind, at, _payload in reversed(events) if kind in ENDINGS), None)
        values["handled_on"] = _local_date(ended) if ended else None
    return values


def refresh_register(complaint: Complaint) -> None:
    """Store the register's columns for `complaint`, inside the transaction that changed its
    events (the yearly report and the open-data export read them)."""
    events = [(e.kind, e.at, e.payload) for e in
              Event.select(Event.kind, Event.at, Event.payload_json)
              .where(Event.complaint == complaint).order_by(Event.at, Event.id)]
    case = _replay(_history(complaint))
    values = register_row(complaint, case, events)
    Complaint.update(**values).where(Complaint.id == complaint.id).execute()
    for name, value in values.items():
        setattr(complaint, name, value)


def refresh_all_register_rows() -> int:
    """Fill in the register's columns for every complaint (migration 0013)."""
    return _for_every_complaint(refresh_register)


def is_complained_about(staff: Staff, complaint: Complaint) -> bool:
    """The complaint names this staff member as the person it is about (Awb 9:7)."""
    named = " ".join((complaint.employee_name or "").split()).casefold()
    return bool(named) and named == " ".join(staff.name.split()).casefold()


def may_see(staff: Staff, complaint: Complaint, case: CaseState | None = None) -> bool:
    """Coordinator and reader see every complaint; a handler the ones assigned to them."""
    if roles.sees_every_complaint(staff.role):
        return True
    if staff.role != roles.HANDLER:
        return False
    case = case or case_state(complaint)
    return case.handler == staff.id


def may_take(staff: Staff, step_roles: tuple[str, ...], case: CaseState) -> bool:
    """Whether `staff` may take a step allowed to `step_roles` on this case: the coordinator
    when the step is the coordinator's; the handler's steps to whoever is assigned (also a
    manager handling a complaint about the coordinator)."""
    if staff.role == roles.COORDINATOR and roles.COORDINATOR in step_roles:
        return True
    return (roles.HANDLER in step_roles and staff.role in ASSIGNABLE_ROLES
            and case.handler == staff.id)


def is_about_a_coordinator(complaint: Complaint) -> bool:
    """The complaint names an active complaints coordinator as the person it is about."""
    return any(is_complained_about(member, complaint) for member in
               Staff.select(Staff.id, Staff.name).where(Staff.active == True,  # noqa: E712
                                                        Staff.role == roles.COORDINATOR))


def assignable_staff() -> list[Staff]:
    return list(Staff.select().where(Staff.active == True,  # noqa: E712
                                     Staff.role.in_(ASSIGNABLE_ROLES)).order_by(Staff.name))


def _json_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _check_handler(complaint: Complaint, kind: str, payload: Mapping, state: str | None) -> None:
    handler = payload.get("handler")
    if handler is None or handler == "":
        return      # the state machine says what is missing
    chosen = Staff.get_or_none(Staff.id == handler) if isinstance(handler, int) else None
    if chosen is None or not chosen.active or chosen.role not in ASSIGNABLE_ROLES:
        raise _refuse("handler_unknown", kind, state)
    if is_complained_about(chosen, complaint):
        raise _refuse("handler_complained_about", kind, state)
    if chosen.role != roles.READER and is_about_a_coordinator(complaint):
        raise _refuse("about_coordinator_needs_manager", kind, state)


def _classify(complaint: Complaint, payload: Mapping) -> None:
    values = {name: str(payload.get(name) or "")[:200] for name in CLASSIFICATION
              if name in payload}
    if values:
        Complaint.update(**values).where(Complaint.id == complaint.id).execute()
        for name, value in values.items():
            setattr(complaint, name, value)


def record(complaint: Complaint, kind: str, payload: Mapping | None, staff: Staff,
           organisation: Organisation | None = None, at: datetime | None = None) -> Event:
    """Store one staff step, or raise TransitionError (nothing stored). In one transaction:
    the history is read (on PostgreSQL with the complaint's row locked, so two steps at once
    are checked one after the other), replayed, the step checked (outcome and decline ground
    against `organisation`'s lists; default: the Awb grounds and WIL's outcomes), the event
    stored and the complaint's state and projections updated. `at` (naive UTC) backdates
    the step, for data taken over from an earlier register; default: now."""
    payload = {key: _json_value(value) for key, value in (payload or {}).items()}
    lists = {}
    if organisation is not None:
        lists = {"outcomes": [o.key for o in organisation.outcomes],
                 "decline_grounds": [g.key for g in organisation.decline_grounds]}
    with database.atomic():
        if not is_sqlite():
            # SQLite takes the write lock at BEGIN (lock_type IMMEDIATE) already.
            Complaint.select(Complaint.id).where(Complaint.id == complaint.id).for_update().get()
        case = _replay(_history(complaint))
        if kind == "assigned":
            _check_handler(complaint, kind, payload, case.state)
        new = states.step(case, kind, payload, **lists)
        if kind == "classified":
            _classify(complaint, payload)
        event = Event.create(complaint=complaint, actor=staff_actor(staff), kind=kind,
                             **({"at": at} if at else {}), text=str(payload.get("text", "")),
                             public=kind not in INTERNAL_KINDS,
                             payload_json=json.dumps(payload, sort_keys=True))
        audit.log(staff, audit.STEP + kind, complaint, detail=f"event {event.id}")
        if new.state != complaint.state:
            Complaint.update(state=new.state).where(Complaint.id == complaint.id).execute()
            complaint.state = new.state
        letters.after_step(complaint, kind, payload, staff, new, organisation)
        refresh_next_deadline(complaint, new)
        if kind in REGISTER_KINDS:
            refresh_register(complaint)
    return event
