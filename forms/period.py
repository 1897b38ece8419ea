"""A period of days, from one date up to and including another: the open-data export's and the
staff-views log's (a GET form: nothing changes)."""
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import Form
from wtforms.validators import ValidationError

from forms.base import text
from forms.validators import parse_date

EXAMPLE_DATE = _l("For example: 20-11-2026")


def _day(form, field):
    if not field.data:
        if form.required:
            raise ValidationError(_l("Enter a date"))
        return
    if parse_date(field.data) is None:
        raise ValidationError(_l("Enter the date like 20-11-2026"))


class Period(Form):
    """Both dates may be left empty (no limit on that side); `required` asks for both."""
    required = False
    date_from = text(_l("From"), _day, description=EXAMPLE_DATE)
    date_to = text(_l("Up to and including"), _day, description=EXAMPLE_DATE)

    def validate_date_to(self, field):
        if self.start and self.end and self.end < self.start:
            raise ValidationError(_l("The end date cannot be before the start date"))

    def error_summary(self) -> list[tuple[str, str]]:
        return [(field.id, str(field.errors[0])) for field in self if field.errors]

    @property
    def start(self) -> date | None:
        return parse_date(self.date_from.data)

    @property
    def end(self) -> date | None:
        return parse_date(self.date_to.data)
