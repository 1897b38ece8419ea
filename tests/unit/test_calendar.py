"""The Atw calendar. Every expected date below was worked out by hand against a printed calendar."""
from datetime import date

import pytest

from klachtenloket.domain.calendar import DECREE_DAYS, AtwCalendar


@pytest.fixture
def cal():
    return AtwCalendar()


def test_atw_holidays_2026_is_exactly_the_atw_list(cal):
    assert set(cal.atw_holidays(2026)) == {
        date(2026, 1, 1),    # New Year's Day
        date(2026, 1, 2),    # decree day
        date(2026, 4, 3),    # Good Friday
        date(2026, 4, 6),    # Easter Monday
        date(2026, 4, 27),   # King's Day (a Monday)
        date(2026, 5, 5),    # 5 May, not a lustrum year
        date(2026, 5, 14),   # Ascension Day
        date(2026, 5, 15),   # decree day
        date(2026, 5, 25),   # Whit Monday
        date(2026, 12, 25),  # Christmas
        date(2026, 12, 26),  # second day of Christmas
    }


def test_atw_holidays_2025_is_exactly_the_atw_list(cal):
    assert set(cal.atw_holidays(2025)) == {
        date(2025, 1, 1), date(2025, 4, 18), date(2025, 4, 21), date(2025, 4, 26),
        date(2025, 5, 5), date(2025, 5, 29), date(2025, 5, 30), date(2025, 6, 9),
        date(2025, 12, 25), date(2025, 12, 26),
    }


@pytest.mark.parametrize("good_friday", [date(2025, 4, 18), date(2026, 4, 3), date(2027, 3, 26)])
def test_good_friday_is_an_atw_day(cal, good_friday):
    assert good_friday.weekday() == 4
    assert cal.atw_holidays(good_friday.year)[good_friday] == "Good Friday"
    assert cal.is_atw_day(good_friday)
    assert not cal.is_working_day(good_friday)


@pytest.mark.parametrize("year", [2025, 2026, 2027])
def test_fifth_of_may_every_year(cal, year):
    assert date(year, 5, 5) in cal.atw_holidays(year)


def test_kings_day_moves_to_26_april_when_27th_is_a_sunday(cal):
    assert date(2025, 4, 27).weekday() == 6
    assert date(2025, 4, 26) in cal.atw_holidays(2025)
    assert date(2025, 4, 27) not in cal.atw_holidays(2025)
    assert date(2026, 4, 27) in cal.atw_holidays(2026)
    assert date(2026, 4, 26) not in cal.atw_holidays(2026)
    assert not cal.is_working_day(date(2026, 4, 27))


def test_decree_days_are_atw_days(cal):
    for d in (date(2026, 1, 2), date(2026, 5, 15)):
        assert cal.is_atw_day(d)
        assert cal.atw_holidays(2026)[d] == "Atw decree day"


def test_decree_days_come_from_the_table_not_a_rule():
    # Without the table, the Friday after Ascension is an ordinary working day.
    assert AtwCalendar(decree_days=()).is_working_day(date(2026, 5, 15))
    # An administrator can extend the table.
    extra = date(2029, 5, 11)
    assert AtwCalendar(decree_days=DECREE_DAYS + (extra,)).is_atw_day(extra)
    assert not AtwCalendar().is_atw_day(extra)


def test_easter_and_whit_sunday_are_not_listed_but_are_sundays(cal):
    holidays_2026 = cal.atw_holidays(2026)
    assert date(2026, 4, 5) not in holidays_2026   # Easter Sunday
    assert date(2026, 5, 24) not in holidays_2026  # Whit Sunday
    assert cal.is_atw_day(date(2026, 4, 5))
    assert cal.is_atw_day(date(2026, 5, 24))


def test_ordinary_days(cal):
    assert cal.is_working_day(date(2026, 4, 7))      # Tuesday after Easter
    assert cal.is_atw_day(date(2026, 3, 7))          # Saturday
    assert not cal.is_working_day(date(2026, 3, 8))  # Sunday


def test_atw_holidays_returns_a_copy(cal):
    cal.atw_holidays(2026).clear()
    assert cal.is_atw_day(date(2026, 4, 6))


def test_next_non_atw_day(cal):
    assert cal.next_non_atw_day(date(2026, 4, 7)) == date(2026, 4, 7)
    assert cal.next_non_atw_day(date(2026, 4, 3)) == date(2026, 4, 7)     # Good Friday..Easter Monday
    assert cal.next_non_atw_day(date(2026, 3, 21)) == date(2026, 3, 23)   # Saturday -> Monday
    assert cal.next_non_atw_day(date(2026, 5, 14)) == date(2026, 5, 18)   # Ascension + decree Friday
    assert cal.next_non_atw_day(date(2026, 12, 25)) == date(2026, 12, 28)


@pytest.mark.parametrize("start, n, expected", [
    (date(2026, 4, 2), 0, date(2026, 4, 2)),
    (date(2026, 4, 2), 1, date(2026, 4, 7)),     # Thu; Good Friday, weekend, Easter Monday skipped
    (date(2026, 4, 2), 2, date(2026, 4, 8)),
    (date(2026, 4, 24), 1, date(2026, 4, 28)),   # Fri; weekend and King's Day skipped
    (date(2026, 5, 4), 1, date(2026, 5, 6)),     # Mon; 5 May skipped
    (date(2026, 5, 13), 1, date(2026, 5, 18)),   # Wed; Ascension, decree Friday, weekend skipped
    (date(2026, 5, 13), 2, date(2026, 5, 19)),
    (date(2026, 12, 24), 1, date(2026, 12, 28)),  # Thu; Christmas Fri, second day Sat, Sun
    (date(2025, 12, 31), 1, date(2026, 1, 5)),   # New Year, decree day 2 Jan, weekend
    (date(2026, 3, 9), 5, date(2026, 3, 16)),    # a plain week
])
def test_add_working_days(cal, start, n, expected):
    assert cal.add_working_days(start, n) == expected


def test_add_working_days_rejects_negative(cal):
    with pytest.raises(ValueError, match="0 or more"):
        cal.add_working_days(date(2026, 3, 9), -1)


def test_closed_day_skips_working_days_but_is_no_atw_day():
    closed = date(2026, 3, 10)  # a Tuesday the office is closed
    cal = AtwCalendar(closed_days=[closed])
    assert not cal.is_working_day(closed)
    assert not cal.is_atw_day(closed)
    assert cal.add_working_days(date(2026, 3, 9), 1) == date(2026, 3, 11)
    assert cal.next_non_atw_day(closed) == closed
    assert AtwCalendar().add_working_days(date(2026, 3, 9), 1) == date(2026, 3, 10)
