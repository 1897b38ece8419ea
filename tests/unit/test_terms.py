"""The deadline engine. Every expected date below was worked out by hand against a printed calendar."""
from datetime import date

import pytest

from klachtenloket.domain.calendar import AtwCalendar
from klachtenloket.domain.terms import (
    AWB_DEFAULT, Deadline, Procedure, Term, deadlines, is_overdue, term_end,
)

RECEIVED = date(2026, 2, 20)  # a Friday; README worked example


@pytest.fixture
def cal():
    return AtwCalendar()


def due(items, name):
    return next(d.due for d in items if d.name == name)


# --- Term ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, term", [
    ("6 weeks", Term(6, "weeks")),
    ("5 working_days", Term(5, "working_days")),
    ("2 days", Term(2, "days")),
    ("0 days", Term(0, "days")),
])
def test_term_parse_round_trip(text, term):
    assert Term.parse(text) == term
    assert str(term) == text
    assert Term.parse(str(term)) == term


def test_term_parse_is_lenient_about_singular_and_spaces():
    assert Term.parse("1 week") == Term(1, "weeks")
    assert Term.parse(" 5 working days ") == Term(5, "working_days")
    assert Term.parse("3 Days") == Term(3, "days")


@pytest.mark.parametrize("text, message", [
    ("6 fortnights", "unit must be one of"),
    ("-1 weeks", "0 or more"),
    ("six weeks", "looks like"),
    ("6", "unit must be one of"),
    ("", "looks like"),
    ("1.5 weeks", "looks like"),
])
def test_term_parse_errors(text, message):
    with pytest.raises(ValueError, match=message):
        Term.parse(text)


def test_term_constructor_validates():
    with pytest.raises(ValueError):
        Term(-2, "days")
    with pytest.raises(ValueError):
        Term(2, "months")
    with pytest.raises(ValueError):
        Term(True, "days")


def test_term_plus():
    assert Term(6, "weeks").plus(Term(4, "weeks")) == Term(10, "weeks")
    assert Term(6, "weeks").plus(Term(3, "days")) == Term(45, "days")
    with pytest.raises(ValueError):
        Term(6, "weeks").plus(Term(3, "working_days"))


# --- term_end -----------------------------------------------------------------------------------

def test_worked_example_good_friday_easter_monday(cal):
    # 20 Feb + 6 weeks = Good Friday 3 Apr -> weekend -> Easter Monday -> Tuesday 7 Apr.
    assert term_end(RECEIVED, Term(6, "weeks"), cal) == date(2026, 4, 7)
    assert term_end(RECEIVED, Term(6, "weeks"), cal, atw_shift=False) == date(2026, 4, 3)


def test_weeks_end_on_the_same_weekday(cal):
    assert term_end(date(2026, 3, 10), Term(6, "weeks"), cal) == date(2026, 4, 21)  # Tue -> Tue


def test_term_ending_on_saturday_runs_to_monday(cal):
    assert term_end(date(2026, 3, 7), Term(2, "weeks"), cal) == date(2026, 3, 23)
    assert term_end(date(2026, 3, 11), Term(3, "days"), cal) == date(2026, 3, 16)
    assert term_end(date(2026, 3, 11), Term(3, "days"), cal, atw_shift=False) == date(2026, 3, 14)


def test_working_days_term(cal):
    assert term_end(date(2026, 4, 2), Term(2, "working_days"), cal) == date(2026, 4, 8)
    assert term_end(date(2026, 12, 24), Term(1, "working_days"), cal) == date(2026, 12, 28)


def test_closed_day_does_not_shift_a_term():
    closed = date(2026, 3, 10)
    cal = AtwCalendar(closed_days=[closed])
    assert term_end(date(2026, 2, 24), Term(2, "weeks"), cal) == closed
    # ...but it is skipped when counting working days.
    assert term_end(date(2026, 3, 9), Term(1, "working_days"), cal) == date(2026, 3, 11)


# --- deadlines ----------------------------------------------------------------------------------

def test_awb_default_deadlines(cal):
    result = deadlines(RECEIVED, AWB_DEFAULT, "letter", cal)
    assert result == [
        Deadline("decline_notice", date(2026, 3, 20), Term(4, "weeks")),
        Deadline("decision", date(2026, 4, 7), Term(6, "weeks")),
    ]
    assert result[1].basis == "receipt"


def test_extension_counts_ten_weeks_from_receipt_then_shifts(cal):
    # 20 Feb + 10 weeks = Fri 1 May, a working day. Shifting the 6-week end (7 Apr) first and then
    # adding 4 weeks would give 5 May -> 6 May: too late.
    result = deadlines(RECEIVED, AWB_DEFAULT, "web", cal, extended=True)
    assert [d.name for d in result] == ["decline_notice", "decision", "extended_decision"]
    assert result[-1] == Deadline("extended_decision", date(2026, 5, 1), Term(10, "weeks"))


def test_extension_end_is_shifted(cal):
    # Thu 5 Mar + 10 weeks = Ascension 14 May -> decree Friday 15 May -> weekend -> Mon 18 May.
    result = deadlines(date(2026, 3, 5), AWB_DEFAULT, "web", cal, extended=True)
    assert due(result, "decision") == date(2026, 4, 16)
    assert due(result, "extended_decision") == date(2026, 5, 18)


