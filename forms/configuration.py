"""The administrator's forms for the whole configuration: a TOML file to upload, or the TOML
text edited on the page. Both stay under the app's global CSRF check."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms.validators import DataRequired, Length

from forms.base import error_summary, text
from klachtenloket.services.configuration import MAX_TOML_BYTES

STALE = _l("This page was open for a long time. Check the text and store it again.")


class UploadForm(FlaskForm):
    file = FileField(_l("A configuration file (.toml)"),
                     description=_l("At most %(size)d KB. It is checked completely before "
                                    "anything is stored.", size=MAX_TOML_BYTES // 1024),
                     validators=[FileRequired(_l("Choose a file"))])

    def error_summary(self) -> list[tuple[str, str]]:
        return error_summary(self, STALE)


class TextForm(FlaskForm):
    toml = text(_l("The configuration as text (TOML)"),
                DataRequired(_l("Enter the configuration")),
                Length(max=MAX_TOML_BYTES,
                       message=_l("Use at most %(max)d characters")),
                area=True,
                description=_l("Change what you need and store it. Keys you leave out get "
                               "their default."))

    def error_summary(self) -> list[tuple[str, str]]:
        return error_summary(self, STALE)
