"""Call-back requests: the resident's "call me back" form, the one staff fill in for a caller,
and closing a request with a note."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length

from forms.base import PublicForm, error_summary, text
from forms.complaint import LONG, NAME, SHORT
from forms.validators import phone_number

BEST_TIME = Length(max=200, message=_l("Use at most %(max)d characters"))
SUBJECT = Length(max=300, message=_l("Use at most %(max)d characters"))


class CallbackForm(PublicForm):
    """The resident asks to be called back (public site)."""
    # Made once per empty form and sent back with it: the same form sent twice (a double click,
    # the back button) stores one request.
    key = HiddenField()
    name = text(_l("Your name"), DataRequired(_l("Enter your name")), NAME)
    phone = text(_l("Your phone number"), DataRequired(_l("Enter your phone number")),
                 phone_number, SHORT, description=_l("We call you on this number."))
    best_time = text(_l("When can we call you best? (optional)"), BEST_TIME,
                     description=_l("For example: Tuesday morning, or after 2 o'clock."))
    subject = text(_l("What is it about?"),
                   DataRequired(_l("Tell us in a few words what it is about")), SUBJECT,
                   description=_l("A few words are enough. For example: a complaint about "
                                  "how I was treated at the desk."))

    # No answers: the honeypot and the signed time the form was shown (web/spam_guard.py).
    website = StringField(_l("Leave this field empty"))
    started = HiddenField()

    def request_data(self) -> dict:
        return {name: getattr(self, name).data for name in ("name", "phone", "best_time",
                                                            "subject")}


class StaffCallbackForm(FlaskForm):
    """A caller asks to be called back; staff (customer service) write it down."""
    key = HiddenField()
    name = text(_l("Name of the caller"), DataRequired(_l("Enter the name of the caller")), NAME)
    phone = text(_l("Phone number"), DataRequired(_l("Enter the phone number")), phone_number,
                 SHORT)
    best_time = text(_l("Best time to call back (optional)"), BEST_TIME,
                     description=_l("For example: Tuesday morning, or after 2 o'clock."))
    subject = text(_l("What is it about?"), DataRequired(_l("Write in a few words what it is "
                                                            "about")), SUBJECT)

    def request_data(self) -> dict:
        return {name: getattr(self, name).data for name in ("name", "phone", "best_time",
                                                            "subject")}

    def error_summary(self) -> list[tuple[str, str]]:
        return error_summary(self, _l("This page was open for a long time. Check the details "
                                      "and send them again."))


class CloseCallbackForm(FlaskForm):
    note = text(_l("Note"), DataRequired(_l("Write why the request is closed")), LONG, area=True,
                description=_l("For example: called back, the question is answered and it is "
                               "not a complaint."))

    def error_summary(self) -> list[tuple[str, str]]:
        return error_summary(self, _l("This page was open for a long time. Check the details "
                                      "and send them again."))
