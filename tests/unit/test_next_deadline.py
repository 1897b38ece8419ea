"""Which deadline the inbox sorts by: the earliest one still open (casework.next_open_deadline)."""
from datetime import date

import pytest

from klachtenloket.domain import states
from klachtenloket.domain.terms import Procedure, deadlines
from klachtenloket.services.casework import next_open_deadline

RECEIVED = date(2026, 1, 5)     # a Monday
PROCEDURE = Procedure.from_dict({"acknowledgement": "5 working_days",
                                 "first_contact": {"phone": "2 working_days"},
                                 "decline_notice": "4 weeks", "decision": "6 weeks",
                                 "extension": "4 weeks"})


def chosen(*events, extended=False):
    case = states.replay([("received", {"channel": "phone"}), *events])
    found = next_open_deadline(deadlines(RECEIVED, PROCEDURE, "phone", extended=extended), case)
    return (found.name, found.due) if found else None


def test_a_new_complaint_waits_for_first_contact_first():
    assert chosen() == ("first_contact", date(2026, 1, 7))


def test_after_first_contact_the_acknowledgement_is_next():
    assert chosen(("first_contact_made", {})) == ("acknowledgement", date(2026, 1, 12))


def test_once_acknowledged_the_decline_notice_is_next():
    assert chosen(("first_contact_made", {}), ("acknowledged", {})) == \
        ("decline_notice", date(2026, 2, 2))


def test_in_handling_the_decision_is_next():
    assert chosen(("first_contact_made", {}), ("acknowledged", {}),
                  ("assigned", {"handler": 7})) == ("decision", date(2026, 2, 16))


def test_an_extended_term_replaces_the_decision():
    events = (("first_contact_made", {}), ("acknowledged", {}),
              ("extended", {"weeks": 4, "reason": "Hoorzitting", "on": "2026-02-01",
                           "decision_due": "2026-02-16"}))
    assert chosen(*events, extended=True) == ("extended_decision", date(2026, 3, 16))


def test_an_open_first_contact_still_counts_in_handling():
    assert chosen(("acknowledged", {}), ("assigned", {"handler": 7})) == \
        ("first_contact", date(2026, 1, 7))


@pytest.mark.parametrize("events", [
    (("acknowledged", {}), ("assigned", {"handler": 7}),
     ("decided", {"outcome": "upheld", "findings": "Klopt."})),
    (("withdrawn", {}),),
    (("forwarded", {"recipient": "Provincie"}),),
])
def test_a_decided_or_finished_complaint_has_no_next_deadline(events):
    assert chosen(*events) is None
