"""The complaint's state follows from its events; impossible steps are refused."""
import pytest

from klachtenloket.domain import states


def test_a_new_complaint_is_received_then_acknowledged():
    assert states.derive(["received", "acknowledged"]) == "acknowledged"


def test_information_can_be_added_while_open_without_changing_the_state():
    assert states.derive(["received", "information_added"]) == "received"
    assert states.derive(["received", "acknowledged", "information_added"]) == "acknowledged"


@pytest.mark.parametrize("history", [["received"], ["received", "acknowledged"]])
def test_an_open_complaint_can_be_withdrawn(history):
    assert states.derive(history + ["withdrawn"]) == "withdrawn"


@pytest.mark.parametrize("history, step", [
    ([], "acknowledged"),
    (["received"], "received"),
    (["received", "withdrawn"], "information_added"),
    (["received", "withdrawn"], "withdrawn"),
    (["received", "acknowledged"], "acknowledged"),
    (["received"], "teleported"),
])
def test_impossible_steps_are_refused_with_a_message(history, step):
    state = states.derive(history)
    with pytest.raises(states.TransitionError, match=step):
        states.apply(state, step)
