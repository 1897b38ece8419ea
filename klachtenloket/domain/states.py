"""The life of a complaint as a state machine: the state is derived from its events.

Domain section 4. Each event kind names the states it may happen in and the state it
leads to (None: the state stays). An impossible step raises TransitionError with a
message a person can act on.
"""
from __future__ import annotations

OPEN = ("received", "acknowledged")
FINAL = ("withdrawn",)
ANY_OPEN = OPEN

# kind: (allowed from, leads to)
TRANSITIONS: dict[str, tuple[tuple[str | None, ...], str | None]] = {
    "received": ((None,), "received"),
    "acknowledged": (("received",), "acknowledged"),
    "information_added": (ANY_OPEN, None),
    "link_sent": (OPEN + FINAL, None),
    "withdrawn": (ANY_OPEN, "withdrawn"),
}


class TransitionError(ValueError):
    pass


def apply(state: str | None, kind: str) -> str:
    try:
        allowed, target = TRANSITIONS[kind]
    except KeyError:
        raise TransitionError(f"unknown step {kind!r}") from None
    if state not in allowed:
        raise TransitionError(f"step {kind!r} is not possible when the complaint is {state!r}")
    return target or state


def derive(kinds) -> str | None:
    state = None
    for kind in kinds:
        state = apply(state, kind)
    return state


def is_open(state: str) -> bool:
    return state in OPEN
