"""Print the msgids a language still lacks, ready to paste into translations/source/<lang>.py.

    python translations/missing.py            # tr, ar, pl and uk
    python translations/missing.py tr         # one language

Only what the language must translate (translations/scope.py: everything public; staff-only
texts need Dutch and English alone). Each line holds the Dutch text as a comment, to translate
from; plurals are printed for P with as many forms as the language needs. Exit status 1 while
anything is missing.
"""
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from scope import must_translate

HERE = Path(__file__).resolve().parent


def _read(lang: str):
    with (HERE / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def missing(lang: str) -> list:
    catalog = _read(lang)
    found = []
    for message in catalog:
        if not message.id or not must_translate(message, lang):
            continue
        strings = message.string if message.pluralizable else (message.string,)
        if (message.fuzzy or not strings or len(strings) != (catalog.num_plurals if message.pluralizable else 1)
                or not all(s and s.strip() for s in strings)):
            found.append(message)
    return found


def main(langs: list[str]) -> int:
    dutch = _read("nl")
    gaps = 0
    for lang in langs or ["tr", "ar", "pl", "uk"]:
        todo = missing(lang)
        gaps += len(todo)
        print(f"# translations/source/{lang}.py: {len(todo)} missing")
        for message in todo:
            nl = dutch.get(message.id)
            where = ", ".join(f"{path}:{line}" for path, line in message.locations[:2])
            if message.pluralizable:
                forms = _read(lang).num_plurals
                print(f"# P  NL: {nl.string if nl else ''!r}  ({where})")
                print(f"    {message.id[0]!r}: {tuple('' for _ in range(forms))!r},")
            else:
                print(f"# T  NL: {nl.string if nl else ''!r}  ({where})")
                print(f"    {message.id!r}: \"\",")
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
