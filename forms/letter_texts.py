"""The administrator's letter texts (issue 5): one form per kind of letter and language, its
text checked the way a letter is made (klachtenloket.services.letters.check_template)."""
import re

from flask_babel import gettext as _, lazy_gettext as _l
from wtforms.validators import DataRequired, Length, ValidationError

from forms.base import text
from forms.settings import SettingsForm
from klachtenloket.services import letters

MAX_TEXT = 20_000

# What each placeholder means, for the people who edit a letter (letters.PLACEHOLDERS says the
# same in English for developers; a test keeps the two lists equal).
MEANINGS = {
    "name": _l("who the letter is for (the person who filed it for someone else, if so)"),
    "complainant": _l("the name of the person who complains"),
    "on_behalf": _l("yes when someone filed the complaint for someone else"),
    "reference": _l("the number of the complaint, like KL-2026-00042"),
    "date": _l("the date of the letter, in words"),
    "received_on": _l("the date we received the complaint, in words"),
    "about": _l("the complaint as the complainant described it"),
    "organisation": _l("the name of the organisation"),
    "handler": _l("the name of the handler, or empty when nobody is assigned"),
    "decision_due": _l("the date by which the complainant gets our answer, in words"),
    "deadlines": _l("the coming dates, one line each"),
    "ground": _l("the ground for not handling the complaint, in words"),
    "ground_article": _l("the article of the law for that ground, like Awb 9:8(1)(b), or empty"),
    "reason": _l("the reason the staff member wrote"),
    "extension": _l("how much longer it takes, like 4 weeks"),
    "old_due": _l("the date the answer was due, in words"),
    "new_due": _l("the new date for the answer, in words"),
    "outcome": _l("our judgement, in words"),
    "findings": _l("what we found, and why"),
    "measures": _l("what the organisation will do, or empty"),
}

# letters.PLACEHOLDERS starts the meaning of a placeholder for some letters only with those
# letters' kinds ("declined, extended: …").
_FOR_KINDS = re.compile(r"^([a-z]+(?:, [a-z]+)*): ")


def placeholders(kind: str) -> list[tuple[str, str]]:
    """(name, meaning) of each placeholder a letter of `kind` fills in."""
    found = []
    for name, meaning in letters.PLACEHOLDERS.items():
        only = _FOR_KINDS.match(meaning)
        if only and kind not in only.group(1).split(", "):
            continue
        found.append((name, str(MEANINGS[name])))
    return found


_UNDEFINED = re.compile(r"^UndefinedError: '(\w+)' is undefined$")


def refusal(reason: str) -> str:
    """check_template's reason in words: an unknown placeholder by name, anything else as the
    template engine says it."""
    unknown = _UNDEFINED.match(reason)
    if unknown:
        return _("“%(name)s” is not a placeholder. Use one from the list beside the text, or "
                 "check the spelling.", name=unknown.group(1))
    return _("This text cannot be made into a letter: %(reason)s", reason=reason)


def _renders(form, field):
    reason = letters.check_template(field.data or "")
    if reason is not None:
        raise ValidationError(refusal(reason))


class LetterTextForm(SettingsForm):
    text = text(_l("Text of the letter"),
                DataRequired(_l("Enter the text of the letter")),
                Length(max=MAX_TEXT, message=_l("Use at most %(max)d characters")),
                _renders, area=True,
                description=_l("Write a placeholder between double curly brackets, like "
                               "{{ reference }}. The list of placeholders shows which ones "
                               "this letter can use."))


class DefaultForm(SettingsForm):
    """"Back to the default": only the token."""
