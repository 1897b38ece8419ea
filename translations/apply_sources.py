"""Write the translations kept in translations/source/<lang>.py into translations/<lang>/.

Each source file holds `T = {English msgid: text}` and, for plurals, `P = {singular msgid:
(form, form, ...)}` with as many forms as the language has (tr 1, pl and uk 3, ar 6). These
files are the place to edit Turkish, Arabic, Polish and Ukrainian: `make extract-messages` runs
this script after `pybabel update`, so a text set only in a .po file is overwritten by its source.

    python translations/apply_sources.py            # every source file
    python translations/apply_sources.py tr ar      # some languages

A source entry whose msgid no longer exists is reported (remove it from the source file) but
never fails the run: `make extract-messages` is shared by everyone.
"""
import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "source"


def apply(lang: str) -> None:
    source = SOURCES / f"{lang}.py"
    path = HERE / lang / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        print(f"{lang}: no catalog yet (pybabel init -l {lang} -i translations/messages.pot "
              f"-d translations)")
        return
    values = runpy.run_path(str(source))
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    unknown, changed = [], 0
    for msgid, text in {**values.get("T", {}), **values.get("P", {})}.items():
        message = catalog.get(msgid)
        if message is None:
            unknown.append(msgid)
            continue
        if message.pluralizable:
            text = tuple(text)
        if message.string != text or message.fuzzy:
            message.string = text
            message.flags.discard("fuzzy")
            changed += 1
    if changed:
        with path.open("wb") as fh:
            write_po(fh, catalog)
    print(f"translations/source/{lang}.py: {changed} entr{'y' if changed == 1 else 'ies'} set"
          + (f"; not in the catalog any more (remove them): {unknown}" if unknown else ""))


def main(langs: list[str]) -> None:
    for lang in langs or sorted(p.stem for p in SOURCES.glob("*.py")):
        apply(lang)


if __name__ == "__main__":
    main(sys.argv[1:])
