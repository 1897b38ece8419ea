"""The Dutch a resident reads is at B1 level: short sentences and no long words.

What is checked: every Dutch text in translations/nl that a resident can meet (its msgid is
used on a public page, form, e-mail or letter: translations/scope.py), and the Dutch letters
(templates/letters/*.nl.txt). A placeholder counts as one word; Jinja tags are left out.

The limits (README, "Languages"): a sentence has at most MAX_SENTENCE_WORDS words, and a word
at most MAX_WORD_LETTERS letters, apart from the few compounds in LONG_WORDS_ALLOWED. A hyphen
splits a word (niet-ontvankelijk reads as two).

Run `python -m tests.unit.test_b1` to print the longest sentences and words.
"""
import re
from pathlib import Path

from babel.messages.pofile import read_po

from translations.scope import is_staff_only

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
LETTERS = ROOT / "templates" / "letters"

MAX_SENTENCE_WORDS = 15
MAX_WORD_LETTERS = 15
# Words of the procedure a resident meets in every letter and on the site, for which plain
# Dutch has no shorter word that means the same.
LONG_WORDS_ALLOWED = {
    "ontvangstbevestiging": "the acknowledgement (Awb 9:6), its name in every letter",
    "klachtencoördinator": "the person who calls the resident; the organisations' own title",
    "klachtbehandelaar": "the staff member handling the complaint, named in letters",
    "privacyverklaring": "the usual name of the privacy statement the footer links to",
}

SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
WORD = re.compile(r"[^\W\d_]+")


def _plain(text: str) -> str:
    text = re.sub(r"\{%.*?%\}|\{#.*?#\}", " ", text, flags=re.S)
    text = re.sub(r"\{\{.*?\}\}", "X", text)
    return re.sub(r"%\(\w+\)[sd]", "X", text)


def public_dutch() -> list[tuple[str, str]]:
    """(where, text) for every Dutch text a resident reads."""
    with CATALOG.open("rb") as fh:
        catalog = read_po(fh, locale="nl")
    texts = []
    for message in catalog:
        if not message.id or is_staff_only(message):
            continue
        where = "%s:%s" % message.locations[0] if message.locations else "?"
        strings = message.string if message.pluralizable else (message.string,)
        texts += [(where, string) for string in strings if string]
    for path in sorted(LETTERS.glob("*.nl.txt")):
        texts.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
    return texts


def measure() -> tuple[list, list]:
    """Sentences as (words, sentence, where) and words as (letters, word, where), longest first."""
    sentences, words = [], {}
    for where, text in public_dutch():
        for sentence in SENTENCE_END.split(_plain(text)):
            found = WORD.findall(sentence)
            if found:
                sentences.append((len(found), " ".join(sentence.split()), where))
            for word in found:
                words.setdefault(word.lower(), (len(word), word.lower(), where))
    return sorted(sentences, reverse=True), sorted(words.values(), reverse=True)


def report(top: int = 10) -> str:
    sentences, words = measure()
    average = sum(n for n, _s, _w in sentences) / len(sentences)
    lines = [f"{len(sentences)} sentences, {average:.1f} words on average; the longest:"]
    lines += [f"  {n:2d} words: {s}  ({where})" for n, s, where in sentences[:top]]
    lines += ["the longest words:"]
    lines += [f"  {n:2d} letters: {w}  ({where})" for n, w, where in words[:top]]
    return "\n".join(lines)


def test_no_public_dutch_sentence_is_longer_than_the_limit():
    sentences, _words = measure()
    too_long = [f"{n} words: {s}  ({where})" for n, s, where in sentences
                if n > MAX_SENTENCE_WORDS]
    assert not too_long, (
        f"B1: at most {MAX_SENTENCE_WORDS} words a sentence; split these (translations/nl via "
        "translations/set_many.py, or the letter):\n  " + "\n  ".join(too_long)
        + "\n\n" + report())


def test_no_public_dutch_word_is_longer_than_the_limit():
    _sentences, words = measure()
    too_long = [f"{w} ({n} letters, {where})" for n, w, where in words
                if n > MAX_WORD_LETTERS and w not in LONG_WORDS_ALLOWED]
    assert not too_long, (
        f"B1: at most {MAX_WORD_LETTERS} letters a word; use a shorter or more common word "
        "(or add an unavoidable one to LONG_WORDS_ALLOWED with a reason):\n  "
        + "\n  ".join(too_long) + "\n\n" + report())


def test_the_check_reads_the_letters_and_the_pages_but_not_the_back_office():
    texts = dict(public_dutch())
    assert "templates/letters/acknowledgement.nl.txt" in texts
    assert "Een klacht indienen" in texts.values()      # the start page's heading
    assert "Uitloggen" not in texts.values()            # the back office's "Log out"


if __name__ == "__main__":
    print(report(25))
