"""Forms for measures (klachtenloket.services.measures): adding one on the complaint page, and
its owner or the coordinator changing its status."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from forms.base import text as text_field
from forms.complaint import LONG
from forms.validators import a_date, parse_date
from klachtenloket.web import labels



class MeasureForm(FlaskForm):
    """On the complaint page beside the step forms: no token field of its own (the template
    sends the page's token), a prefix for unique ids."""
    class Meta:
        csrf = False

    text = text_field(_l("What will the organisation do?"), DataRequired(_l("Describe the measure")),
                LONG, area=True,
                description=_l("For example: the team discusses how to phone clients back."))
    owner = SelectField(_l("Who takes care of it?"), coerce=int, default=0)
    due_on = text_field(_l("Ready by (optional)"), Length(max=10, message=_l("Enter the date like "
                                                                       "20-11-2026")),
                  description=_l("For example: 20-11-2026"))

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, prefix="measure", **kwargs)
        self.owner.choices = [SelectChoice(0, _l("Nobody yet"))] + [
            SelectChoice(member.id, member.name) for member in owners]

    validate_due_on = a_date

    @property
    def due_date(self):
        return parse_date(self.due_on.data) if self.due_on.data else None


class MeasureStatusForm(FlaskForm):
    """One per measure in a list: prefixed with the measure's id; the page sends the token."""
    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validators=[DataRequired()],
                         choices=[SelectChoice(key, label)
                                  for key, label in labels.MEASURE_STATUSES.items()])

    def __init__(self, *args, measure_id: int, **kwargs):
        super().__init__(*args, prefix=f"m{measure_id}", **kwargs)
