"""The register of complaints as staff see it (the inbox): who sees which, filtered, sorted by
the nearest deadline, a page at a time, and the coordinator's counters.

Sorting and the deadline filters read the projections casework keeps on the complaint
(next_deadline, handler_id; migration 0006), so they use indexes instead of replaying events;
migration 0012 adds the ones that keep the list fast at 100 000 complaints (bench/inbox.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from peewee import SQL, Expression, fn

from klachtenloket.db import is_sqlite
from klachtenloket.domain import roles, states
from klachtenloket.models import Complaint, Staff
from klachtenloket.services.paging import Paged, position

PAGE_SIZE = 50
STATES = states.STATES
OPEN = states.OPEN
ALL, ASSIGNED = "all", "assigned"
ALL_STATES = "all"              # the state filter's value for every state (default: open ones)
NO_HANDLER = "none"             # the handler filter's value for "not assigned"
OVERDUE, THIS_WEEK = "overdue", "week"
DUE_CHOICES = (OVERDUE, THIS_WEEK)
SOON_DAYS = 7                   # "due this week": today up to 7 days from today
FILTER_KEYS = ("q", "state", "handler", "unit", "channel", "due")


@dataclass
class ComplaintPage(Paged):
    complaints: list[Complaint]
    scope: str                     # ALL, or ASSIGNED: only the staff member's own complaints
    filters: dict = field(default_factory=dict)
    today: date | None = None
    handlers: dict = field(default_factory=dict)    # staff id: name, for the rows shown


def clean_filters(args, scope: str = ALL) -> dict:
    """The filters from a query string that mean something; unknown values are no filter.
    Values stay strings, so the dict goes back into URLs as it came."""
    filters = {}
    search = " ".join(str(args.get("q") or "").split())[:200]
    if search:
        filters["q"] = search
    state = args.get("state")
    if state in STATES or state == ALL_STATES:
        filters["state"] = state
    handler = str(args.get("handler") or "")
    if scope == ALL and (handler == NO_HANDLER or (handler.isdigit() and len(handler) < 10)):
        filters["handler"] = handler
    for key in ("unit", "channel"):
        value = str(args.get(key) or "").strip()[:200]
        if value:
            filters[key] = value
    if args.get("due") in DUE_CHOICES:
        filters["due"] = args.get("due")
    return filters


def _where(query, filters: dict, today: date):
    state = filters.get("state")
    if state == ALL_STATES:
        pass
    elif state:
        query = query.where(Complaint.state == state)
    else:
        query = query.where(Complaint.state.in_(OPEN))
    handler = filters.get("handler")
    if handler == NO_HANDLER:
        query = query.where(Complaint.handler_id.is_null())
    elif handler:
        query = query.where(Complaint.handler_id == int(handler))
    if filters.get("unit"):
        query = query.where(Complaint.unit == filters["unit"])
    if filters.get("channel"):
        query = query.where(Complaint.channel == filters["channel"])
    if filters.get("due") == OVERDUE:
        query = query.where(Complaint.next_deadline < today)
    elif filters.get("due") == THIS_WEEK:
        query = query.where(Complaint.next_deadline.between(today, today + timedelta(SOON_DAYS)))
    search = filters.get("q")
    if search:
        query = query.where(_search(search))
    return query


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search(search: str):
    """A reference by its start, a name by any part of it — each from an index (migration
    0012), so a search does not read every complaint. SQLite: the reference's own index (GLOB
    is case-sensitive, so it can use one; references are upper-case) and the trigram table of
    names (its LIKE ignores ASCII case). PostgreSQL: the trigram index on the reference and the
    lower-cased name; LIKE on lower-cased text, as ILIKE costs more."""
    if is_sqlite():
        glob = "".join(f"[{c}]" if c in "*?[" else c for c in search.upper())
        if any(c in search for c in "%_\\"):   # ESCAPE: correct, but the trigrams go unused
            names = SQL("(SELECT rowid FROM complaint_name_search WHERE name LIKE ? ESCAPE '\\')",
                        [f"%{_like_escaped(search)}%"])
        else:
            names = SQL("(SELECT rowid FROM complaint_name_search WHERE name LIKE ?)",
                        [f"%{search}%"])
        return Expression(Complaint.reference, "GLOB", glob + "*") | Complaint.id.in_(names)
    return ((Complaint.reference % f"{_like_escaped(search.upper())}%")
            | (fn.LOWER(Complaint.name) % f"%{_like_escaped(search.lower())}%"))


def complaints_for(staff: Staff, filters: dict | None = None, page: int = 1,
                   today: date | None = None) -> ComplaintPage:
    """The nearest deadline first (none last), then the oldest. Without a state filter only
    open complaints; a handler sees only the ones assigned to them. A page past the end shows
    the last."""
    today = today or date.today()
    if roles.sees_every_complaint(staff.role):
        scope = ALL
    elif staff.role == roles.HANDLER:
        scope = ASSIGNED
    else:
        return ComplaintPage(total=0, page=1, pages=1, complaints=[], scope=ASSIGNED,
                             today=today)
    filters = {k: v for k, v in (filters or {}).items() if k in FILTER_KEYS}
    if scope == ASSIGNED:
        filters.pop("handler", None)
    # The address, description and ticks only tell what a letter lacks (Awb 9:4).
    query = Complaint.select(Complaint.id, Complaint.reference, Complaint.received_on,
                             Complaint.channel, Complaint.state, Complaint.name,
                             Complaint.unit, Complaint.handler_id, Complaint.next_deadline,
                             Complaint.next_deadline_name,
                             Complaint.street, Complaint.postcode, Complaint.city,
                             Complaint.description, Complaint.letter_dated,
                             Complaint.letter_signed)
    query = _where(query, filters, today)
    if scope == ASSIGNED:
        query = query.where(Complaint.handler_id == staff.id)
    where, rows = position(query.order_by(Complaint.next_deadline.asc(nulls="LAST"),
                                          Complaint.received_on, Complaint.id), page, PAGE_SIZE)
    ids = {row.handler_id for row in rows if row.handler_id}
    handlers = {s.id: s.name for s in Staff.select(Staff.id, Staff.name)
                .where(Staff.id.in_(ids))} if ids else {}
    return ComplaintPage(**where, complaints=rows, scope=scope, filters=filters, today=today,
                         handlers=handlers)


@dataclass
class Counter:
    key: str
    count: int
    filters: dict


def counters(today: date) -> list[Counter]:
    """What the coordinator keeps an eye on, each with the filters that list it: to
    acknowledge, to assign (open, no handler), due this week, overdue."""
    wanted = (("acknowledge", {"state": "received"}), ("assign", {"handler": NO_HANDLER}),
              ("week", {"due": THIS_WEEK}), ("overdue", {"due": OVERDUE}))
    return [Counter(key, _where(Complaint.select(Complaint.id), filters, today).count(), filters)
            for key, filters in wanted]
