"""Forms of the open-data page (views/staff/open_data.py): the period, and the download that
posts it again with the form's token."""
from datetime import date

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import AnyOf

from forms import period
from klachtenloket.services.open_data import FORMATS


class Period(period.Period):
    """The period of the export: both dates are needed."""
    required = True


def last_year(today: date) -> dict:
    """The default period: the whole of last year, as the yearly report counts it."""
    year = today.year - 1
    return {"date_from": f"01-01-{year}", "date_to": f"31-12-{year}"}


class Download(FlaskForm):
    """One download: the period in hidden fields, the format from its button."""
    date_from = HiddenField()
    date_to = HiddenField()
    format = HiddenField(validators=[AnyOf(FORMATS)])
