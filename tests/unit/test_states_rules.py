"""The payload rules of the state machine: what a step needs besides the right state."""
from datetime import date, datetime

import pytest

from klachtenloket.domain import states

D = date(2026, 3, 2)
HANDLING = [("received", {"channel": "letter"}), ("acknowledged", {"on": D}),
            ("assigned", {"handler": 1})]
EXTENSION = {"weeks": 4, "reason": "waiting for the medical advice",
             "on": date(2026, 4, 1), "decision_due": date(2026, 4, 14)}
DECISION = {"outcome": "upheld", "findings": "the letter was late"}


def handling(*more):
    return states.replay(HANDLING + list(more))


def refused(case, kind, payload=None, **options):
    with pytest.raises(states.TransitionError, match=kind) as error:
        states.step(case, kind, payload, **options)
    assert error.value.code in states.ERRORS
    return error.value.code


# -- extension (Awb 9:11) ----------------------------------------------------------------

def test_the_term_is_extended_once_by_at_most_four_weeks():
    case = states.step(handling(), "extended", EXTENSION)
    assert (case.extended, case.extension_weeks, case.state) == (True, 4, "in_handling")
    assert refused(case, "extended", EXTENSION) == "extension_twice"
    assert refused(case, "extended", {**EXTENSION, "weeks": 1}) == "extension_twice"


@pytest.mark.parametrize("weeks, code", [
    (5, "extension_too_long"), (0, "extension_weeks_invalid"), (-1, "extension_weeks_invalid"),
    (None, "extension_weeks_invalid"), ("4", "extension_weeks_invalid"),
    (2.5, "extension_weeks_invalid"), (True, "extension_weeks_invalid"),
])
def test_an_extension_is_one_to_four_whole_weeks(weeks, code):
    assert refused(handling(), "extended", {**EXTENSION, "weeks": weeks}) == code


@pytest.mark.parametrize("weeks", [1, 2, 3, 4])
def test_any_extension_up_to_four_weeks_is_fine(weeks):
    case = states.step(handling(), "extended", {**EXTENSION, "weeks": weeks})
    assert case.extension_weeks == weeks


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_an_extension_needs_a_reason(reason):
    assert refused(handling(), "extended", {**EXTENSION, "reason": reason}) \
        == "extension_needs_reason"


def test_an_extension_comes_before_the_term_ends():
    due = EXTENSION["decision_due"]
    assert states.step(handling(), "extended", {**EXTENSION, "on": due}).extended  # last day
    assert refused(handling(), "extended", {**EXTENSION, "on": date(2026, 4, 15)}) \
        == "extension_too_late"


@pytest.mark.parametrize("key", ["on", "decision_due"])
def test_an_extension_needs_its_dates(key):
    assert refused(handling(), "extended", {**EXTENSION, key: None}) == "date_missing"
    assert refused(handling(), "extended", {**EXTENSION, key: "soon"}) == "date_invalid"


def test_dates_may_be_iso_strings_or_datetimes():
    case = states.step(handling(), "extended", {**EXTENSION, "on": "2026-04-01",
                                                "decision_due": datetime(2026, 4, 14, 23, 0)})
    assert case.extended


def test_an_extension_needs_the_acknowledgement_first():
    case = states.replay([("received", {})])
    assert refused(case, "extended", EXTENSION) == "not_acknowledged"


# -- suspension -------------------------------------------------------------------------

@pytest.mark.parametrize("consent", [None, False, "yes", 1])
def test_suspension_needs_the_complainants_consent(consent):
    payload = {"on": D} if consent is None else {"on": D, "consent": consent}
    assert refused(handling(), "suspended", payload) == "suspension_needs_consent"


def test_suspension_needs_its_date():
    assert refused(handling(), "suspended", {"consent": True}) == "date_missing"


def test_resume_only_when_suspended():
    assert refused(handling(), "resumed", {"on": D}) == "not_suspended"
    case = handling(("suspended", {"consent": True, "on": D}),
                    ("resumed", {"on": date(2026, 3, 5)}))
    assert refused(case, "resumed", {"on": date(2026, 3, 6)}) == "not_suspended"


