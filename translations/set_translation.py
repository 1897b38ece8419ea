"""Set one Dutch (or other) translation from the shell: python translations/set_translation.py nl MSGID TEXT"""
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def main(lang: str, msgid: str, text: str) -> None:
    path = Path(__file__).resolve().parent / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    message = catalog.get(msgid)
    if message is None:
        sys.exit(f"no msgid {msgid!r} in {path}")
    message.string = text
    message.flags.discard("fuzzy")
    with path.open("wb") as fh:
        write_po(fh, catalog)


if __name__ == "__main__":
    main(*sys.argv[1:4])
