"""Field checks for residents' forms, each with a message a person can act on."""
import re
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_CHARS = re.compile(r"^[0-9+()\-\s.]+$")
TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
DAY_FIRST = re.compile(r"^(\d{1,2})[-/. ]?(\d{1,2})[-/. ]?(\d{4})$")


def email_address(form, field):
    if field.data and not EMAIL.match(field.data):
        raise ValidationError(_l("Enter an e-mail address like name@example.nl"))


def phone_number(form, field):
    if field.data and (not PHONE_CHARS.match(field.data)
                       or not 6 <= sum(c.isdigit() for c in field.data) <= 15):
        raise ValidationError(_l("Enter a phone number like 06 12345678"))


def parse_date(text: str) -> date | None:
    """A date as a date field sends it (2026-11-20) or as people type it (20-11-2026)."""
    text = (text or "").strip()
    try:
        if m := DAY_FIRST.match(text):
            return date(int(m[3]), int(m[2]), int(m[1]))
        return date.fromisoformat(text)
    except ValueError:
        return None


def a_date(form, field):
    """A date people can type (20-11-2026), when one is given; as a field's validator or its
    form's validate_<field>."""
    if not field.data:
        return
    parsed = parse_date(field.data)
    if parsed is None or parsed.year < 1900:
        raise ValidationError(_l("Enter the date like 20-11-2026"))


def past_date(form, field):
    a_date(form, field)
    if field.data and parse_date(field.data) > date.today():
        raise ValidationError(_l("The date cannot be in the future"))


def clock_time(form, field):
    if field.data and not TIME.match(field.data):
        raise ValidationError(_l("Enter the time like 14:30"))


def reply_route_gap(form) -> str | None:
    """The answer route chosen ("email", "phone" or "letter") when the form lacks the contact
    detail it needs — the complainant's or, when filing for someone, the representative's."""
    own = getattr(form, "for_representative", False)
    def data(name):     # a question the organisation does not ask is None (settings)
        field = getattr(form, name, None)
        return field.data if field is not None else None
    emails = [data("email")] + ([data("representative_email")] if own else [])
    phones = [data("phone")] + ([data("representative_phone")] if own else [])
    route = form.reply_by.data
    if route == "email" and not any(emails):
        return route
    if route == "phone" and not any(phones):
        return route
    if route == "letter" and not (data("street") and data("postcode") and data("city")):
        return route
    return None


def normal_time(text: str) -> str:
    m = TIME.match(text or "")
    return f"{int(m[1]):02d}:{m[2]}" if m else ""
