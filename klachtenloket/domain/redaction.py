"""Marking other people's names for redaction (an AVG access request, issue 7).

A person who asks for their file gets what is stored about them, not about others (AVG 15(4)):
names of third parties in notes and letters, and the names of staff, are for the privacy officer
to weigh before release. This marks them; it never removes anything, so nothing is lost when it
marks too much. A machine cannot tell every name, so it errs on the side of marking:

- every run of capitalised words (with Dutch particles such as "van der" inside it) that is
  not the person's own name, except one ordinary word that starts a sentence ("De", "Gisteren");
- every staff name it is given, wherever it appears, also in lower case or inside a sentence.

A mark is "[[REDACT? Jan de Vries]]". Plain Python: no Flask, no database.
"""
from __future__ import annotations

import re
from typing import Iterable

MARK_OPEN, MARK_CLOSE = "[[REDACT? ", "]]"
PARTICLES = {"van", "de", "der", "den", "ter", "ten", "te", "'t", "el", "al",
             "bin", "ben", "da", "di", "du", "la", "le", "von", "zu", "vander", "'s"}
# Capitalised words that are not names when they stand alone (sentence starts, titles, months,
# days, the words of address). A run of two or more capitalised words is marked regardless.
COMMON = {word.casefold() for word in """
    De Het Een Ik Wij We Jij Je U Uw Zij Ze Hij Hem Haar Hun Mijn Onze Ons Dit Dat Deze Die Daar
    Hier Er En Of Maar Want Dus Toen Als Omdat Nadat Voordat Sinds Tot Op In Bij Na Voor Met Van
    Aan Om Over Door Naar Zonder Ook Nog Wel Niet Geen Wat Wie Waar Wanneer Waarom Hoe Welke
    Graag Helaas Vandaag Gisteren Morgen Daarna Verder Tevens Bovendien Vervolgens Ten Sinds
    Januari Februari Maart April Mei Juni Juli Augustus September Oktober November December
    Maandag Dinsdag Woensdag Donderdag Vrijdag Zaterdag Zondag
    Geachte Beste Hallo Dag Met Vriendelijke Groet Groeten Hoogachtend Bijlage Betreft Datum
    Klacht Klager Klantnummer Kenmerk Referentie Telefoon Adres Mevrouw Meneer Heer Dhr Mw Mr Dr
    Nee Ja Oké Ok Sorry Dank Bedankt The A An I We You He She They It This That On At For And
    Dear Regards Yes No Today Yesterday Tomorrow
""".split()}

# A capitalised word of letters, perhaps joined by an apostrophe or hyphen ("Jan-Willem",
# "D'Souza"); never one with digits (a reference such as KL-2026-00042).
WORD = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’\-][^\W\d_]+)*"
PARTICLE = r"(?:" + "|".join(sorted((re.escape(p) for p in PARTICLES), key=len,
                                     reverse=True)) + r")"
# A capitalised word, then more capitalised words, each optionally after particles.
NAME_RUN = re.compile(rf"(?<![\w\[\-]){WORD}(?:(?:\s+{PARTICLE})*\s+{WORD})*(?![\w'’\-])")
SENTENCE_START = re.compile(r"(^|[.!?:;]\s+|\n\s*|[\"'(]\s*)$")


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def mark(text: str, *, own_names: Iterable[str] = (), staff_names: Iterable[str] = (),
         known_words: Iterable[str] = ()) -> str:
    """`text` with other people's names marked (see the module's text). `own_names`: the person's
    own name(s), never marked; `staff_names`: always marked; `known_words`: public words never
    marked alone (the organisation's name, its units, municipalities)."""
    if not text:
        return text
    own = {_normal(n) for n in own_names if n and n.strip()}
    own_parts = {part for n in own for part in n.split() if part not in PARTICLES}
    known = {_normal(w) for w in known_words if w and w.strip()}
    known_parts = {part for w in known for part in w.split()}
    staff = sorted({" ".join(n.split()) for n in staff_names if n and n.strip()}, key=len,
                   reverse=True)

    # Staff names first, wherever they stand (longest first, so "Jan de Vries" wins over "Jan").
    if staff:
        pattern = re.compile(r"(?<![\w\[])(" + "|".join(
            r"\s+".join(re.escape(part) for part in name.split()) for name in staff)
            + r")(?!\w)", re.IGNORECASE)
        text = pattern.sub(lambda m: f"{MARK_OPEN}{m.group(1)}{MARK_CLOSE}", text)

    def replace(match: re.Match) -> str:
        run = match.group(0)
        start = match.start()
        if _inside_mark(text, start):
            return run
        words = run.split()
        normal = _normal(run)
        if normal in own or normal in known:
            return run
        if len(words) == 1:
            word = normal.strip("'’-")
            if word in COMMON or word in own_parts or word in known_parts:
                return run
            if run.isupper() and len(run) > 1:
                return run      # an abbreviation (AVG, UWV, WIL), not a name
            if SENTENCE_START.search(text[:start]) and word.isalpha() and not _looks_like_name(
                    text, match.end()):
                return run
        elif all(w.casefold() in own_parts | known_parts | PARTICLES | COMMON for w in words) \
                and any(w.casefold() in own_parts | known_parts for w in words):
            return run      # the own name with a title or in another order ("Mevrouw El Amrani")
        elif words[0].casefold() in COMMON and len(words) == 2 and SENTENCE_START.search(
                text[:start]):
            # "Gisteren Jan": the first word starts the sentence; mark only the name.
            rest = run[len(words[0]):].lstrip()
            if rest.casefold() in own_parts or rest.casefold() in known_parts or (
                    rest.isupper() and " " not in rest):
                return run
            return run[:len(run) - len(rest)] + f"{MARK_OPEN}{rest}{MARK_CLOSE}"
        return f"{MARK_OPEN}{run}{MARK_CLOSE}"

    return NAME_RUN.sub(replace, text)


def _inside_mark(text: str, position: int) -> bool:
    opened = text.rfind(MARK_OPEN, 0, position)
    return opened != -1 and text.find(MARK_CLOSE, opened) >= position


def _looks_like_name(text: str, end: int) -> bool:
    # A sentence-initial word followed by a comma and a verb is an address ("Jan, ik ...");
    # followed by a verb it is a subject. Without a dictionary: a lone word at a sentence start
    # is only marked when a comma follows it directly (address) — names inside sentences are
    # always marked.
    return text[end:end + 1] == ","


def count_marks(text: str) -> int:
    return text.count(MARK_OPEN)
