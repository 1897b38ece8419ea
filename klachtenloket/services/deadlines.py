"""A stored complaint's deadlines, from the procedure it was received under."""
from datetime import date

from klachtenloket.domain.calendar import AtwCalendar
from klachtenloket.domain.terms import Deadline, Procedure, deadlines, procedure_calendar
from klachtenloket.models import Complaint


def for_procedure(procedure: Procedure, received: date, channel: str,
                  calendar: AtwCalendar | None = None, extended: bool = False,
                  suspended_days: int = 0) -> list[Deadline]:
    """The deadlines `procedure` gives a complaint received on `received` via `channel`, counted
    with the law's calendar (one cached instance) plus the procedure's closed days."""
    return deadlines(received, procedure, channel, procedure_calendar(procedure, calendar),
                     suspended_days=suspended_days, extended=extended)


def for_complaint(complaint: Complaint, calendar: AtwCalendar | None = None,
                  suspended_days: int = 0, extended: bool = False) -> list[Deadline]:
    """From the procedure stored with the complaint, closed days included: a later configuration
    change never moves its deadlines. `suspended_days` and `extended` come from its events
    (klachtenloket.services.casework.deadlines_for)."""
    procedure = Procedure.from_dict(complaint.procedure)
    if extended and procedure.extension is None:
        extended = False    # a procedure without an extension term has no extended deadline
    return for_procedure(procedure, complaint.received_on, complaint.channel, calendar,
                         extended=extended, suspended_days=suspended_days)


def one_year_before(received: date) -> date:
    """Awb 9:8(1)(b): conduct more than a year before filing may be declined."""
    try:
        return received.replace(year=received.year - 1)
    except ValueError:  # 29 February
        return received.replace(year=received.year - 1, day=28)
