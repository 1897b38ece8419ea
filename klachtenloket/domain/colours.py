"""Colours an organisation may choose, checked against WCAG 2.2 (1.4.3, contrast minimum).

The accent colour is the background of the page header, under white text, and the colour of
links on white: both need a contrast ratio of at least 4.5:1 with white (level AA).
"""
from __future__ import annotations

import math
import re

AA_NORMAL_TEXT = 4.5
WHITE = "#ffffff"
_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse_hex(text: str) -> str | None:
    """`text` as "#rrggbb" (lower case): accepts "#1D4F91", "1d4f91" and "#abc"; else None."""
    match = _HEX.match((text or "").strip())
    if not match:
        return None
    digits = match[1].lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


def relative_luminance(colour: str) -> float:
    """WCAG's relative luminance of a "#rrggbb" colour: 0 for black, 1 for white."""
    parsed = parse_hex(colour)
    if parsed is None:
        raise ValueError(f"a colour is written like #1d4f91; got {colour!r}")

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(parsed[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast_ratio(first: str, second: str = WHITE) -> float:
    """The contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def ratio_text(ratio: float) -> str:
    """The ratio as people read it, rounded down so a failing one never reads as passing:
    4.4999 is "4.49", not "4.50"."""
    return f"{math.floor(ratio * 100) / 100:.2f}"


def check_accent(colour: str) -> str:
    """The accent colour as "#rrggbb", or ValueError saying why it cannot be used."""
    parsed = parse_hex(colour)
    if parsed is None:
        raise ValueError(f"the accent colour is written like #1d4f91; got {colour!r}")
    ratio = contrast_ratio(parsed)
    if ratio < AA_NORMAL_TEXT:
        raise ValueError(f"the accent colour {parsed} has a contrast of {ratio_text(ratio)}:1 "
                         f"with white text; WCAG AA needs at least {AA_NORMAL_TEXT}:1")
    return parsed
