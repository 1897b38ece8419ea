"""The administrator's e-mail texts (issue 5): one form per e-mail and language, its text
checked with the placeholders that e-mail has (klachtenloket.web.email_texts.check); the
reasons are worded as for the letters (forms.letter_texts.refusal)."""
from flask_babel import lazy_gettext as _l
from wtforms.validators import DataRequired, Length, ValidationError

from forms.base import text
from forms.letter_texts import MAX_TEXT, refusal
from forms.settings import SettingsForm
from klachtenloket.web import email_texts

# What each placeholder means, for the people who edit a mail.
MEANINGS = {
    "name": _l("who the e-mail is for (the person who filed it for someone else, if so)"),
    "reference": _l("the number of the complaint, like KL-2026-00042"),
    "organisation": _l("the name of the organisation"),
    "letter": _l("the whole confirmation letter, as on the Letters page"),
    "link": _l("the private link to follow the complaint"),
}


def placeholders(kind: str) -> list[tuple[str, str]]:
    return [(name, str(MEANINGS[name])) for name in email_texts.PLACEHOLDERS[kind]]


class EmailTextForm(SettingsForm):
    text = text(_l("Text of the e-mail"),
                DataRequired(_l("Enter the text of the e-mail")),
                Length(max=MAX_TEXT, message=_l("Use at most %(max)d characters")), area=True,
                description=_l("Write a placeholder between double curly brackets, like "
                               "{{ link }}. The list of placeholders shows which ones this "
                               "e-mail can use."))
    kind = None     # set by the view: which e-mail's placeholders the text may use

    def validate_text(self, field):
        reason = email_texts.check(field.data or "", self.kind)
        if reason is not None:
            raise ValidationError(refusal(reason))


class EmailDefaultForm(SettingsForm):
    """"Back to the standard text": only the token."""
