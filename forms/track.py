"""Forms on the resident's tracking pages."""
from flask_babel import lazy_gettext as _l
from wtforms.validators import DataRequired, Length

from forms.base import PublicForm, text
from forms.validators import email_address


class AddInformationForm(PublicForm):
    text = text(_l("What do you want to add?"), DataRequired(_l("Type what you want to add")),
                Length(max=10_000, message=_l("Use at most %(max)d characters")), area=True)


class WithdrawForm(PublicForm):
    reason = text(_l("Why do you withdraw your complaint? (optional)"),
                  Length(max=2_000, message=_l("Use at most %(max)d characters")), area=True)


class ResendLinkForm(PublicForm):
    email = text(_l("Your e-mail address"), DataRequired(_l("Enter your e-mail address")),
                 email_address, Length(max=254, message=_l("Use at most %(max)d characters")))
