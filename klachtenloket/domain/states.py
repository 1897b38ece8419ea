"""The life of a complaint as a state machine: the state is derived from its events.

Domain section 4 (and the Awb chapter 9 article table in section 2). Plain Python, no
database: the services hand in the events, this module says what they add up to and refuses
a step that cannot happen, with a message a coordinator can act on and a stable `code` the
UI translates (see ERRORS).

Two levels:

- `apply(state, kind)` / `derive(kinds)`: the state table only (TRANSITIONS). Enough for the
  steps that carry no payload (received, acknowledged, information_added, link_sent,
  withdrawn, note_added) and for a quick "is this step possible at all in this state".
- `replay(events)` / `step(case, kind, payload)`: the full rules. `events` are
  (kind, payload-dict) pairs (a bare kind string means an empty payload); the result is a
  `CaseState` that also knows the procedure, the handler, the suspension and extension, the
  hearing, and the other flags the deadline engine and the complaint page need. A service
  checks a new step with `step(replay(history), kind, payload)` before storing it.

States:   received -> acknowledged -> in_handling -> decided -> closed
          open states (received, acknowledged, in_handling) may also end as
          forwarded (2:3), declined (9:8) or withdrawn; an oral complaint solved directly
          (9:5) is closed from received or acknowledged.
          "informal"/"formal" is the procedure (an attribute), not a state; so are
          suspension and extension.

Dates in payloads are `datetime.date` (a `datetime` is cut to its date) or ISO strings.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Iterable, Mapping

from klachtenloket.domain.organisation import AWB_DECLINE_GROUNDS, DEFAULT_OUTCOMES

# ---------------------------------------------------------------------------------------
# States
# ---------------------------------------------------------------------------------------

OPEN = ("received", "acknowledged", "in_handling")
DECIDED = ("decided",)          # the outcome is given; only closing (and link/note) follow
FINAL = ("closed", "forwarded", "declined", "withdrawn")
STATES = OPEN + DECIDED + FINAL  # every state, in the order of a complaint's life
ANY_OPEN = OPEN
ANY = STATES                     # every state a complaint can be in (None: not yet received)

# Steps that belong to handling: they need the written acknowledgement (Awb 9:6) first and
# move an acknowledged complaint into handling.
HANDLING = ("acknowledged", "in_handling")

# kind: (allowed from, leads to); leads to None: the state stays.
TRANSITIONS: dict[str, tuple[tuple[str | None, ...], str | None]] = {
    "received": ((None,), "received"),
    "acknowledged": (("received",), "acknowledged"),
    "first_contact_made": (OPEN, None),
    "assigned": (HANDLING, "in_handling"),
    "procedure_chosen": (HANDLING, "in_handling"),
    "copy_sent": (HANDLING, "in_handling"),
    "hearing_planned": (HANDLING, "in_handling"),
    "hearing_held": (HANDLING, "in_handling"),
    "hearing_waived": (HANDLING, "in_handling"),
    "suspended": (HANDLING, "in_handling"),
    "resumed": (("in_handling",), None),
    "extended": (HANDLING, "in_handling"),
    "information_added": (OPEN, None),
    "forwarded": (OPEN, "forwarded"),
    "declined": (OPEN, "declined"),
    "withdrawn": (OPEN, "withdrawn"),
    "decided": (HANDLING, "decided"),
    "closed": (("received", "acknowledged", "decided"), "closed"),
    "link_sent": (ANY, None),
    "note_added": (ANY, None),
    "classified": (ANY, None),      # category, unit, municipality: also after the end (report)
}
KINDS = tuple(TRANSITIONS)

# Channels on which a complaint is oral (Awb 9:5 "solved directly" applies to these).
ORAL_CHANNELS = ("phone", "desk")
PROCEDURES = ("informal", "formal")
OUTCOMES = tuple(o.key for o in DEFAULT_OUTCOMES)
DECLINE_GROUNDS = tuple(g.key for g in AWB_DECLINE_GROUNDS)
# Awb 9:10(2): the hearing may be skipped when the complaint is clearly unfounded, the
# complainant said they do not wish to be heard, or did not answer within the term given.
HEARING_WAIVER_GROUNDS = ("clearly_unfounded", "complainant_declined", "no_response")
MAX_EXTENSION_WEEKS = 4

# ---------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------

# code: what it means, in one line (the UI translates by code).
ERRORS: dict[str, str] = {
    "unknown_step": "This kind of step does not exist.",
    "not_received": "The complaint has not been received (registered) yet.",
    "already_received": "The complaint has already been received; it is received only once.",
    "already_acknowledged": "The complaint has already been acknowledged.",
    "not_acknowledged": "Acknowledge the complaint in writing first (Awb 9:6).",
    "already_decided": "The complaint has been decided; only closing it remains.",
    "final_state": "The complaint is finished (closed, forwarded, declined or withdrawn); "
                   "only sending a link, adding an internal note or classifying it is possible.",
    "not_suspended": "The term is not suspended, so it cannot be resumed.",
    "not_possible": "This step is not possible in the complaint's current state.",
    "first_contact_twice": "First contact has already been recorded.",
    "handler_missing": "Say who handles the complaint.",
    "same_handler": "The complaint is already assigned to this handler.",
    "procedure_unknown": "The procedure must be informal or formal.",
    "procedure_unchanged": "The complaint already follows this procedure.",
    "procedure_back_to_informal": "A formal procedure cannot go back to the informal one.",
    "hearing_already_held": "The hearing has already been held.",
    "hearing_already_waived": "The hearing has already been waived.",
    "hearing_waiver_ground": "Skipping the hearing needs a ground from Awb 9:10(2).",
    "suspension_needs_consent": "The term can only be suspended with the complainant's consent.",
    "already_suspended": "The term is already suspended.",
    "date_missing": "This step needs its date.",
    "date_invalid": "A date in this step is not a valid date.",
    "resume_before_suspend": "The term cannot resume before the day it was suspended.",
    "extension_twice": "The decision term can be extended only once (Awb 9:11).",
    "extension_too_long": "The decision term can be extended by at most 4 weeks (Awb 9:11).",
    "extension_weeks_invalid": "The extension must be a whole number of weeks, 1 to 4.",
    "extension_needs_reason": "An extension needs a reason; it is sent in writing.",
    "extension_too_late": "The decision term has already ended; it can only be extended "
                          "before it ends (Awb 9:11).",
    "forward_needs_recipient": "Say to which body or organisation the complaint is forwarded.",
    "decline_unknown_ground": "Declining needs one of the grounds of Awb 9:8 "
                              "(or the organisation's list).",
    "decline_needs_reason": "Declining needs a reason; the complainant is told in writing.",
    "decided_while_suspended": "The term is suspended; resume it before deciding.",
    "outcome_unknown": "The decision needs an outcome from the organisation's list.",
    "decision_needs_findings": "The decision needs its findings (Awb 9:12).",
    "close_before_decision": "Decide the complaint before closing it (or close it as solved "
                             "directly, for an oral complaint).",
    "solved_directly_not_oral": "Only an oral complaint (phone, desk) can be closed as solved "
                                "directly (Awb 9:5).",
}


class TransitionError(ValueError):
    """An impossible step. `code` is a key of ERRORS; `kind` and `state` say where."""

    def __init__(self, message: str, code: str = "not_possible", kind: str | None = None,
                 state: str | None = None):
        super().__init__(message)
        self.code = code
        self.kind = kind
        self.state = state


def _refuse(code: str, kind: str, state: str | None, detail: str = "") -> TransitionError:
    where = f"the complaint is {state}" if state else "the complaint is not received yet"
    text = ERRORS[code] + (f" {detail}" if detail else "")
    return TransitionError(f"{text} (step {kind!r}; {where})", code=code, kind=kind, state=state)


def _refusal_code(state: str | None, kind: str) -> str:
    """Why `kind` is not possible in `state` (a state the table does not allow)."""
    if kind == "received":
        return "already_received"
    if state is None:
        return "not_received"
    if state in FINAL:
        return "final_state"
    if kind == "acknowledged":
        return "already_acknowledged"
    if state == "received" and "acknowledged" in TRANSITIONS[kind][0]:
        return "not_acknowledged"
    if state in DECIDED:
        return "already_decided"
    if kind == "closed":
        return "close_before_decision"
    if kind == "resumed":
        return "not_suspended"
    return "not_possible"


# ---------------------------------------------------------------------------------------
# The state table
# ---------------------------------------------------------------------------------------

def apply(state: str | None, kind: str) -> str:
    """The state after `kind`, by the state table only (no payload rules; see `step`)."""
    try:
        allowed, target = TRANSITIONS[kind]
    except KeyError:
        raise _refuse("unknown_step", kind, state) from None
    if state not in allowed:
        raise _refuse(_refusal_code(state, kind), kind, state)
    return target or state


def derive(kinds: Iterable) -> str | None:
    """The state after these events. Bare kinds: the state table only; (kind, payload)
    pairs: the full rules, as `replay`."""
    kinds = list(kinds)
    if any(not isinstance(k, str) for k in kinds):
        return replay(kinds).state
    state = None
    for kind in kinds:
        state = apply(state, kind)
    return state


def is_open(state: str | None) -> bool:
    """Still being handled: the resident may add information or withdraw."""
    return state in OPEN


def is_final(state: str | None) -> bool:
    return state in FINAL


# ---------------------------------------------------------------------------------------
# The full rules
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CaseState:
    """What a complaint's events add up to."""
    state: str | None = None
    channel: str | None = None               # from the received event, when given
    acknowledged_on: date | None = None
    first_contact_made: bool = False
    handler: Any = None                      # the assigned handler's id
    procedure: str | None = None             # None | "informal" | "formal"
    copy_sent: bool = False                  # Awb 9:9
    hearing: str | None = None               # None | "planned" | "held" | "waived" (9:10)
    suspended: bool = False
    suspended_since: date | None = None
    suspended_days: int = 0                  # completed suspensions, in calendar days
    extended: bool = False                   # Awb 9:11, once
    extension_weeks: int = 0
    outcome: str | None = None
    decline_ground: str | None = None
    forwarded_to: str | None = None

    @property
    def is_open(self) -> bool:
        return is_open(self.state)

    def suspended_days_on(self, today: date) -> int:
        """Suspended days counted up to `today`, a running suspension included."""
        if not (self.suspended and self.suspended_since):
            return self.suspended_days
        return self.suspended_days + max((today - self.suspended_since).days, 0)


