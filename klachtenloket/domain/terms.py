"""The deadline engine: an organisation's terms and the dates they give for one complaint.

Every term counts from the date of receipt and, unless the procedure says otherwise, ends on the
next non-Atw day (Algemene termijnenwet) when it would end on a Saturday, Sunday or Atw day.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from .calendar import AtwCalendar, calendar_for

UNITS = ("weeks", "working_days", "days")
CHANNELS = ("web", "phone", "letter", "email", "desk")

# Units that count calendar days can be added up (weeks -> days); working days only with themselves.
_DAYS_PER_UNIT = {"weeks": 7, "days": 1}


@dataclass(frozen=True)
class Term:
    """A length of time such as "6 weeks", "5 working_days" or "2 days"."""

    amount: int
    unit: str

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise ValueError(f"term amount must be a whole number, got {self.amount!r}")
        if self.amount < 0:
            raise ValueError(f"term amount must be 0 or more, got {self.amount}")
        if self.unit not in UNITS:
            raise ValueError(f"term unit must be one of {', '.join(UNITS)}; got {self.unit!r}")

    @classmethod
    def parse(cls, text: str) -> Term:
        """Read "6 weeks", "5 working_days", "2 days" (also "1 week", "5 working days")."""
        amount, _, unit = str(text).strip().lower().partition(" ")
        unit = "_".join(unit.split())  # "working days" -> "working_days"
        if unit in ("week", "day", "working_day"):
            unit += "s"
        try:
            number = int(amount)
        except ValueError:
            raise ValueError(f"a term looks like '6 weeks', '5 working_days' or '2 days'; got {text!r}") from None
        return cls(number, unit)

    def __str__(self) -> str:
        return f"{self.amount} {self.unit}"

    def plus(self, other: Term) -> Term:
        """One term as long as both together, e.g. 6 weeks + 4 weeks = 10 weeks."""
        if self.unit == other.unit:
            return Term(self.amount + other.amount, self.unit)
        if self.unit in _DAYS_PER_UNIT and other.unit in _DAYS_PER_UNIT:
            days = self.amount * _DAYS_PER_UNIT[self.unit] + other.amount * _DAYS_PER_UNIT[other.unit]
            return Term(days, "days")
        raise ValueError(f"cannot add {other} to {self}: working days only add up with working days")


def _unshifted_end(received: date, term: Term, calendar: AtwCalendar) -> date:
    if term.unit == "working_days":
        return calendar.add_working_days(received, term.amount)
    # Weeks and days run from the day after receipt: Tuesday + 6 weeks = Tuesday six weeks later.
    return received + timedelta(days=term.amount * _DAYS_PER_UNIT[term.unit])


def term_end(received: date, term: Term, calendar: AtwCalendar, atw_shift: bool = True) -> date:
    """The last day of `term` counted from `received`, moved past Atw days when `atw_shift`."""
    end = _unshifted_end(received, term, calendar)
    return calendar.next_non_atw_day(end) if atw_shift else end


@dataclass(frozen=True)
class Deadline:
    """One dated deadline of a complaint.

    name: a plain identifier ("decision", ...); the UI translates it.
    term: the term counted from `basis` (always "receipt"), so a UI can show "6 weeks after receipt".
    extended_by_days: calendar days added because the term was suspended (opgeschort).
    """

    name: str
    due: date
    term: Term
    extended_by_days: int = 0
    basis: str = "receipt"


def _term_or_none(value: Any) -> Term | None:
    if value is None or isinstance(value, Term):
        return value
    return Term.parse(value)


def _closed_days(values: Any) -> tuple[date, ...]:
    """Dates (or ISO strings "2026-12-31") as a sorted tuple without doubles."""
    if values is None:
        return ()
    if isinstance(values, (str, bytes, date)) or not isinstance(values, Iterable):
        raise ValueError(f"closed_days is a list of dates like 2026-12-31, got {values!r}")
    days = set()
    for value in values:
        if isinstance(value, datetime):
            raise ValueError(f"a closed day is a date without a time, got {value!r}")
        if isinstance(value, date):
            days.add(value)
            continue
        try:
            days.add(date.fromisoformat(value))
        except (TypeError, ValueError):
            raise ValueError(f"a closed day is a date like 2026-12-31, got {value!r}") from None
    return tuple(sorted(days))


@dataclass(frozen=True)
class Procedure:
    """An organisation's terms; None (or a channel missing from first_contact) means no such term.

    callback: the term for returning a call-back request; it counts from the request, not from
    receipt, so it is not in `deadlines()`: use term_end(request_date, procedure.callback,
    procedure_calendar(procedure)).
    extension: the longest extension of the decision term (Awb 9:11: 4 weeks), added to it.
    closed_days: days the organisation is closed beyond the Atw days (e.g. a bridge day). They are
    skipped when counting working days but never move the end of a term (the Atw shift is about
    the law's days only). They belong to the procedure so that a complaint's stored snapshot keeps
    the closed days it was received under.
    """

    acknowledgement: Term | None = None
    first_contact: Mapping[str, Term] = field(default_factory=dict)
    callback: Term | None = None
    decline_notice: Term | None = None
    decision: Term | None = None
    extension: Term | None = None
    atw_shift: bool = True
    closed_days: tuple[date, ...] = ()

    def __post_init__(self) -> None:
        unknown = set(self.first_contact) - set(CHANNELS)
        if unknown:
            raise ValueError(f"unknown channel(s) {sorted(unknown)}; channels are {', '.join(CHANNELS)}")
        for term in (self.acknowledgement, *self.first_contact.values(), self.callback,
                     self.decline_notice, self.decision, self.extension):
            if term is not None and not isinstance(term, Term):
                raise ValueError(f"expected a Term or None, got {term!r}; use Procedure.from_dict for text")
        # Own copy, so changing the caller's dict later cannot change a frozen procedure.
        object.__setattr__(self, "first_contact", dict(self.first_contact))
        object.__setattr__(self, "closed_days", _closed_days(self.closed_days))
        if self.extension is not None:
            if self.decision is None:
                raise ValueError("an extension needs a decision term to extend")
            self.decision.plus(self.extension)  # fails early when the units cannot be added

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Procedure:
        """Build from plain data, terms as strings ("6 weeks") or None; missing keys mean None."""
        known = {"acknowledgement", "first_contact", "callback", "decline_notice", "decision",
                 "extension", "atw_shift", "closed_days"}
        unknown = set(d) - known
        if unknown:
            raise ValueError(f"unknown procedure key(s): {sorted(unknown)}")
        return cls(
            acknowledgement=_term_or_none(d.get("acknowledgement")),
            first_contact={ch: _term_or_none(t)
                           for ch, t in (d.get("first_contact") or {}).items() if t is not None},
            callback=_term_or_none(d.get("callback")),
            decline_notice=_term_or_none(d.get("decline_notice")),
            decision=_term_or_none(d.get("decision")),
            extension=_term_or_none(d.get("extension")),
            atw_shift=bool(d.get("atw_shift", True)),
            closed_days=_closed_days(d.get("closed_days")),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON/TOML; absent terms are None (a TOML writer drops those keys).

        closed_days appear (as ISO strings) only when there are any, so the snapshot of a
        procedure without them is the same as before they existed.
        """
        def s(term: Term | None) -> str | None:
            return None if term is None else str(term)
        data: dict[str, Any] = {
            "acknowledgement": s(self.acknowledgement),
            "first_contact": {ch: str(t) for ch, t in self.first_contact.items()},
            "callback": s(self.callback),
            "decline_notice": s(self.decline_notice),
            "decision": s(self.decision),
            "extension": s(self.extension),
            "atw_shift": self.atw_shift,
        }
        if self.closed_days:
            data["closed_days"] = [d.isoformat() for d in self.closed_days]
        return data


def procedure_calendar(procedure: Procedure, base: AtwCalendar | None = None) -> AtwCalendar:
    """The calendar to count `procedure`'s terms with: `base` (default: the law's calendar, one
    cached instance) plus the procedure's closed days."""
    if base is None:
        return calendar_for(procedure.closed_days)
    if set(procedure.closed_days) <= base.closed_days:
        return base
    return AtwCalendar(closed_days=base.closed_days | set(procedure.closed_days),
                       decree_days=base.decree_days)


# Awb chapter 9: no term for the acknowledgement (9:6) or for first contact; decline notice within
# 4 weeks (9:8), decision within 6 weeks (9:11), postponed once by at most 4 weeks.
AWB_DEFAULT = Procedure(
    decline_notice=Term(4, "weeks"),
    decision=Term(6, "weeks"),
    extension=Term(4, "weeks"),
)


def deadlines(received: date, procedure: Procedure, channel: str,
              calendar: AtwCalendar | None = None, suspended_days: int = 0,
              extended: bool = False, extension: Term | None = None) -> list[Deadline]:
    """The deadlines of a complaint received on `received` via `channel`, in a fixed order:
    acknowledgement, first_contact, decline_notice, decision, extended_decision (when `extended`).
    `extension` is the extension actually given (staff may choose fewer weeks than the
    procedure's longest); default: the procedure's.

    Working days are counted with `calendar` plus the procedure's closed days (no calendar: the
    law's calendar, see procedure_calendar).

    Suspended days are added to the decline notice and the decision terms before the Atw shift, so
    the shift applies to the date that really counts.
    """
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}; channels are {', '.join(CHANNELS)}")
    if suspended_days < 0:
        raise ValueError(f"suspended days must be 0 or more, got {suspended_days}")
    if extended and procedure.extension is None:
        raise ValueError("this procedure has no extension term")
    calendar = procedure_calendar(procedure, calendar)

    def make(name: str, term: Term, added_days: int = 0) -> Deadline:
        end = _unshifted_end(received, term, calendar) + timedelta(days=added_days)
        if procedure.atw_shift:
            end = calendar.next_non_atw_day(end)
        return Deadline(name, end, term, added_days)

    result = []
    if procedure.acknowledgement is not None:
        result.append(make("acknowledgement", procedure.acknowledgement))
    if channel in procedure.first_contact:
        result.append(make("first_contact", procedure.first_contact[channel]))
    if procedure.decline_notice is not None:
        result.append(make("decline_notice", procedure.decline_notice, suspended_days))
    if procedure.decision is not None:
        result.append(make("decision", procedure.decision, suspended_days))
    if extended:
        # Awb 9:11: count decision + extension from receipt, THEN shift; shifting the 6-week end
        # first and adding 4 weeks to it could give a later date than the law allows.
        total = procedure.decision.plus(extension or procedure.extension)
        result.append(make("extended_decision", total, suspended_days))
    return result


def is_overdue(deadline_date: date, today: date) -> bool:
    """A deadline is met on its own date; overdue starts the day after."""
    return today > deadline_date
