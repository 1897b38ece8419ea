"""What every public form shares: its own CSRF check, clean text and an error summary."""
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import ValidationError

from klachtenloket.web import limits

# Control characters other than tab and newlines: invisible, and PostgreSQL refuses NUL.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_text(value):
    """Trim surrounding space and normalise line ends; keep the rest exactly as typed."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    return value


def no_control_characters(form, field):
    if isinstance(field.data, str) and CONTROL.search(field.data):
        raise ValidationError(_l("This field contains invisible characters we cannot store. "
                                 "Please type the text again."))


def text(label, *validators, area=False, **kwargs):
    """A text field that trims what was typed and refuses invisible control characters."""
    field_class = TextAreaField if area else StringField
    return field_class(label, validators=[*validators, no_control_characters],
                       filters=[strip_text], **kwargs)


def error_summary(form, csrf_message) -> list[tuple[str, str]]:
    """(field id, message) for the error summary at the top, in page order; a CSRF error
    has no field to link to."""
    summary = []
    for field in form:
        if field.errors:
            if field.name == "csrf_token":
                summary.append(("", str(csrf_message)))
            else:
                summary.append((field.id, str(field.errors[0])))
    return summary


class PublicForm(FlaskForm):
    """A resident's form. The app exempts the public blueprints from global CSRF, so a
    stale token shows here as a form error and the page keeps what was typed."""

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if limits.refused():    # sent too often from this address: shown again, not stored
            if limits.MESSAGE not in self.form_errors:
                self.form_errors.append(limits.MESSAGE)
            return False
        return valid

    def error_summary(self) -> list[tuple[str, str]]:
        return [("", str(message)) for message in self.form_errors] + error_summary(
            self, _l("This page was open for a long time. Check your answers "
                     "and send them again."))
