"""Set many translations at once from a Python file holding T = {msgid: text} (and, for plurals,
P = {singular msgid: (singular text, plural text)}): python translations/set_many.py nl FILE"""
import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def main(lang: str, source: str) -> None:
    values = runpy.run_path(source)
    path = Path(__file__).resolve().parent / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    missing = []
    for msgid, text in {**values.get("T", {}), **values.get("P", {})}.items():
        message = catalog.get(msgid)
        if message is None:
            missing.append(msgid)
            continue
        message.string = text
        message.flags.discard("fuzzy")
    with path.open("wb") as fh:
        write_po(fh, catalog)
    if missing:
        sys.exit(f"not in {path}: {missing}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
