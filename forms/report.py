"""The yearly report's forms: choosing the year (GET, nothing changes) and the coordinator's
introduction and closing for a year."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField
from wtforms.validators import Length

from forms.base import error_summary, text

MAX_TEXT = 20_000
STALE = _l("This page was open for a long time. Check your texts and save them again.")


class YearForm(FlaskForm):
    """?jaar=2024: a GET form, so no token (it changes nothing and may be bookmarked)."""

    class Meta:
        csrf = False

    jaar = SelectField(_l("Year"), coerce=str, validate_choice=False)

    def error_summary(self) -> list[tuple[str, str]]:
        return error_summary(self, STALE)


class ReportTextForm(FlaskForm):
    introduction = text(_l("Introduction"), Length(max=MAX_TEXT, message=_l(
        "Use at most %(max)d characters")), area=True,
        description=_l("Shown above the figures. An empty line starts a new paragraph."))
    closing = text(_l("Closing"), Length(max=MAX_TEXT, message=_l(
        "Use at most %(max)d characters")), area=True,
        description=_l("Shown below the figures."))
    # When the text shown was saved: a save over someone else's later save is refused.
    version = HiddenField()

    refused = None

    def error_summary(self) -> list[tuple[str, str]]:
        summary = error_summary(self, STALE)
        if self.refused:
            summary.insert(0, ("", str(self.refused)))
        return summary