def test_suspension_adds_days_before_the_shift(cal):
    # 3 Apr + 1 day = Sat 4 Apr -> Tue 7 Apr (adding after the shift would give 8 Apr).
    one = deadlines(RECEIVED, AWB_DEFAULT, "web", cal, suspended_days=1)
    assert due(one, "decision") == date(2026, 4, 7)
    # 3 Apr + 5 days = Wed 8 Apr (adding after the shift would give Sun 12 -> Mon 13 Apr).
    five = deadlines(RECEIVED, AWB_DEFAULT, "web", cal, suspended_days=5, extended=True)
    assert due(five, "decision") == date(2026, 4, 8)
    assert due(five, "decline_notice") == date(2026, 3, 25)     # Fri 20 Mar + 5
    assert due(five, "extended_decision") == date(2026, 5, 6)   # Fri 1 May + 5
    assert {d.extended_by_days for d in five} == {5}


def test_full_procedure_order_and_channels(cal):
    procedure = Procedure.from_dict({
        "acknowledgement": "0 days",
        "first_contact": {"phone": "5 working_days", "letter": "7 working_days"},
        "callback": "2 working_days",
        "decline_notice": "2 weeks",
        "decision": "4 weeks",
    })
    by_phone = deadlines(RECEIVED, procedure, "phone", cal, suspended_days=3)
    assert [(d.name, d.due) for d in by_phone] == [
        ("acknowledgement", date(2026, 2, 20)),  # 0 days: the day of receipt itself
        ("first_contact", date(2026, 2, 27)),    # Mon 23 .. Fri 27 Feb
        ("decline_notice", date(2026, 3, 9)),    # Fri 6 Mar + 3 suspended days
        ("decision", date(2026, 3, 23)),         # Fri 20 Mar + 3 suspended days
    ]
    # Suspension does not touch acknowledgement or first contact.
    assert [d.extended_by_days for d in by_phone] == [0, 0, 3, 3]
    by_letter = deadlines(RECEIVED, procedure, "letter", cal)
    assert due(by_letter, "first_contact") == date(2026, 3, 3)
    # No first-contact term for e-mail.
    assert "first_contact" not in [d.name for d in deadlines(RECEIVED, procedure, "email", cal)]


def test_acknowledgement_on_a_saturday_receipt_shifts_to_monday(cal):
    procedure = Procedure(acknowledgement=Term(0, "days"))
    assert deadlines(date(2026, 3, 7), procedure, "web", cal)[0].due == date(2026, 3, 9)


def test_procedure_without_atw_shift(cal):
    procedure = Procedure(decision=Term(6, "weeks"), atw_shift=False)
    assert deadlines(RECEIVED, procedure, "web", cal)[0].due == date(2026, 4, 3)


def test_deadlines_errors(cal):
    with pytest.raises(ValueError, match="channel"):
        deadlines(RECEIVED, AWB_DEFAULT, "fax", cal)
    with pytest.raises(ValueError, match="0 or more"):
        deadlines(RECEIVED, AWB_DEFAULT, "web", cal, suspended_days=-1)
    with pytest.raises(ValueError, match="no extension"):
        deadlines(RECEIVED, Procedure(decision=Term(6, "weeks")), "web", cal, extended=True)


# --- Procedure ----------------------------------------------------------------------------------

def test_procedure_dict_round_trip():
    data = {
        "acknowledgement": "2 weeks",
        "first_contact": {"web": "3 working_days", "letter": "7 working_days"},
        "callback": None,
        "decline_notice": "2 weeks",
        "decision": "4 weeks",
        "extension": None,
        "atw_shift": True,
    }
    procedure = Procedure.from_dict(data)
    assert procedure.first_contact["letter"] == Term(7, "working_days")
    assert procedure.to_dict() == data
    assert Procedure.from_dict(procedure.to_dict()) == procedure


def test_awb_default_to_dict():
    assert AWB_DEFAULT.to_dict() == {
        "acknowledgement": None, "first_contact": {}, "callback": None,
        "decline_notice": "4 weeks", "decision": "6 weeks", "extension": "4 weeks",
        "atw_shift": True,
    }
    assert Procedure.from_dict({"decline_notice": "4 weeks", "decision": "6 weeks",
                                "extension": "4 weeks"}) == AWB_DEFAULT


def test_procedure_validation():
    with pytest.raises(ValueError, match="unknown procedure key"):
        Procedure.from_dict({"decsion": "6 weeks"})
    with pytest.raises(ValueError, match="unknown channel"):
        Procedure.from_dict({"first_contact": {"fax": "1 days"}})
    with pytest.raises(ValueError, match="unit must be one of"):
        Procedure.from_dict({"decision": "6 moons"})
    with pytest.raises(ValueError, match="needs a decision"):
        Procedure(extension=Term(4, "weeks"))
    with pytest.raises(ValueError, match="working days"):
        Procedure(decision=Term(6, "weeks"), extension=Term(5, "working_days"))
    with pytest.raises(ValueError, match="Term or None"):
        Procedure(decision="6 weeks")


def test_procedure_keeps_its_own_copy_of_first_contact():
    channels = {"phone": Term(5, "working_days")}
    procedure = Procedure(first_contact=channels)
    channels["web"] = Term(1, "days")
    assert "web" not in procedure.first_contact


# --- overdue ------------------------------------------------------------------------------------

def test_is_overdue_starts_the_day_after():
    deadline = date(2026, 4, 7)
    assert not is_overdue(deadline, date(2026, 4, 6))
    assert not is_overdue(deadline, deadline)
    assert is_overdue(deadline, date(2026, 4, 8))
