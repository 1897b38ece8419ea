"""Forms of the privacy pages (views/staff/privacy.py, views/staff/audit.py): the access
request's search and choice, and the staff-views log's filters."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, HiddenField, SelectField, SelectMultipleField
from wtforms.validators import Length, ValidationError

from forms.base import error_summary, text
from forms.period import Period


class PersonSearch(Form):
    """Whom the access request is about (a GET form: nothing changes)."""
    q = text(_l("Name, e-mail address, phone number or client number"),
             Length(max=254, message=_l("Use at most %(max)d characters")),
             description=_l("Part of a name is enough. An e-mail address, phone number or "
                            "client number must be complete."))


class AccessExport(FlaskForm):
    """The complaints that belong to the person, ticked by the coordinator."""
    q = HiddenField()
    complaints = SelectMultipleField(_l("Complaints of this person"), coerce=int,
                                     validate_choice=False)

    def validate_complaints(self, field):
        if not field.data:
            raise ValidationError(_l("Tick at least one complaint"))

    def error_summary(self) -> list[tuple[str, str]]:
        summary = error_summary(self, _l("This page was open for a long time. Try again."))
        return [(f"complaint-{self.first_choice}" if field_id == self.complaints.id else field_id,
                 message) for field_id, message in summary]

    first_choice = 0


class LogFilter(Period):
    """The staff-views log's selection (a GET form; the CSV export posts the same values)."""
    staff = SelectField(_l("Staff member"), default="")

    def __init__(self, *args, staff_members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.staff.choices = [("", _l("Everyone"))] + [
            (str(member.id), member.name) for member in staff_members]

    @property
    def selection(self) -> dict:
        """The chosen period and person, for the service (None: not chosen)."""
        staff = self.staff.data
        return {"start": self.start, "end": self.end,
                "staff_id": int(staff) if staff and staff.isdigit() else None}

    @property
    def query_args(self) -> dict:
        return {name: value for name, value in (("date_from", self.date_from.data),
                                                ("date_to", self.date_to.data),
                                                ("staff", self.staff.data)) if value}


class LogExport(FlaskForm):
    """The CSV download: the log's selection in hidden fields, with the form's token."""
    date_from = HiddenField()
    date_to = HiddenField()
    staff = HiddenField()