def test_suspension_twice_is_refused_and_resume_not_before_suspension():
    case = handling(("suspended", {"consent": True, "on": D}))
    assert refused(case, "suspended", {"consent": True, "on": D}) == "already_suspended"
    assert refused(case, "resumed", {"on": date(2026, 3, 1)}) == "resume_before_suspend"
    assert refused(case, "resumed", {}) == "date_missing"


def test_suspended_days_accumulate():
    case = handling(("suspended", {"consent": True, "on": date(2026, 3, 2)}),
                    ("resumed", {"on": date(2026, 3, 9)}))
    assert (case.suspended, case.suspended_days) == (False, 7)
    case = states.replay(HANDLING + [("suspended", {"consent": True, "on": date(2026, 3, 2)}),
                                     ("resumed", {"on": date(2026, 3, 9)}),
                                     ("suspended", {"consent": True, "on": "2026-03-20"})])
    assert case.suspended and case.suspended_since == date(2026, 3, 20)
    assert case.suspended_days == 7
    assert case.suspended_days_on(date(2026, 3, 23)) == 10
    case = states.step(case, "resumed", {"on": date(2026, 3, 24)})
    assert case.suspended_days == 11 == case.suspended_days_on(date(2026, 5, 1))


def test_suspension_and_resumption_on_the_same_day_count_nothing():
    case = handling(("suspended", {"consent": True, "on": D}), ("resumed", {"on": D}))
    assert case.suspended_days == 0


def test_suspension_from_acknowledged_starts_handling():
    case = states.replay(HANDLING[:2] + [("suspended", {"consent": True, "on": D})])
    assert (case.state, case.suspended) == ("in_handling", True)


# -- deciding and closing ---------------------------------------------------------------

def test_no_decision_while_suspended():
    case = handling(("suspended", {"consent": True, "on": D}))
    assert refused(case, "decided", DECISION) == "decided_while_suspended"
    case = states.step(case, "resumed", {"on": date(2026, 3, 4)})
    assert states.step(case, "decided", DECISION).state == "decided"


def test_a_decision_needs_a_known_outcome_and_findings():
    assert refused(handling(), "decided", {**DECISION, "outcome": "great"}) == "outcome_unknown"
    assert refused(handling(), "decided", {"findings": "x"}) == "outcome_unknown"
    assert refused(handling(), "decided", {**DECISION, "findings": " "}) \
        == "decision_needs_findings"
    assert states.step(handling(), "decided", DECISION).outcome == "upheld"


def test_the_organisations_own_outcomes_are_used_when_given():
    assert states.step(handling(), "decided", {**DECISION, "outcome": "settled"},
                       outcomes=["settled"]).outcome == "settled"
    assert refused(handling(), "decided", DECISION, outcomes=["settled"]) == "outcome_unknown"


def test_a_decision_can_come_straight_after_the_acknowledgement():
    case = states.replay(HANDLING[:2] + [("decided", DECISION)])
    assert case.state == "decided"


def test_closing_comes_after_the_decision():
    assert refused(handling(), "closed", {}) == "close_before_decision"
    assert refused(states.replay(HANDLING[:2]), "closed", {}) == "close_before_decision"
    assert states.step(handling(("decided", DECISION)), "closed", {}).state == "closed"


@pytest.mark.parametrize("channel", ["phone", "desk", None])
def test_an_oral_complaint_solved_directly_is_closed_at_once(channel):
    events = [("received", {"channel": channel} if channel else {})]
    assert states.replay(events + [("closed", {"solved_directly": True})]).state == "closed"
    events.append(("acknowledged", {}))
    assert states.replay(events + [("closed", {"solved_directly": True})]).state == "closed"


@pytest.mark.parametrize("channel", ["web", "letter", "email"])
def test_a_written_complaint_is_not_solved_directly(channel):
    case = states.replay([("received", {"channel": channel})])
    assert refused(case, "closed", {"solved_directly": True}) == "solved_directly_not_oral"


def test_solved_directly_is_not_a_way_around_handling():
    assert refused(handling(), "closed", {"solved_directly": True}) == "close_before_decision"


# -- final exits -------------------------------------------------------------------------

