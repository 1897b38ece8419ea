"""The accent colour's contrast with white text (WCAG 2.2, 1.4.3: at least 4.5:1)."""
import pytest

from klachtenloket.domain.colours import (check_accent, contrast_ratio, parse_hex,
                                          relative_luminance, ratio_text)
from klachtenloket.domain.organisation import Organisation, load_preset


def test_black_and_white_are_the_ends_of_the_scale():
    assert relative_luminance("#000000") == 0 and relative_luminance("#ffffff") == 1
    assert contrast_ratio("#000000") == pytest.approx(21)
    assert contrast_ratio("#ffffff") == pytest.approx(1)
    assert contrast_ratio("#000", "#fff") == contrast_ratio("#fff", "#000")


@pytest.mark.parametrize("colour, ratio", [
    ("#767676", 4.54),    # the lightest grey that passes on white, a known reference value
    ("#777777", 4.47),
    ("#1d4f91", 8.14),    # the stylesheets' own accent
    ("#ffdd00", 1.34),
])
def test_known_ratios(colour, ratio):
    assert contrast_ratio(colour) == pytest.approx(ratio, abs=0.01)


def test_the_ratio_is_rounded_down_so_a_fail_never_reads_as_a_pass():
    assert ratio_text(4.4999) == "4.49" and ratio_text(4.5) == "4.50"


@pytest.mark.parametrize("text, parsed", [("#1D4F91", "#1d4f91"), ("1d4f91", "#1d4f91"),
                                          (" #abc ", "#aabbcc"), ("blue", None),
                                          ("#12345", None), ("", None)])
def test_colours_are_read_as_hex(text, parsed):
    assert parse_hex(text) == parsed


def test_the_accent_check_refuses_a_light_colour_with_its_ratio_and_accepts_a_dark_one():
    assert check_accent("#767676") == "#767676"
    with pytest.raises(ValueError, match=r"4\.47:1"):
        check_accent("#777777")
    with pytest.raises(ValueError, match="written like"):
        check_accent("navy")


def test_a_configuration_with_a_light_accent_colour_is_refused():
    data = load_preset("wil-lekstroom")
    data["organisation"]["accent_colour"] = "#ffdd00"
    with pytest.raises(ValueError, match="contrast"):
        Organisation.from_dict(data)
    data["organisation"]["accent_colour"] = "#1D4F91"
    assert Organisation.from_dict(data).accent_colour == "#1d4f91"
    assert Organisation.from_dict(load_preset("wil-lekstroom")).accent_colour == ""
