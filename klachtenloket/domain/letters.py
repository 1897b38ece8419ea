"""Awb 9:4: what a written complaint carries — the complainant's name and address, a date, a
description of the conduct, and a signature.

A letter that misses some of these is still registered (issue 4): staff are shown what is
missing, so they can ask for it. Plain Python, no Flask.
"""
from collections.abc import Mapping

# In the order the article names them; these codes are what missing_parts returns.
PARTS = ("name", "address", "date", "description", "signature")


def _given(value) -> bool:
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def missing_parts(values: Mapping) -> list[str]:
    """The parts of PARTS that `values` lacks.

    `values` holds a complaint's fields as the register form or the model has them: `name`,
    `street`, `postcode`, `city`, `description`, and the ticks `letter_dated` and
    `letter_signed`. An address counts when the street and a postcode or town are given.
    """
    def given(key):
        return _given(values.get(key))

    present = {
        "name": given("name"),
        "address": given("street") and (given("postcode") or given("city")),
        "date": given("letter_dated"),
        "description": given("description"),
        "signature": given("letter_signed"),
    }
    return [part for part in PARTS if not present[part]]