@pytest.mark.parametrize("ground", [None, "", "boring", "Court"])
def test_declining_needs_a_known_ground(ground):
    case = states.replay([("received", {})])
    assert refused(case, "declined", {"ground": ground, "reason": "x"}) == "decline_unknown_ground"


def test_declining_needs_a_reason():
    case = states.replay([("received", {})])
    assert refused(case, "declined", {"ground": "court"}) == "decline_needs_reason"


@pytest.mark.parametrize("ground", states.DECLINE_GROUNDS)
def test_every_awb_ground_declines(ground):
    case = states.replay([("received", {}), ("declined", {"ground": ground, "reason": "x"})])
    assert (case.state, case.decline_ground) == ("declined", ground)


def test_the_organisations_own_grounds_are_used_when_given():
    case = states.replay([("received", {})])
    payload = {"ground": "not_our_client", "reason": "x"}
    assert states.step(case, "declined", payload, decline_grounds=["not_our_client"]).state \
        == "declined"
    assert refused(case, "declined", {"ground": "court", "reason": "x"},
                   decline_grounds=["not_our_client"]) == "decline_unknown_ground"


def test_forwarding_needs_a_recipient():
    case = states.replay([("received", {})])
    assert refused(case, "forwarded", {"recipient": "  "}) == "forward_needs_recipient"
    assert states.step(case, "forwarded", {"recipient": "UWV"}).forwarded_to == "UWV"


@pytest.mark.parametrize("history", [HANDLING[:1], HANDLING[:2], HANDLING,
                                     HANDLING + [("suspended", {"consent": True, "on": D})]])
def test_withdrawn_from_any_open_state(history):
    assert states.replay(history + [("withdrawn", {})]).state == "withdrawn"


def test_no_withdrawal_after_the_decision():
    assert refused(handling(("decided", DECISION)), "withdrawn") == "already_decided"


@pytest.mark.parametrize("final", [("withdrawn", {}), ("forwarded", {"recipient": "UWV"}),
                                   ("declined", {"ground": "court", "reason": "x"})])
def test_after_a_final_state_only_a_link_a_note_or_a_classification(final):
    case = states.replay([("received", {}), final])
    for kind in states.KINDS:
        if kind in ("link_sent", "note_added", "classified"):
            assert states.step(case, kind, {}).state == case.state
        else:
            assert refused(case, kind, {}) in ("final_state", "already_received")


# -- handling steps -----------------------------------------------------------------------

def test_assignment_needs_a_handler_and_may_change_handler():
    case = states.replay(HANDLING[:2])
    assert refused(case, "assigned", {}) == "handler_missing"
    case = states.step(case, "assigned", {"handler": 3})
    assert (case.state, case.handler) == ("in_handling", 3)
    assert refused(case, "assigned", {"handler": 3}) == "same_handler"
    assert states.step(case, "assigned", {"handler": 4}).handler == 4


def test_handling_steps_need_the_acknowledgement():
    case = states.replay([("received", {})])
    for kind in ("assigned", "procedure_chosen", "copy_sent", "hearing_planned", "hearing_held",
                 "hearing_waived", "suspended", "extended", "decided"):
        assert refused(case, kind, {}) == "not_acknowledged"


def test_first_contact_is_recorded_once_in_any_open_state():
    case = states.replay([("received", {}), ("first_contact_made", {})])
    assert (case.state, case.first_contact_made) == ("received", True)
    assert refused(case, "first_contact_made", {}) == "first_contact_twice"


def test_informal_may_become_formal_but_not_back():
    case = states.step(states.replay(HANDLING[:2]), "procedure_chosen", {"procedure": "informal"})
    assert (case.state, case.procedure) == ("in_handling", "informal")
    assert refused(case, "procedure_chosen", {"procedure": "informal"}) == "procedure_unchanged"
    case = states.step(case, "procedure_chosen", {"procedure": "formal"})
    assert case.procedure == "formal"
    assert refused(case, "procedure_chosen", {"procedure": "informal"}) \
        == "procedure_back_to_informal"
    assert refused(case, "procedure_chosen", {"procedure": "formal"}) == "procedure_unchanged"
    assert refused(case, "procedure_chosen", {"procedure": "mediation"}) == "procedure_unknown"


