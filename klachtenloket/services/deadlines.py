"""A stored complaint's deadlines, from the procedure it was received under."""
from datetime import date

from klachtenloket.domain.calendar import AtwCalendar
from klachtenloket.domain.terms import (Deadline, Procedure, Term, deadlines, procedure_calendar,
                                        term_end)
from klachtenloket.models import Complaint


def for_procedure(procedure: Procedure, received: date, channel: str,
                  calendar: AtwCalendar | None = None, extended: bool = False,
                  suspended_days: int = 0, extension: Term | None = None) -> list[Deadline]:
    """The deadlines `procedure` gives a complaint received on `received` via `channel`, counted
    with the law's calendar (one cached instance) plus the procedure's closed days."""
    return deadlines(received, procedure, channel, procedure_calendar(procedure, calendar),
                     suspended_days=suspended_days, extended=extended, extension=extension)


def for_complaint(complaint: Complaint, calendar: AtwCalendar | None = None,
                  suspended_days: int = 0, extended: bool = False,
                  extension: Term | None = None) -> list[Deadline]:
    """From the procedure stored with the complaint, closed days included: a later configuration
    change never moves its deadlines. `suspended_days` and `extended` come from its events
    (klachtenloket.services.casework.deadlines_for)."""
    procedure = Procedure.from_dict(complaint.procedure)
    if extended and procedure.extension is None:
        extended = False    # a procedure without an extension term has no extended deadline
    return for_procedure(procedure, complaint.received_on, complaint.channel, calendar,
                         extended=extended, suspended_days=suspended_days, extension=extension)


def preview(procedure: Procedure, received: date, channel: str) -> list[Deadline]:
    """Every date `procedure` gives a complaint received on `received` via `channel`, as
    `flask deadlines` prints them: the extended decision when there is an extension, and for
    the phone the call-back term (named "callback") counted from a request made that day."""
    result = for_procedure(procedure, received, channel, extended=procedure.extension is not None)
    if channel == "phone" and procedure.callback is not None:
        due = term_end(received, procedure.callback, procedure_calendar(procedure),
                       procedure.atw_shift)
        result.append(Deadline("callback", due, procedure.callback))
    return result


def one_year_before(received: date) -> date:
    """Awb 9:8(1)(b): conduct more than a year before filing may be declined."""
    try:
        return received.replace(year=received.year - 1)
    except ValueError:  # 29 February
        return received.replace(year=received.year - 1, day=28)
