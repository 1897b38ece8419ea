"""Forms of the back office. They stay under the app's global CSRF check."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, PasswordField, SelectField
from wtforms.validators import DataRequired, Length

from forms.base import error_summary, text
from klachtenloket.services.register import STATES
from klachtenloket.web import labels


class LoginForm(FlaskForm):
    email = text(_l("E-mail address"), DataRequired(_l("Enter your e-mail address")),
                 Length(max=254, message=_l("Use at most %(max)d characters")))
    # Never trimmed or filtered: a password is used exactly as typed.
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password"))])

    # Set by the view when the address and password do not match an active account: one
    # message for every reason, so the page does not tell which addresses exist.
    refused = None

    def error_summary(self) -> list[tuple[str, str]]:
        summary = error_summary(self, _l("This page was open for a long time. Log in again."))
        if self.refused:
            summary.insert(0, (self.email.id, str(self.refused)))
        return summary


class ComplaintFilter(Form):
    """The list's filters, read from the query string (a GET form: no token, nothing changes)."""
    state = SelectField(_l("State"), default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.state.choices = [("", _l("All states"))] + [
            (state, labels.STATES.get(state, state)) for state in STATES]
