"""The complaint's state follows from its events; impossible steps are refused.

Every transition of the table: each step from each state it is allowed in (by the table
and by the full rules with a valid payload), and from every state it is refused in.
The payload rules are in test_states_rules.py.
"""
from datetime import date

import pytest

from klachtenloket.domain import states

D = date(2026, 3, 2)

# A valid payload for each kind, in a case prepared for it (see `prepared`).
PAYLOADS = {
    "received": {"channel": "phone"},
    "acknowledged": {"on": D},
    "first_contact_made": {"on": D},
    "assigned": {"handler": 42},
    "procedure_chosen": {"procedure": "formal"},
    "copy_sent": {},
    "hearing_planned": {"on": date(2026, 3, 20)},
    "hearing_held": {},
    "hearing_waived": {"ground": "complainant_declined"},
    "suspended": {"consent": True, "on": D},
    "resumed": {"on": date(2026, 3, 12)},
    "extended": {"weeks": 4, "reason": "waiting for the medical advice",
                 "on": date(2026, 4, 1), "decision_due": date(2026, 4, 14)},
    "information_added": {},
    "forwarded": {"recipient": "UWV"},
    "declined": {"ground": "older_than_a_year", "reason": "the conduct was in 2023"},
    "withdrawn": {},
    "decided": {"outcome": "upheld", "findings": "the letter was late"},
    "closed": {},
    "link_sent": {},
    "note_added": {},
    "classified": {"category": "Bejegening"},
}

# A history leading to each state.
_RECEIVED = [("received", {"channel": "phone"})]
_ACKNOWLEDGED = _RECEIVED + [("acknowledged", {"on": D})]
_IN_HANDLING = _ACKNOWLEDGED + [("assigned", {"handler": 1})]
_DECIDED = _IN_HANDLING + [("decided", {"outcome": "not_upheld", "findings": "all in order"})]
HISTORIES = {
    None: [],
    "received": _RECEIVED,
    "acknowledged": _ACKNOWLEDGED,
    "in_handling": _IN_HANDLING,
    "decided": _DECIDED,
    "closed": _DECIDED + [("closed", {})],
    "forwarded": _RECEIVED + [("forwarded", {"recipient": "Gemeente Haarlem"})],
    "declined": _RECEIVED + [("declined", {"ground": "court", "reason": "a court has it"})],
    "withdrawn": _RECEIVED + [("withdrawn", {})],
}
ALL_STATES = (None,) + states.STATES


def prepared(state, kind):
    """A case in `state` in which `kind` is possible by its payload rules too."""
    case = states.replay(HISTORIES[state])
    if kind == "resumed":
        case = states.step(case, "suspended", {"consent": True, "on": D})
    return case


def payload_for(state, kind):
    if kind == "closed" and state != "decided":
        return {"solved_directly": True}
    return PAYLOADS[kind]


ALLOWED = [(kind, state) for kind, (allowed, _) in states.TRANSITIONS.items() for state in allowed]
REFUSED = [(kind, state) for kind, (allowed, _) in states.TRANSITIONS.items()
           for state in ALL_STATES if state not in allowed]


def test_the_histories_reach_their_states():
    for state, history in HISTORIES.items():
        assert states.replay(history).state == state
        assert states.derive(kind for kind, _ in history) == state


def test_every_kind_has_a_payload_and_is_refused_somewhere():
    assert set(PAYLOADS) == set(states.TRANSITIONS)
    for kind in states.TRANSITIONS:
        assert any(k == kind for k, _ in REFUSED), kind


def test_the_state_groups_cover_every_state_once():
    assert len(set(states.STATES)) == len(states.STATES)
    assert set(states.OPEN) | set(states.DECIDED) | set(states.FINAL) == set(states.STATES)
    for allowed, target in states.TRANSITIONS.values():
        assert set(allowed) <= set(ALL_STATES)
        assert target is None or target in states.STATES