def _date(kind: str, state: str | None, payload: Mapping, key: str,
          required: bool = True) -> date | None:
    value = payload.get(key)
    if value is None or value == "":
        if required:
            raise _refuse("date_missing", kind, state, f"({key!r} is missing)")
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise _refuse("date_invalid", kind, state, f"({key}={value!r})") from None


def _text(payload: Mapping, key: str) -> str:
    value = payload.get(key)
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value))


def step(case: CaseState, kind: str, payload: Mapping | None = None, *,
         outcomes: Iterable[str] | None = None,
         decline_grounds: Iterable[str] | None = None) -> CaseState:
    """The case after one more event, or TransitionError. `outcomes` and `decline_grounds`
    are the organisation's keys (default: WIL's outcomes and the Awb 9:8 grounds)."""
    payload = payload or {}
    state = case.state
    new_state = apply(state, kind)  # the table first: unknown step, wrong state

    def refuse(code: str, detail: str = "") -> TransitionError:
        return _refuse(code, kind, state, detail)

    changes: dict[str, Any] = {"state": new_state}

    if kind == "received":
        channel = _text(payload, "channel")
        changes["channel"] = channel or None
    elif kind == "acknowledged":
        changes["acknowledged_on"] = _date(kind, state, payload, "on", required=False)
    elif kind == "first_contact_made":
        if case.first_contact_made:
            raise refuse("first_contact_twice")
        changes["first_contact_made"] = True
    elif kind == "assigned":
        handler = payload.get("handler")
        if handler is None or handler == "":
            raise refuse("handler_missing")
        if handler == case.handler:
            raise refuse("same_handler")
        changes["handler"] = handler
    elif kind == "procedure_chosen":
        procedure = payload.get("procedure")
        if procedure not in PROCEDURES:
            raise refuse("procedure_unknown", f"(got {procedure!r})")
        if procedure == case.procedure:
            raise refuse("procedure_unchanged")
        if case.procedure == "formal":
            raise refuse("procedure_back_to_informal")
        changes["procedure"] = procedure
    elif kind == "copy_sent":
        changes["copy_sent"] = True
    elif kind in ("hearing_planned", "hearing_held", "hearing_waived"):
        if case.hearing == "held":
            raise refuse("hearing_already_held")
        if kind == "hearing_waived":
            if case.hearing == "waived":
                raise refuse("hearing_already_waived")
            if payload.get("ground") not in HEARING_WAIVER_GROUNDS:
                raise refuse("hearing_waiver_ground",
                             f"(one of {', '.join(HEARING_WAIVER_GROUNDS)})")
        changes["hearing"] = {"hearing_planned": "planned", "hearing_held": "held",
                              "hearing_waived": "waived"}[kind]
    elif kind == "suspended":
        if case.suspended:
            raise refuse("already_suspended")
        if payload.get("consent") is not True:
            raise refuse("suspension_needs_consent")
        changes.update(suspended=True, suspended_since=_date(kind, state, payload, "on"))
    elif kind == "resumed":
        if not case.suspended:
            raise refuse("not_suspended")
        on = _date(kind, state, payload, "on")
        if on < case.suspended_since:
            raise refuse("resume_before_suspend", f"(suspended on {case.suspended_since})")
        changes.update(suspended=False, suspended_since=None,
                       suspended_days=case.suspended_days + (on - case.suspended_since).days)
    elif kind == "extended":
        if case.extended:
            raise refuse("extension_twice")
        weeks = payload.get("weeks")
        if isinstance(weeks, bool) or not isinstance(weeks, int) or weeks < 1:
            raise refuse("extension_weeks_invalid", f"(got {weeks!r})")
        if weeks > MAX_EXTENSION_WEEKS:
            raise refuse("extension_too_long", f"(asked {weeks} weeks)")
        if not _text(payload, "reason"):
            raise refuse("extension_needs_reason")
        on = _date(kind, state, payload, "on")
        due = _date(kind, state, payload, "decision_due")
        if on > due:
            raise refuse("extension_too_late", f"(the term ended on {due}; today is {on})")
        changes.update(extended=True, extension_weeks=weeks)
    elif kind == "forwarded":
        recipient = _text(payload, "recipient")
        if not recipient:
            raise refuse("forward_needs_recipient")
        changes["forwarded_to"] = recipient
    elif kind == "declined":
        grounds = tuple(decline_grounds) if decline_grounds is not None else DECLINE_GROUNDS
        if payload.get("ground") not in grounds:
            raise refuse("decline_unknown_ground", f"(got {payload.get('ground')!r})")
        if not _text(payload, "reason"):
            raise refuse("decline_needs_reason")
        changes["decline_ground"] = payload["ground"]
    elif kind == "decided":
        if case.suspended:
            raise refuse("decided_while_suspended")
        known = tuple(outcomes) if outcomes is not None else OUTCOMES
        if payload.get("outcome") not in known:
            raise refuse("outcome_unknown", f"(got {payload.get('outcome')!r})")
        if not _text(payload, "findings"):
            raise refuse("decision_needs_findings")
        changes["outcome"] = payload["outcome"]
    elif kind == "closed":
        if state != "decided":
            if payload.get("solved_directly") is not True:
                raise refuse("close_before_decision")
            if case.channel and case.channel not in ORAL_CHANNELS:
                raise refuse("solved_directly_not_oral", f"(it came by {case.channel})")
    # information_added, link_sent, note_added, withdrawn, classified: the table says it all.
    return replace(case, **changes)


def replay(events: Iterable, *, outcomes: Iterable[str] | None = None,
           decline_grounds: Iterable[str] | None = None) -> CaseState:
    """The case after these events: (kind, payload) pairs, or bare kinds (no payload)."""
    outcomes = tuple(outcomes) if outcomes is not None else None
    decline_grounds = tuple(decline_grounds) if decline_grounds is not None else None
    case = CaseState()
    for event in events:
        kind, payload = (event, None) if isinstance(event, str) else event
        case = step(case, kind, payload, outcomes=outcomes, decline_grounds=decline_grounds)
    return case
