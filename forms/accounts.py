"""Forms for staff accounts (views/staff/people.py): a new account, and another role. They
stay under the app's global CSRF check; an expired token shows the form again with what was
typed (views/staff/auth.py stale_form)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from forms.base import error_summary, text
from forms.complaint import NAME
from forms.validators import email_address
from klachtenloket.web import labels

ROLE_HINT = _l("Complaints coordinator: all complaints. Complaints handler: only the complaints "
               "they are given. Reader: reads complaints and reports. Administrator: staff "
               "accounts and settings, no complaints.")

# What klachtenloket.services.accounts.AccountError codes mean at the form: (field, message).
REFUSALS = {
    "duplicate": ("email", _l("There is already an account with this e-mail address")),
    "email": ("email", _l("Enter an e-mail address like name@example.nl")),
    "name": ("name", _l("Enter the name")),
    "role": ("role", _l("Choose a role")),
}


def _role_field(label):
    return RadioField(label, choices=[SelectChoice(code, name)
                                      for code, name in labels.ROLES.items()],
                      description=ROLE_HINT,
                      validators=[InputRequired(_l("Choose a role"))])


class AccountForm(FlaskForm):
    # Made once per empty form and sent back with it: the same form sent twice (a double
    # click, the back button) makes one account.
    key = HiddenField()
    name = text(_l("Name"), DataRequired(_l("Enter the name")), NAME,
                description=_l("As colleagues see it, for example: Corrie Jansen"))
    email = text(_l("E-mail address"), DataRequired(_l("Enter the e-mail address")),
                 email_address, Length(max=254, message=_l("Use at most %(max)d characters")),
                 description=_l("The person logs in with this address."))
    role = _role_field(_l("Role"))

    def refuse(self, code: str) -> None:
        """Show the service's refusal at its field."""
        field, message = REFUSALS.get(code, ("email", _l("The account could not be made")))
        getattr(self, field).errors = [message]

    def error_summary(self) -> list[tuple[str, str]]:
        return error_summary(self, _l("This page was open for a long time. Check the details "
                                      "and send them again."))


class RoleForm(FlaskForm):
    role = _role_field(_l("New role"))

    def error_summary(self) -> list[tuple[str, str]]:
        return error_summary(self, _l("This page was open for a long time. Choose the role "
                                      "and send it again."))
