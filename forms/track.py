"""Forms on the resident's tracking pages."""
from flask_babel import lazy_gettext as _l
from wtforms import MultipleFileField
from wtforms.validators import DataRequired, Length, ValidationError

from forms.base import PublicForm, text
from forms.complaint import files_hint
from forms.validators import email_address


class AddInformationForm(PublicForm):
    text = text(_l("What do you want to add?"),
                Length(max=10_000, message=_l("Use at most %(max)d characters")), area=True)
    attachment = MultipleFileField(_l("Add files (optional)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.attachment.description = files_hint()

    def has_files(self) -> bool:
        return any(f and f.filename for f in self.attachment.data or [])

    def validate_text(self, field):
        if not field.data and not self.has_files():
            raise ValidationError(_l("Type what you want to add, or add a file"))


class WithdrawForm(PublicForm):
    reason = text(_l("Why do you withdraw your complaint? (optional)"),
                  Length(max=2_000, message=_l("Use at most %(max)d characters")), area=True)


class ResendLinkForm(PublicForm):
    email = text(_l("Your e-mail address"), DataRequired(_l("Enter your e-mail address")),
                 email_address, Length(max=254, message=_l("Use at most %(max)d characters")))
