"""Jinja filters that format dates, opening hours and terms in the page's language."""
from babel.dates import get_datetime_format, get_day_names
from flask_babel import format_date, format_time, get_locale, gettext as _, ngettext

DAY_INDEX = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def _as_date(value):
    """Dates in an event's payload are stored as ISO text (2026-11-20)."""
    from datetime import date
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def format_date_long(value) -> str:
    return format_date(_as_date(value), "full") if value else ""


def format_date_short(value) -> str:
    return format_date(value, "long") if value else ""


def format_datetime_short(value) -> str:
    """Stored in UTC, shown in the organisation's time zone (BABEL_DEFAULT_TIMEZONE), the date
    and time joined as the page's language does: "26 november 2026, 07:40", in Arabic
    "26 نوفمبر 2026، 07:40", in Ukrainian "26 листопада 2026 р., 07:40"."""
    from datetime import timezone
    if not value:
        return ""
    moment = value.replace(tzinfo=timezone.utc)
    return (get_datetime_format("long", locale=get_locale())
            .replace("{1}", format_date(moment, "long")).replace("{0}", format_time(moment, "HH:mm")))


def _day(key: str) -> str:
    return get_day_names("wide", locale=get_locale())[DAY_INDEX[key]]


def hours_text(hours) -> str:
    """`mon-fri 08:30-12:30` as "Monday to Friday, 08:30 to 12:30" in the page's language."""
    first, _sep, last = hours.days.partition("-")
    days = (_("%(first)s to %(last)s", first=_day(first), last=_day(last)) if last
            else _day(first))
    return _("%(days)s, %(opens)s to %(closes)s", days=days, opens=hours.opens, closes=hours.closes)


def register(app) -> None:
    app.jinja_env.filters.update(format_date_long=format_date_long,
                                 format_date_short=format_date_short,
                                 format_datetime_short=format_datetime_short, hours_text=hours_text,
                                 term_text=term_text)


def term_text(term) -> str:
    """A Term as people say it: "6 weeks", "5 working days"."""
    if term.unit == "weeks":
        return ngettext("%(num)d week", "%(num)d weeks", term.amount)
    if term.unit == "working_days":
        return ngettext("%(num)d working day", "%(num)d working days", term.amount)
    return ngettext("%(num)d day", "%(num)d days", term.amount)
