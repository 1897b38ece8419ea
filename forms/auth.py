"""The login's second step and the first login's pages: a code from the app or a backup code,
the code that confirms enrolment, and a password of one's own. They stay under the app's global
CSRF check; an expired token shows the page again (views/staff/auth.py stale_form)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from forms.base import error_summary, text
from klachtenloket.domain import passwords

STALE = _l("This page was open for a long time. Log in again.")


class _AuthForm(FlaskForm):
    # Set by the view when the code is not right (or the address is cooling off).
    refused = None

    def error_summary(self) -> list[tuple[str, str]]:
        summary = error_summary(self, STALE)
        if self.refused:
            first = next(iter(field for field in self if field.name != "csrf_token"))
            summary.insert(0, (first.id, str(self.refused)))
        return summary


class CodeForm(_AuthForm):
    code = text(_l("Code"), DataRequired(_l("Enter the code")),
                Length(max=20, message=_l("Use at most %(max)d characters")),
                description=_l("The 6 digits your authenticator app shows now, or one of your "
                               "backup codes."))


class EnrolForm(_AuthForm):
    code = text(_l("Code from the app"), DataRequired(_l("Enter the code from the app")),
                Length(max=20, message=_l("Use at most %(max)d characters")),
                description=_l("The 6 digits the app shows for this account."))


class ChoosePasswordForm(FlaskForm):
    # Never trimmed or filtered: a password is used exactly as typed.
    password = PasswordField(
        _l("New password"), validators=[DataRequired(_l("Enter a new password"))],
        description=_l("At least 12 characters. A few words in a row are easy to remember and "
                       "hard to guess, for example: paarse fiets onder de brug."))
    repeat = PasswordField(
        _l("New password again"),
        validators=[DataRequired(_l("Enter the new password again")),
                    EqualTo("password", _l("The two passwords are not the same"))])

    email = ""      # set by the view: the password may not be the address

    def validate_password(self, field):
        problem = passwords.problem(field.data or "", self.email)
        if problem == passwords.TOO_SHORT:
            raise ValidationError(_l("Use at least 12 characters"))
        if problem == passwords.SAME_AS_EMAIL:
            raise ValidationError(_l("Do not use your e-mail address as your password"))
        if problem:
            raise ValidationError(_l("Many people use this password, so it is easy to guess. "
                                     "Choose another one"))

    def error_summary(self) -> list[tuple[str, str]]:
        return error_summary(self, STALE)
