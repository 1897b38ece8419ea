"""Fill the English catalog from the msgids, which are English already.

`make extract-messages` runs this after `pybabel update`: a new English entry needs no
translator, and a filled catalog lets the completeness test treat every language alike.
Entries that already have an English text (a deliberate rewording) are kept.
"""
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOG = Path(__file__).resolve().parent / "en" / "LC_MESSAGES" / "messages.po"


def main() -> None:
    with CATALOG.open("rb") as fh:
        catalog = read_po(fh, locale="en")
    filled = 0
    for message in catalog:
        if not message.id:
            continue  # the header
        if message.pluralizable:
            if not all(message.string):
                message.string = (message.id[0], *([message.id[1]] * (catalog.num_plurals - 1)))
                filled += 1
        elif not message.string:
            message.string = message.id
            filled += 1
        message.flags.discard("fuzzy")
    if filled:
        with CATALOG.open("wb") as fh:
            write_po(fh, catalog)
        print(f"{CATALOG.relative_to(Path.cwd()) if CATALOG.is_relative_to(Path.cwd()) else CATALOG}: "
              f"filled {filled} English entr{'y' if filled == 1 else 'ies'}")


if __name__ == "__main__":
    main()
