"""The WIL demo register's plan (klachtenloket.demo.wil_2024.plan), before anything is stored:
the same every run, and shaped so the stored register can give the report's figures."""
from collections import Counter
from datetime import timedelta

from klachtenloket.demo.wil_2024 import CHANNELS_2024, plan


def test_the_plan_is_the_same_every_run():
    assert plan() == plan()


def test_2024_comes_in_by_every_channel_the_report_names():
    received = [p for p in plan() if p.received_on.year == 2024]
    assert Counter(p.channel for p in received) == CHANNELS_2024


def test_every_2024_decision_lies_within_six_weeks_on_a_weekday():
    handled = [p for p in plan() if p.handled_on and p.handled_on.year == 2024]
    assert len(handled) == 47
    assert all(p.received_on < p.handled_on <= p.received_on + timedelta(weeks=6)
               for p in handled)
    assert all(p.handled_on.weekday() < 5 and p.received_on.weekday() < 5 for p in handled)


def test_handled_is_not_incoming():
    """Some complaints are received late in one year and handled early in the next."""
    across = [p for p in plan() if p.received_on.year != p.handled_on.year]
    assert {p.handled_on.year for p in across} == {2022, 2023, 2024, 2025}