def test_the_hearing_is_planned_then_held_or_waived():
    case = handling(("hearing_planned", {}), ("hearing_planned", {}))  # moved to another day
    assert case.hearing == "planned"
    held = states.step(case, "hearing_held", {})
    assert held.hearing == "held"
    for kind in ("hearing_planned", "hearing_held", "hearing_waived"):
        assert refused(held, kind, {"ground": "no_response"}) == "hearing_already_held"
    waived = states.step(case, "hearing_waived", {"ground": "clearly_unfounded"})
    assert waived.hearing == "waived"
    assert refused(waived, "hearing_waived", {"ground": "no_response"}) == "hearing_already_waived"
    assert states.step(waived, "hearing_planned", {}).hearing == "planned"  # changed their mind


def test_skipping_the_hearing_needs_a_ground_from_9_10():
    assert refused(handling(), "hearing_waived", {}) == "hearing_waiver_ground"
    assert refused(handling(), "hearing_waived", {"ground": "busy"}) == "hearing_waiver_ground"


def test_information_and_links_and_notes_do_not_change_the_state():
    case = handling()
    for kind in ("information_added", "link_sent", "note_added", "classified"):
        assert states.step(case, kind, {"text": "x"}) == case


def test_information_cannot_be_added_after_the_decision():
    case = handling(("decided", DECISION))
    assert refused(case, "information_added", {}) == "already_decided"
    assert states.step(case, "note_added", {}).state == "decided"
    assert states.step(case, "link_sent", {}).state == "decided"


def test_unknown_steps_are_refused():
    assert refused(handling(), "teleported", {}) == "unknown_step"


# -- whole procedures ----------------------------------------------------------------------

def test_replay_of_a_full_formal_procedure():
    case = states.replay([
        ("received", {"channel": "phone"}),
        ("acknowledged", {"on": date(2026, 2, 23)}),
        ("first_contact_made", {"on": date(2026, 2, 23)}),
        ("assigned", {"handler": 12}),
        ("procedure_chosen", {"procedure": "informal"}),
        ("note_added", {"text": "called, no solution yet"}),
        ("procedure_chosen", {"procedure": "formal"}),
        ("copy_sent", {}),
        ("information_added", {}),
        ("suspended", {"consent": True, "on": date(2026, 3, 2)}),
        ("resumed", {"on": date(2026, 3, 9)}),
        ("hearing_planned", {"on": date(2026, 3, 16)}),
        ("hearing_held", {}),
        ("extended", {"weeks": 3, "reason": "second hearing of the employee",
                      "on": date(2026, 4, 1), "decision_due": date(2026, 4, 14)}),
        ("decided", {"outcome": "partly_upheld", "findings": "tone was wrong", "measures": []}),
        ("link_sent", {}),
        ("closed", {}),
        ("note_added", {"text": "archived"}),
    ])
    assert case == states.CaseState(
        state="closed", channel="phone", acknowledged_on=date(2026, 2, 23),
        first_contact_made=True, handler=12, procedure="formal", copy_sent=True, hearing="held",
        suspended=False, suspended_since=None, suspended_days=7, extended=True,
        extension_weeks=3, outcome="partly_upheld")
    assert not case.is_open


def test_replay_of_a_declined_complaint():
    case = states.replay([
        ("received", {"channel": "web"}),
        ("acknowledged", {"on": "2026-02-20"}),
        ("note_added", {}),
        ("declined", {"ground": "older_than_a_year", "reason": "the conduct was in 2024"}),
        ("link_sent", {}),
    ])
    assert (case.state, case.decline_ground, case.acknowledged_on) \
        == ("declined", "older_than_a_year", date(2026, 2, 20))
    assert states.is_final(case.state)


def test_replay_accepts_bare_kinds_and_derive_accepts_pairs():
    assert states.replay(["received", "acknowledged", "link_sent"]).state == "acknowledged"
    assert states.derive([("received", {}), ("acknowledged", {}),
                          ("assigned", {"handler": 1})]) == "in_handling"
    with pytest.raises(states.TransitionError) as error:
        states.derive([("received", {}), ("acknowledged", {}), ("assigned", {})])
    assert error.value.code == "handler_missing"
