"""Awb 9:4: which parts of a written complaint are missing."""
import pytest

from klachtenloket.domain.letters import PARTS, missing_parts

COMPLETE = {"name": "Fatima el Amrani", "street": "Dorpsstraat 1", "postcode": "3431 AB",
            "city": "Nieuwegein", "description": "Niemand belde terug.",
            "letter_dated": True, "letter_signed": True}


def test_a_complete_letter_misses_nothing():
    assert missing_parts(COMPLETE) == []


def test_an_empty_letter_misses_every_part_in_the_order_of_the_article():
    assert missing_parts({}) == list(PARTS) == ["name", "address", "date", "description",
                                                  "signature"]


@pytest.mark.parametrize("field, part", [
    ("name", "name"), ("description", "description"),
    ("letter_dated", "date"), ("letter_signed", "signature"),
])
def test_each_missing_part_is_named_alone(field, part):
    assert missing_parts({**COMPLETE, field: None}) == [part]
    assert missing_parts({**COMPLETE, field: "" if field in ("name", "description") else False}) \
        == [part]


def test_only_spaces_count_as_missing():
    assert missing_parts({**COMPLETE, "name": "   ", "description": "\n"}) == ["name",
                                                                             "description"]


@pytest.mark.parametrize("street, postcode, city, missing", [
    ("Dorpsstraat 1", "3431 AB", "", False),
    ("Dorpsstraat 1", "", "Nieuwegein", False),
    ("Dorpsstraat 1", "", "", True),
    ("", "3431 AB", "Nieuwegein", True),
])
def test_an_address_is_a_street_with_a_postcode_or_town(street, postcode, city, missing):
    values = {**COMPLETE, "street": street, "postcode": postcode, "city": city}
    assert missing_parts(values) == (["address"] if missing else [])


def test_an_unsigned_undated_letter_misses_date_and_signature():
    values = {**COMPLETE, "letter_dated": False, "letter_signed": False}
    assert missing_parts(values) == ["date", "signature"]
