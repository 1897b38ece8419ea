"""The Algemene termijnenwet (Atw) calendar: which days a legal term may not end on.

The `holidays` package's Dutch calendar is the base, but it is not the Atw: it also lists Easter
Sunday and Whit Sunday, gives 5 May only every fifth year unless the "optional" category is asked
for, and knows nothing of the royal decrees of art. 3(3). So we take from it only the days the Atw
names, add 5 May every year ourselves, and add the decree days from a dated table.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date, timedelta

import holidays

# Atw art. 3(3): days a royal decree equates with the general holidays, as published in the
# Staatscourant. A dated table, not a rule: the decrees follow no formula an algorithm could
# predict, so an administrator extends this (or passes their own) when a new decree appears.
DECREE_DAYS: tuple[date, ...] = (
    date(2023, 4, 28),
    date(2023, 5, 19),
    date(2024, 5, 10),
    date(2024, 12, 27),
    date(2025, 5, 30),
    date(2026, 1, 2),
    date(2026, 5, 15),
    date(2027, 5, 7),
    date(2028, 4, 28),
    date(2028, 5, 26),
)

DECREE_DAY_NAME = "Atw decree day"
LIBERATION_DAY_NAME = "Liberation Day"

# Names (language en_US, holidays 0.109) of the package's days that art. 3(1) and 3(2) list.
# "Queen's Day" is kept because the Atw named Koninginnedag until 2014. Easter Sunday and
# Whit Sunday ("Pentecost") are left out: they are Sundays, covered by the weekend rule anyway.
_ATW_NAMES = frozenset({
    "New Year's Day",
    "Good Friday",
    "Easter Monday",
    "Ascension Day",
    "Pentecost Monday",
    "Christmas Day",
    "Second Day of Christmas",
    "King's Day",
    "Queen's Day",
    LIBERATION_DAY_NAME,
})

# Every year must have these; if a package upgrade renames one, we fail loudly instead of silently
# dropping a holiday (which would produce deadlines a day too early).
_REQUIRED_EVERY_YEAR = _ATW_NAMES - {"King's Day", "Queen's Day"}

_SATURDAY = 5


class AtwCalendar:
    """Atw days plus the organisation's own closed days.

    closed_days: days the organisation is closed (e.g. a bridge day). They are skipped when counting
    working days, but do NOT move the end of a term: the Atw shift is about the law's days only.
    decree_days: art. 3(3) days; defaults to DECREE_DAYS.
    """

    def __init__(self, closed_days: Iterable[date] = (), decree_days: Iterable[date] = DECREE_DAYS):
        self.closed_days = frozenset(closed_days)
        self.decree_days = frozenset(decree_days)
        self._cache: dict[int, dict[date, str]] = {}

    def atw_holidays(self, year: int) -> dict[date, str]:
        """The Atw holidays and decree days of `year` (weekends not included), date -> name."""
        return dict(self._holidays(year))

    def _holidays(self, year: int) -> dict[date, str]:
        if year not in self._cache:
            self._cache[year] = self._build(year)
        return self._cache[year]

    def _build(self, year: int) -> dict[date, str]:
        # "optional" brings 5 May in non-lustrum years; language pinned so the names are stable.
        base = holidays.Netherlands(years=year, categories=("public", "optional"), language="en_US")
        days: dict[date, str] = {}
        for day, label in base.items():
            # Coinciding holidays come as one label ("Ascension Day; Liberation Day").
            names = [n for n in label.split("; ") if n in _ATW_NAMES]
            if names:
                days[day] = "; ".join(names)
        # Art. 3(1) says 5 May every year, whatever the package does with it.
        may5 = date(year, 5, 5)
        if LIBERATION_DAY_NAME not in days.get(may5, ""):
            days[may5] = "; ".join(filter(None, [days.get(may5), LIBERATION_DAY_NAME]))
        missing = _REQUIRED_EVERY_YEAR - {n for label in days.values() for n in label.split("; ")}
        if missing:
            raise RuntimeError(f"holidays package gave no {sorted(missing)} for {year}; check its names")
        for day in self.decree_days:
            if day.year == year:
                days.setdefault(day, DECREE_DAY_NAME)
        return days

    def is_atw_day(self, d: date) -> bool:
        """Saturday, Sunday, or an Atw holiday or decree day."""
        return d.weekday() >= _SATURDAY or d in self._holidays(d.year)

    def is_working_day(self, d: date) -> bool:
        """Not an Atw day and not a day the organisation is closed."""
        return not self.is_atw_day(d) and d not in self.closed_days

    def next_non_atw_day(self, d: date) -> date:
        """`d` itself, or the first later day that is not an Atw day (Atw art. 1)."""
        while self.is_atw_day(d):
            d += timedelta(days=1)
        return d

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after `d`; n=0 gives `d` unchanged."""
        if n < 0:
            raise ValueError(f"number of working days must be 0 or more, got {n}")
        while n:
            d += timedelta(days=1)
            if self.is_working_day(d):
                n -= 1
        return d


@functools.lru_cache(maxsize=64)
def _calendar(closed_days: frozenset[date]) -> AtwCalendar:
    return AtwCalendar(closed_days=closed_days)


def calendar_for(closed_days: Iterable[date] = ()) -> AtwCalendar:
    """A shared calendar with these closed days (and the default decree days).

    Holidays are computed once per year and calendar, so calendars are kept per set of closed
    days: without closed days every caller gets the same instance.
    """
    return _calendar(frozenset(closed_days))


DEFAULT_CALENDAR = calendar_for()
