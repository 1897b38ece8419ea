"""The texts of the e-mails to residents that the organisation may write itself (issue 5): the
acknowledgement (the letter, with the private link) and a new link. Kept in the configuration
as `[emails.<kind>] <lang> = "..."`, as the letters' own texts are (`[letters.<kind>]`), and
edited on the same kind of page (views/staff/settings_emails.py).

The standard text is the shipped template (templates/emails/<kind>.txt) in that language, its
values shown as placeholders. An own text is rendered in the letters' sandbox with plain values
only; one that fails is logged and the standard text is used: a mail is never lost to a typo."""
from __future__ import annotations

import logging
from types import SimpleNamespace

from flask import render_template
from flask_babel import force_locale

from klachtenloket.services.letters import _compiled

log = logging.getLogger(__name__)

KINDS = ("acknowledgement", "link")
SECTION = "emails"
TEMPLATES = {"acknowledgement": "emails/acknowledgement.txt", "link": "emails/link.txt"}
# The placeholders each mail can use, in the order the page lists them.
PLACEHOLDERS = {"acknowledgement": ("name", "reference", "organisation", "letter", "link"),
                "link": ("name", "reference", "organisation", "link")}


def own_text(raw: dict, kind: str, lang: str) -> str | None:
    """The organisation's own text (the flat key `emails.<kind>.<lang>` first), or None."""
    own = raw.get(f"{SECTION}.{kind}.{lang}")
    if own is None:
        section = raw.get(SECTION)
        kinds = section.get(kind) if isinstance(section, dict) else None
        own = kinds.get(lang) if isinstance(kinds, dict) else None
    return own if isinstance(own, str) and own.strip() else None


def default_text(kind: str, lang: str) -> str:
    """The shipped mail in `lang`, with `{{ name }}` … where the values go."""
    marks = {name: "{{ %s }}" % name for name in PLACEHOLDERS[kind]}
    complaint = SimpleNamespace(representative_name="", name=marks["name"],
                                reference=marks["reference"])
    with force_locale(lang):
        return render_template(TEMPLATES[kind], complaint=complaint, deadlines=[],
                               letter=marks.get("letter", ""), link=marks["link"],
                               org=SimpleNamespace(name=marks["organisation"])).strip()


def check(text: str, kind: str) -> str | None:
    """None when `text` renders with `kind`'s placeholders (filled, then empty), else what is
    wrong, as letters.check_template says it."""
    try:
        for value in ("…", ""):
            _compiled(text).render({name: value for name in PLACEHOLDERS[kind]})
    except Exception as exc:  # noqa: BLE001 — every failure is reported the same way
        return f"{type(exc).__name__}: {exc}"
    return None


def render(text: str, values: dict) -> str:
    return _compiled(text).render(values).strip() + "\n"


def own_body(org, kind: str, lang: str, values: dict) -> str | None:
    """The mail from the organisation's own text, or None: no own text, or one that fails."""
    text = own_text(org.raw if org is not None else {}, kind, lang)
    if text is None:
        return None
    try:
        return render(text, values)
    except Exception:  # noqa: BLE001
        log.warning("the organisation's %s e-mail (%s) does not render; using the standard "
                    "text", kind, lang, exc_info=True)
        return None