@pytest.mark.parametrize("kind, state", ALLOWED)
def test_every_allowed_step(kind, state):
    target = states.TRANSITIONS[kind][1] or state
    assert states.apply(state, kind) == target
    case = states.step(prepared(state, kind), kind, payload_for(state, kind))
    assert case.state == target


@pytest.mark.parametrize("kind, state", REFUSED)
def test_every_refused_step(kind, state):
    with pytest.raises(states.TransitionError, match=kind) as table:
        states.apply(state, kind)
    assert table.value.code in states.ERRORS
    assert table.value.code not in ("unknown_step", "not_possible")  # a specific reason
    assert (table.value.kind, table.value.state) == (kind, state)
    with pytest.raises(states.TransitionError) as rules:
        states.step(states.replay(HISTORIES[state]), kind, payload_for(state, kind))
    assert rules.value.code == table.value.code


def test_a_new_complaint_is_received_then_acknowledged():
    assert states.derive(["received", "acknowledged"]) == "acknowledged"


def test_information_can_be_added_while_open_without_changing_the_state():
    assert states.derive(["received", "information_added"]) == "received"
    assert states.derive(["received", "acknowledged", "information_added"]) == "acknowledged"
    assert states.derive(["received", "acknowledged", "copy_sent", "information_added"]) \
        == "in_handling"


@pytest.mark.parametrize("state", states.OPEN)
def test_an_open_complaint_can_be_withdrawn(state):
    assert states.replay(HISTORIES[state] + [("withdrawn", {})]).state == "withdrawn"


@pytest.mark.parametrize("history", [["received"], ["received", "acknowledged"]])
def test_an_open_complaint_can_be_withdrawn_by_kinds(history):
    assert states.derive(history + ["withdrawn"]) == "withdrawn"


@pytest.mark.parametrize("state", states.FINAL)
@pytest.mark.parametrize("kind", states.KINDS)
def test_nothing_follows_a_final_state_but_a_link_a_note_or_a_classification(state, kind):
    if kind in ("link_sent", "note_added", "classified"):
        assert states.apply(state, kind) == state
        return
    with pytest.raises(states.TransitionError) as refused:
        states.apply(state, kind)
    assert refused.value.code == ("already_received" if kind == "received" else "final_state")


@pytest.mark.parametrize("history, step, code", [
    ([], "acknowledged", "not_received"),
    (["received"], "received", "already_received"),
    (["received", "withdrawn"], "information_added", "final_state"),
    (["received", "withdrawn"], "withdrawn", "final_state"),
    (["received", "acknowledged"], "acknowledged", "already_acknowledged"),
    (["received"], "teleported", "unknown_step"),
    (["received"], "copy_sent", "not_acknowledged"),
])
def test_impossible_steps_are_refused_with_a_message(history, step, code):
    state = states.derive(history)
    with pytest.raises(states.TransitionError, match=step) as refused:
        states.apply(state, step)
    assert refused.value.code == code
    assert states.ERRORS[code] in str(refused.value)


def test_every_error_code_is_explained_in_one_line():
    for code, text in states.ERRORS.items():
        assert code.isidentifier() and text.strip() and "\n" not in text


def test_is_open_and_is_final():
    assert [s for s in states.STATES if states.is_open(s)] == list(states.OPEN)
    assert [s for s in states.STATES if states.is_final(s)] == list(states.FINAL)
    assert not states.is_open("decided") and not states.is_final("decided")
    assert not states.is_open(None)


def test_every_state_has_a_name_for_staff_and_a_line_for_the_resident():
    """A new state must never reach a page as a raw code."""
    from pathlib import Path

    from klachtenloket.web.labels import STATES as LABELS
    resident = (Path(__file__).resolve().parents[2] / "templates" / "track" / "_state.html").read_text()
    for state in states.STATES:
        assert state in LABELS, state
        assert f'complaint.state == "{state}"' in resident, state
