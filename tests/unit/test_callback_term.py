"""The call-back term (seed 000: "binnen twee werkdagen"): counted in working days from the day
of the request, skipping weekends, Atw days and the organisation's closed days, like every
other term; and which organisations take call-back requests at all."""
from dataclasses import replace
from datetime import date

import pytest

from klachtenloket.domain.organisation import Organisation, load_preset, preset_names
from klachtenloket.domain.terms import Procedure
from klachtenloket.services.callbacks import due_on, enabled

WIL = Organisation.from_dict(load_preset("wil-lekstroom"))


@pytest.mark.parametrize("requested, due", [
    (date(2026, 3, 3), date(2026, 3, 5)),       # Tuesday -> Wed 4, Thu 5
    (date(2026, 3, 6), date(2026, 3, 10)),      # Friday: the weekend is skipped -> Mon 9, Tue 10
    (date(2026, 3, 5), date(2026, 3, 9)),       # Thursday -> Fri 6, (weekend) Mon 9
    (date(2026, 3, 7), date(2026, 3, 10)),      # asked online on a Saturday -> Mon 9, Tue 10
])
def test_two_working_days_over_a_weekend(requested, due):
    assert WIL.procedure.callback.amount == 2
    assert due_on(WIL.procedure, requested) == due


@pytest.mark.parametrize("requested, due", [
    # Thu 2 April 2026: Good Friday 3, the weekend, Easter Monday 6 -> Tue 7, Wed 8.
    (date(2026, 4, 2), date(2026, 4, 8)),
    # Fri 24 April 2026: King's Day Monday 27 -> Tue 28, Wed 29.
    (date(2026, 4, 24), date(2026, 4, 29)),
    # Wed 13 May 2026: Ascension Day 14 and the decree day Friday 15 (Atw art. 3(3)) -> Mon 18,
    # Tue 19.
    (date(2026, 5, 13), date(2026, 5, 19)),
    # Mon 4 May 2026: 5 May is an Atw day every year (not only every fifth) -> Wed 6, Thu 7.
    (date(2026, 5, 4), date(2026, 5, 7)),
    # Wed 23 December 2026: both Christmas days are a Friday and Saturday -> Thu 24, Mon 28.
    (date(2026, 12, 23), date(2026, 12, 28)),
])
def test_two_working_days_over_an_atw_holiday(requested, due):
    assert due_on(WIL.procedure, requested) == due


def test_a_closed_day_is_skipped_too():
    closed = replace(WIL.procedure, closed_days=(date(2026, 12, 31),))
    # Tue 29 December 2026: Wed 30, (closed 31, New Year's Day, weekend) Mon 4 January 2027.
    assert due_on(closed, date(2026, 12, 29)) == date(2027, 1, 4)
    assert due_on(WIL.procedure, date(2026, 12, 29)) == date(2026, 12, 31)


def test_a_procedure_without_a_call_back_term_has_no_due_date():
    with pytest.raises(ValueError):
        due_on(Procedure(), date(2026, 3, 6))


def test_only_wil_takes_call_back_requests_of_the_four_presets():
    taking = {name for name in preset_names()
              if enabled(Organisation.from_dict(load_preset(name)))}
    assert taking == {"wil-lekstroom"}


def test_a_phone_channel_taking_requests_needs_a_term_to_keep():
    data = load_preset("wil-lekstroom")
    del data["procedure"]["callback"]
    assert not enabled(Organisation.from_dict(data))
    data = load_preset("wil-lekstroom")
    for channel in data["channels"]:
        channel.pop("callback", None)
    assert not enabled(Organisation.from_dict(data))
