"""The whole configuration as TOML (services.configuration.to_toml / from_toml): an export reads
back as the same organisation, and a syntax error names its line and column."""
from datetime import date

import pytest

from klachtenloket.domain.organisation import Organisation, load_preset, preset_names
from klachtenloket.services.configuration import (
    ConfigurationError, TomlSyntaxError, changed_sections, check, decode, from_toml, to_toml)


@pytest.mark.parametrize("name", preset_names())
def test_an_export_of_each_preset_reads_back_as_the_same_organisation(name):
    data = load_preset(name)
    back = from_toml(to_toml(data))
    assert Organisation.from_dict(back) == Organisation.from_dict(data)
    # Also what Organisation does not compare (raw: e.g. letter texts) is stored alike.
    assert check(back)[1] == check(data)[1]


def test_there_are_four_presets_to_round_trip():
    assert len(preset_names()) == 4


@pytest.mark.parametrize("name", preset_names())
def test_an_export_of_the_stored_form_reads_back_the_same(name):
    """What is stored is JSON (dates as text); exporting that gives the same again."""
    import json
    stored = json.loads(check(load_preset(name))[1])
    assert check(from_toml(to_toml(stored)))[1] == check(stored)[1]


def test_closed_days_are_written_as_toml_dates_and_letters_as_multiline_text():
    data = load_preset("wil-lekstroom")
    data["procedure"]["closed_days"] = ["2026-12-24", "2026-12-31"]
    data["letters"] = {"acknowledgement": {"nl": "Beste {{ name }},\n\nWij hebben uw klacht."}}
    text = to_toml(data)
    assert "closed_days = [\n    2026-12-24,\n    2026-12-31,\n]" in text
    assert '"""\nBeste {{ name }},\n\nWij hebben uw klacht."""' in text
    back = from_toml(text)
    assert back["procedure"]["closed_days"] == [date(2026, 12, 24), date(2026, 12, 31)]
    assert back["letters"] == data["letters"]
    assert check(back)[1] == check(data)[1]


def test_a_term_switched_off_is_left_out_since_toml_has_no_null():
    data = load_preset("wil-lekstroom")
    data["procedure"]["callback"] = None
    back = from_toml(to_toml(data))
    assert "callback" not in back["procedure"]
    assert Organisation.from_dict(back) == Organisation.from_dict(data)


def test_the_organisation_comes_first_in_the_file():
    text = to_toml(load_preset("ijmond-werkt"))
    assert text.startswith("# ")
    assert text.index("[organisation]") < text.index("[procedure]") < text.index("[second_line]")


@pytest.mark.parametrize("text, line, column", [
    ("[organisation]\nname = \n", 2, 8),
    ("[organisation]\nname = \"WIL\"\n[procedure\n", 3, 11),
    ("[organisation]\nname = \"open", 2, 13),           # reading stopped at the end
])
def test_a_syntax_error_names_its_line_and_column(text, line, column):
    with pytest.raises(TomlSyntaxError) as caught:
        from_toml(text)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert f"line {line}, column {column}" in str(caught.value)
    assert "(at " not in caught.value.detail
    assert isinstance(caught.value, ConfigurationError)


def test_valid_toml_that_is_no_configuration_is_for_check_to_refuse():
    data = from_toml("[organisation]\nname = \"X\"\n")
    with pytest.raises(ConfigurationError, match="second_line"):
        check(data)


def test_decode_takes_utf8_with_or_without_a_byte_order_mark_and_refuses_the_rest():
    assert decode("name = \"Zoë\"".encode()) == "name = \"Zoë\""
    assert decode(b"\xef\xbb\xbfa = 1") == "a = 1"
    with pytest.raises(ConfigurationError, match="UTF-8"):
        decode("Zoë".encode("latin-1"))
    with pytest.raises(ConfigurationError, match="larger than"):
        decode(b"#" * (200 * 1024 + 1))


def test_changed_sections_names_the_top_level_sections_that_differ():
    old = load_preset("wil-lekstroom")
    new = load_preset("wil-lekstroom")
    assert changed_sections(old, new) == []
    new["procedure"]["decision"] = "8 weeks"
    new["register"]["categories"].append("Privacy")
    assert changed_sections(old, new) == ["procedure", "register"]
    assert changed_sections(None, new) == sorted(new)
