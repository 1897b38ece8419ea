"""A stored complaint's deadlines, from the procedure it was received under."""
from datetime import date

from klachtenloket.domain.calendar import AtwCalendar
from klachtenloket.domain.terms import Deadline, Procedure, deadlines
from klachtenloket.models import Complaint


# Holidays are computed once per year and process (the organisation's closed days come with
# the configuration work; until then the law's calendar alone).
DEFAULT_CALENDAR = AtwCalendar()


def for_complaint(complaint: Complaint, calendar: AtwCalendar | None = None) -> list[Deadline]:
    procedure = Procedure.from_dict(complaint.procedure)
    return deadlines(complaint.received_on, procedure, complaint.channel,
                     calendar or DEFAULT_CALENDAR)


def one_year_before(received: date) -> date:
    """Awb 9:8(1)(b): conduct more than a year before filing may be declined."""
    try:
        return received.replace(year=received.year - 1)
    except ValueError:  # 29 February
        return received.replace(year=received.year - 1, day=28)
