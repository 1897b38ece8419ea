"""Does a text meant for publication give away who complained? (Woo; issue 6, "Open data")

The handler writes one anonymous line per (partly) upheld complaint for the yearly report.
`personal_data_in` compares it with the complaint's personal fields and names each field whose
value it finds, however it is written: any case and spacing, a phone number with or without
spaces, dashes, brackets or +31 ("06-1234 5678" is "0612345678"), a postcode with or without
its space, a client number with other separators. Plain Python: the decision form calls it and
tells the handler which field to take out.
"""
from __future__ import annotations

import re
import unicodedata

# The fields checked, in the order they are reported; a complaint's other fields (city,
# unit, description) are no personal data on their own.
NAME_FIELDS = ("name", "representative_name")
PHONE_FIELDS = ("phone", "representative_phone")
EMAIL_FIELDS = ("email", "representative_email")
FIELDS = ("name", "street", "postcode", "phone", "email", "client_number",
          "representative_name", "representative_phone", "representative_email")

# At least this many digits make a phone or client number worth looking for: shorter ones
# ("12") turn up in any text.
MIN_DIGITS = 5
# A family name shorter than this ("Ek", "Li") is looked for only as part of the full name.
MIN_SURNAME = 3
# Words of a name that are no one's: initials and Dutch family-name particles are kept with
# the surname, but never looked for alone.
PARTICLES = {"van", "de", "der", "den", "het", "ten", "ter", "te", "el", "al", "op", "in",
             "'t", "la", "le", "du", "da", "di", "von", "mc", "bin", "ben"}
PHONE_RUN = re.compile(r"\+?\d[\d\s\-().\/]*\d")
POSTCODE = re.compile(r"^(\d{4})\s*([a-z]{2})$")


def _plain(text: str) -> str:
    """Lower case, accents and odd spaces folded, every run of space one space."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(text.split())


def _words(text: str) -> str:
    """`_plain` with punctuation turned into space: names and streets compared as words."""
    return " ".join(re.sub(r"[^\w'@.+-]", " ", _plain(text)).split())


def _contains_words(haystack: str, needle: str) -> bool:
    if not needle:
        return False
    return re.search(rf"(?<![\w]){re.escape(needle)}(?![\w])", haystack) is not None


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", text or "")
    # The Dutch country code as a leading 0: +31 6…, 0031 6… and 06… are one number.
    if digits.startswith("0031"):
        digits = "0" + digits[4:]
    elif digits.startswith("31") and (text or "").lstrip().startswith("+"):
        digits = "0" + digits[2:]
    return digits


def _phone_runs(text: str) -> list[str]:
    return [_digits(run) for run in PHONE_RUN.findall(text or "")]


def _surname(name: str) -> str:
    """The family name: the words after the first name or initials, particles included."""
    words = _words(name).split()
    rest = words[1:]
    while rest and re.fullmatch(r"\w\.?", rest[0]):      # more initials: "J. P. de Vries"
        rest = rest[1:]
    if not rest or all(w in PARTICLES for w in rest):
        return ""
    return " ".join(rest)


def _bare_surname(surname: str) -> str:
    """The surname without its leading particles ("de Vries" → "vries")."""
    words = surname.split()
    while words and words[0] in PARTICLES:
        words = words[1:]
    return " ".join(words)


def _name_found(text_words: str, name: str) -> bool:
    full = _words(name)
    if _contains_words(text_words, full):
        return True
    surname = _surname(name)
    bare = _bare_surname(surname)
    return len(bare) >= MIN_SURNAME and (_contains_words(text_words, surname)
                                         or _contains_words(text_words, bare))


def _postcode_found(text: str, postcode: str) -> bool:
    match = POSTCODE.match(_plain(postcode))
    if not match:
        plain = _plain(postcode)
        return bool(plain) and _contains_words(_plain(text), plain)
    digits, letters = match.groups()
    return re.search(rf"(?<!\d){digits}\s*{letters}(?![a-z])", _plain(text)) is not None


def _street_found(text_words: str, street: str) -> bool:
    """The street with its house number ("Dorpsstraat 1", not "Dorpsstraat 12"); a street
    given without a number is looked for as it is."""
    return _contains_words(text_words, _words(street))


def _number_found(text: str, number: str) -> bool:
    """A client number: its letters and digits in order, with or without spaces, dashes,
    dots or slashes between them ("12 34 56" is "123456"); not as part of a longer number."""
    wanted = re.sub(r"[\W_]", "", _plain(number))
    if len(wanted) < MIN_DIGITS:
        return False
    pattern = r"[\s\-./]?".join(re.escape(char) for char in wanted)
    before = r"(?<!\d)" if wanted[0].isdigit() else r"(?<![0-9a-z])"
    after = r"(?!\d)" if wanted[-1].isdigit() else r"(?![0-9a-z])"
    return re.search(before + pattern + after, _plain(text)) is not None


def _phone_found(text: str, phone: str) -> bool:
    wanted = _digits(phone)
    if len(wanted) < MIN_DIGITS:
        return False
    return any(wanted in run for run in _phone_runs(text))


def personal_data_in(text: str, complaint_fields: dict) -> list[str]:
    """The names of the complaint's personal fields (of FIELDS) whose value appears in `text`,
    in FIELDS' order; [] when it gives none of them away. `complaint_fields` maps a field's
    name to its value (missing or empty fields are skipped)."""
    if not (text or "").strip():
        return []
    text_words = _words(text)
    text_plain = _plain(text)
    found = []
    for field in FIELDS:
        value = str(complaint_fields.get(field) or "").strip()
        if not value:
            continue
        if field in NAME_FIELDS:
            hit = _name_found(text_words, value)
        elif field in PHONE_FIELDS:
            hit = _phone_found(text, value)
        elif field in EMAIL_FIELDS:
            hit = _plain(value) in text_plain
        elif field == "postcode":
            hit = _postcode_found(text, value)
        elif field == "street":
            hit = _street_found(text_words, value)
        else:
            hit = _number_found(text, value)
        if hit:
            found.append(field)
    return found
