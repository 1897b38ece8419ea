"""Letters to the complainant (issue 4, "Letters"; Awb 9:6, 9:8, 9:11, 9:12).

Four kinds: the acknowledgement, declined (with its ground), extended (with the new date) and
decided (findings, judgement, measures). Each is written from a template the organisation may
edit, filled from the case, stored as a Letter with the complaint, sent by e-mail through the
outbox when the complainant (or their representative) can be reached that way, and made as a
PDF for the post on request (`pdf`).

- The texts: `templates/letters/<kind>.<lang>.txt`, plain text with a few placeholders
  (PLACEHOLDERS), rendered in a Jinja2 sandbox; the organisation's configuration overrides one
  with `letters.<kind>.<lang>` (`letter_template`). An override that does not render is logged
  and the default is used: a letter is never lost to a typo.
- The declined and decided letters always end with a fixed block naming the second line
  (Nationale ombudsman, or the organisation's own) and how to reach it — after the editable
  body, so no edit can leave it out.
- The letter is made in the transaction of the step it belongs to (`after_step`, called by
  casework.record; intake stores the acknowledgement with the complaint), together with its
  mail.

No Flask here: steps are also taken from the command line and from tests. Texts go through
Babel with the catalogs in translations/, in the complaint's language.
"""
from __future__ import annotations

import functools
import json
import logging
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Mapping
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.support import NullTranslations, Translations
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from peewee import JOIN, fn

from klachtenloket.domain.organisation import AWB_DECLINE_GROUNDS, Organisation
from klachtenloket.domain.terms import Term
from klachtenloket.models import Complaint, Letter, OutboxMail, Staff
from klachtenloket.services import configuration, outbox
from klachtenloket.services.deadlines import for_complaint

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates" / "letters"
TRANSLATIONS = ROOT / "translations"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# The organisation's own language: a letter in a language without a template of its own.
FALLBACK_LANGUAGE = "nl"

KINDS = Letter.KINDS
# The staff step that makes each kind of letter (klachtenloket.domain.states).
KIND_OF_STEP = {"acknowledged": "acknowledgement", "declined": "declined",
                "extended": "extended", "decided": "decided"}
# Kinds that end with the second line (Awb 9:8 and 9:12: the complainant may go on).
WITH_SECOND_LINE = ("declined", "decided")

# What a template may use; every value is plain text (dates already in words), a number, a
# yes/no or a list of lines, so a template cannot reach into anything else.
PLACEHOLDERS = {
    "name": "who the letter is addressed to (the representative, when one filed it)",
    "complainant": "the complainant's name",
    "on_behalf": "yes when a representative filed the complaint",
    "reference": "the complaint's number, e.g. KL-2026-00042",
    "date": "the letter's date, in words",
    "received_on": "the date the complaint was received, in words",
    "about": "the complaint as the complainant described it",
    "organisation": "the organisation's name",
    "handler": "the handler's name, or empty when none is assigned",
    "decision_due": "the date by which the complainant gets the answer, in words",
    "deadlines": "acknowledgement: the coming dates, one line each",
    "ground": "declined: the ground in words",
    "ground_article": "declined: the article it rests on, e.g. Awb 9:8(1)(b), or empty",
    "reason": "declined, extended: the reason staff wrote",
    "extension": "extended: how much longer, e.g. 4 weeks",
    "old_due": "extended: the date the answer was due, in words",
    "new_due": "extended: the new date, in words",
    "outcome": "decided: the judgement in words",
    "findings": "decided: what was found, and why",
    "measures": "decided: what the organisation will do, or empty",
}


# --- Babel without Flask ---------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _catalog(lang: str) -> NullTranslations:
    return Translations.load(str(TRANSLATIONS), [lang], domain="messages")


class _Texts:
    """gettext/ngettext in one language, formatting like Flask-Babel's (%(name)s)."""

    def __init__(self, lang: str):
        self.lang = lang
        self.catalog = _catalog(lang)

    def __call__(self, msgid: str, **values) -> str:
        text = self.catalog.gettext(msgid)
        return text % values if values else text

    def plural(self, singular: str, plural: str, num: int, **values) -> str:
        return self.catalog.ngettext(singular, plural, num) % {"num": num, **values}

    def date(self, value: date | None) -> str:
        return format_date(value, "full", locale=self.lang) if value else ""


# The judgement in words, for the outcomes the system knows (domain section 4); another
# organisation's own outcome reads as its label.
def _outcome_text(_: _Texts, key: str, label: str) -> str:
    known = {
        "upheld": _("Your complaint is upheld. This means: we agree with you."),
        "partly_upheld": _("Your complaint is partly upheld. This means: we agree with you on "
                           "some points, but not on all of them."),
        "not_upheld": _("Your complaint is not upheld. This means: we do not find that we "
                        "behaved wrongly."),
        "resolved_by_agreement": _("We found a solution together with you."),
        "withdrawn": _("You withdrew your complaint."),
        "not_admissible": _("We could not handle your complaint (not admissible)."),
    }
    return known.get(key) or _("Our judgement: %(outcome)s.", outcome=label or key)


# The Awb 9:8 grounds in words (their Dutch labels are klachtenloket.domain.organisation's);
# another organisation's own ground reads as its label.
def _ground_text(_: _Texts, key: str, label: str) -> str:
    known = {
        "already_handled": _("A complaint about this conduct has already been handled"),
        "older_than_a_year": _("The conduct took place more than a year before you made the "
                               "complaint"),
        "objection_possible": _("You could have made an objection against the conduct"),
        "appeal_possible": _("You can or could appeal against the conduct"),
        "court": _("A court (not an administrative court) judges or has judged the conduct"),
        "criminal_investigation": _("There is a criminal investigation or prosecution about "
                                    "the conduct"),
        "insufficient_interest": _("Your interest or the weight of the conduct is clearly too "
                                   "small"),
    }
    return known.get(key) or label or key


def _subject(_: _Texts, kind: str, reference: str) -> str:
    subjects = {
        "acknowledgement": _("We received your complaint %(reference)s", reference=reference),
        "declined": _("We do not handle your complaint %(reference)s", reference=reference),
        "extended": _("We need more time for your complaint %(reference)s", reference=reference),
        "decided": _("Our answer to your complaint %(reference)s", reference=reference),
    }
    return subjects[kind]


def _deadline_line(_: _Texts, deadline) -> str:
    names = {"first_contact": _("We contact you"),
             "decline_notice": _("If we do not handle your complaint, we tell you"),
             "decision": _("Our answer"),
             "extended_decision": _("Our answer (extended)")}
    by = _("by %(date)s", date=_.date(deadline.due))
    return f"{names.get(deadline.name, deadline.name)}: {by}"


# --- the organisation --------------------------------------------------------------------

def _organisation() -> Organisation:
    """The current organisation: the web app's when there is one, else the newest stored
    configuration, else the preset (as klachtenloket.web.organisation, without Flask)."""
    try:
        from flask import has_app_context
        if has_app_context():
            from klachtenloket.web.organisation import current_organisation
            return current_organisation()
    except ImportError:     # pragma: no cover — Flask is always installed with the app
        pass
    # The default of config.Config.PRESET.
    preset = os.environ.get("KLACHTENLOKET_PRESET", "wil-lekstroom")
    return Organisation.from_dict(configuration.stored_or_preset(preset))


# --- templates ---------------------------------------------------------------------------

_SANDBOX = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                trim_blocks=True, lstrip_blocks=True)


@functools.lru_cache(maxsize=None)
def default_template(kind: str, lang: str) -> str:
    """The shipped text of `kind` in `lang` (in Dutch when there is none in `lang`)."""
    if kind not in KINDS:
        raise ValueError(f"no letter of kind {kind!r}; kinds are {', '.join(KINDS)}")
    path = TEMPLATES / f"{kind}.{lang}.txt"
    if not path.is_file():
        path = TEMPLATES / f"{kind}.{FALLBACK_LANGUAGE}.txt"
    return path.read_text(encoding="utf-8")


def letter_template(org: Organisation | None, kind: str, lang: str) -> str:
    """The organisation's own text for `kind` in `lang` when its configuration has one —
    `{"letters": {"decided": {"nl": "..."}}}` (TOML `[letters.decided] nl = "..."`) or the
    flat key `"letters.decided.nl"` — else the shipped default."""
    raw = org.raw if org is not None else {}
    own = raw.get(f"letters.{kind}.{lang}")
    if own is None:
        section = raw.get("letters")
        kinds = section.get(kind) if isinstance(section, dict) else None
        own = kinds.get(lang) if isinstance(kinds, dict) else None
    if isinstance(own, str) and own.strip():
        return own
    return default_template(kind, lang)


@functools.lru_cache(maxsize=64)
def _compiled(text: str):
    return _SANDBOX.from_string(text)


def _tidy(text: str) -> str:
    """No spaces at line ends, at most one empty line in a row, none at the start or end: an
    edited template need not mind its blank lines."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def check_template(text: str) -> str | None:
    """None when `text` renders as a letter, else what is wrong (for the page where the
    organisation edits its letters): every placeholder is there, filled with a sample, and
    once more empty (on_behalf yes), so both sides of an `{% if %}` are tried."""
    sample = {**{name: "…" for name in PLACEHOLDERS}, "on_behalf": False, "deadlines": ["…"]}
    empty = {**{name: "" for name in PLACEHOLDERS}, "on_behalf": True, "deadlines": []}
    try:
        for values in (sample, empty):
            _compiled(text).render(values)
    except Exception as exc:  # noqa: BLE001 — every failure is reported the same way
        return f"{type(exc).__name__}: {exc}"
    return None


def render_body(org: Organisation | None, kind: str, lang: str, context: Mapping) -> str:
    """The editable part of the letter, filled in. An organisation's text that fails (an
    unknown placeholder, a syntax error) is logged and the shipped text is used instead."""
    text = letter_template(org, kind, lang)
    default = default_template(kind, lang)
    try:
        return _tidy(_compiled(text).render(dict(context)))
    except Exception:
        if text == default:
            raise
        log.warning("the organisation's %s letter (%s) does not render; using the default",
                    kind, lang, exc_info=True)
        return _tidy(_compiled(default).render(dict(context)))


def second_line_block(org: Organisation, lang: str, option: str | None = None) -> str:
    """Where the complainant can go next, and how to reach them: the fixed end of the declined
    and decided letters (Awb 9:12; for a public body the Nationale ombudsman)."""
    _ = _Texts(lang)
    line = org.second_line
    lines = [_("Do you disagree with this letter?")]
    if line.kind == "ombudsman":
        lines.append(_("Then you can ask the %(name)s to look at your complaint. Do this "
                       "within one year after the date of this letter.", name=line.name))
    else:
        lines.append(_("Then you can put your complaint to the %(name)s.", name=line.name))
    chosen = next((o for o in line.options if o.key == option), None) if option else None
    if chosen is not None:
        lines.append(_("For your complaint, that is: %(party)s.", party=chosen.label))
    contact = [line.name, *line.address]
    if line.phone:
        contact.append(_("Phone: %(phone)s", phone=line.phone))
    if line.email:
        contact.append(_("E-mail: %(email)s", email=line.email))
    if line.url:
        contact.append(_("Website: %(url)s", url=line.url))
    return "\n".join(lines) + "\n\n" + "\n".join(contact)


# --- composing a letter ------------------------------------------------------------------

@dataclass
class Composed:
    kind: str
    language: str
    dated: date
    subject: str
    body: str
    letterhead: dict = field(default_factory=dict)
    addressee: list[str] = field(default_factory=list)


def today() -> date:
    return datetime.now(AMSTERDAM).date()


def _date_of(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value:
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            return None
    return None


def addressee_name(complaint: Complaint) -> str:
    if complaint.filed_by == "representative" and complaint.representative_name:
        return complaint.representative_name
    return complaint.name


def _addressee(complaint: Complaint) -> list[str]:
    """The lines in the envelope's window. The address held is the complainant's: a letter to
    a representative shows only their name, and staff add the address."""
    name = addressee_name(complaint)
    if name != complaint.name:
        return [name]
    place = " ".join(part for part in (complaint.postcode, complaint.city) if part)
    return [line for line in (name, complaint.street, place) if line]


def _letterhead(org: Organisation, _: _Texts) -> dict:
    letter = org.channel("letter")
    phone, mail = org.channel("phone"), org.channel("email")
    contact = []
    if phone is not None and phone.value:
        contact.append(_("Phone: %(phone)s", phone=phone.value))
    if mail is not None and mail.value:
        contact.append(_("E-mail: %(email)s", email=mail.value))
    if org.website:
        contact.append(org.website.removeprefix("https://").removeprefix("http://"))
    return {"name": org.name, "address": list(letter.address) if letter else [],
            "contact": contact}


def _handler_name(handler: Any) -> str:
    if not isinstance(handler, int):
        return ""
    staff = Staff.get_or_none(Staff.id == handler)
    return staff.name if staff is not None else ""


def _extended_due(complaint: Complaint, weeks: int, suspended_days: int) -> date | None:
    """The new decision date: the decision term plus the weeks staff chose (Awb 9:11), as the
    deadline engine gives it (counted from receipt, then moved past Atw days)."""
    found = [d for d in for_complaint(complaint, suspended_days=suspended_days, extended=True,
                                      extension=Term(weeks, "weeks"))
             if d.name == "extended_decision"]
    return found[0].due if found else None


def compose(complaint: Complaint, kind: str, payload: Mapping | None = None,
            org: Organisation | None = None, case=None, on: date | None = None) -> Composed:
    """The letter of `kind` for `complaint`, in the complaint's language, as it reads today
    (or `on`). `payload` is the step's (declined: ground, reason; extended: weeks, reason,
    decision_due; decided: outcome, findings, measures, and optionally second_line: the
    chosen option of a commissioning party); `case` the complaint's CaseState after it."""
    if kind not in KINDS:
        raise ValueError(f"no letter of kind {kind!r}; kinds are {', '.join(KINDS)}")
    org = org or _organisation()
    payload = payload or {}
    lang = complaint.language or FALLBACK_LANGUAGE
    _ = _Texts(lang)
    dated = on or _date_of(payload.get("on")) or today()     # the step's own date, if any
    suspended = case.suspended_days if case is not None else 0
    deadlines = for_complaint(complaint, suspended_days=suspended,
                              extended=bool(case is not None and case.extended))
    due = {d.name: d.due for d in deadlines}
    context = {
        "name": addressee_name(complaint),
        "complainant": complaint.name,
        "on_behalf": complaint.filed_by == "representative",
        "reference": complaint.reference,
        "date": _.date(dated),
        "received_on": _.date(complaint.received_on),
        "about": complaint.description,
        "organisation": org.name,
        "handler": _handler_name(case.handler) if case is not None else "",
        "decision_due": _.date(due.get("extended_decision") or due.get("decision")),
        "deadlines": [_deadline_line(_, d) for d in deadlines
                      if d.name in ("first_contact", "decline_notice", "decision",
                                    "extended_decision")],
        "ground": "", "ground_article": "", "reason": str(payload.get("reason") or ""),
        "extension": "", "old_due": "", "new_due": "",
        "outcome": "", "findings": str(payload.get("findings") or ""),
        "measures": str(payload.get("measures") or ""),
    }
    if kind == "declined":
        key = str(payload.get("ground") or "")
        option = org.decline_ground(key) or next((g for g in AWB_DECLINE_GROUNDS if g.key == key),
                                                 None)
        context["ground"] = _ground_text(_, key, option.label if option else "")
        context["ground_article"] = option.article if option else ""
    elif kind == "extended":
        weeks = int(payload.get("weeks") or 0)
        ngettext = _.plural
        context["extension"] = ngettext("%(num)d week", "%(num)d weeks", weeks)
        context["old_due"] = _.date(_date_of(payload.get("decision_due")) or due.get("decision"))
        context["new_due"] = _.date(_extended_due(complaint, weeks, suspended))
    elif kind == "decided":
        key = str(payload.get("outcome") or "")
        option = org.outcome(key)
        context["outcome"] = _outcome_text(_, key, option.label if option else "")
    body = render_body(org, kind, lang, context)
    if kind in WITH_SECOND_LINE:
        body += "\n\n" + second_line_block(org, lang, payload.get("second_line"))
    return Composed(kind=kind, language=lang, dated=dated,
                    subject=_subject(_, kind, complaint.reference), body=body,
                    letterhead=_letterhead(org, _), addressee=_addressee(complaint))


# --- storing and sending ----------------------------------------------------------------

def email_recipients(complaint: Complaint) -> list[str]:
    """Who gets a letter by e-mail: the addresses given, unless the complainant asked for
    answers by letter (then it goes by post only)."""
    if complaint.reply_by == "letter":
        return []
    return complaint.contact_emails()


def make_letter(complaint: Complaint, kind: str, payload: Mapping | None, actor: str,
                organisation: Organisation | None = None, case=None,
                mails: list[OutboxMail] | None = None) -> Letter:
    """Write the letter, store it with the complaint and queue its e-mail(s). Call it inside
    the transaction of the step it belongs to. `mails`: the mails that already carry it (the
    acknowledgement at intake, which adds the private link); otherwise one mail is queued to
    each address of `email_recipients`. `actor` is how events name who did it."""
    composed = compose(complaint, kind, payload, organisation, case)
    if mails is None:
        mails = [outbox.enqueue(f"letter_{kind}", address, composed.subject, composed.body,
                                complaint)
                 for address in email_recipients(complaint)]
    number = (Letter.select(fn.MAX(Letter.number)).where(Letter.complaint == complaint)
              .scalar() or 0) + 1
    return Letter.create(
        complaint=complaint, number=number, kind=kind, language=composed.language,
        dated=composed.dated, subject=composed.subject, body=composed.body,
        letterhead_json=json.dumps(composed.letterhead, ensure_ascii=False),
        addressee="\n".join(composed.addressee), created_by=actor,
        email_to=", ".join(mail.recipient for mail in mails),
        outbox_mail=mails[0] if mails else None)


def after_step(complaint: Complaint, kind: str, payload: Mapping | None, staff: Staff,
               case=None, organisation: Organisation | None = None) -> Letter | None:
    """The letter a staff step calls for, made in the step's transaction (casework.record):
    acknowledged, declined, extended, decided. An acknowledgement that was already written
    (at intake, where it went with the private link) is not written twice."""
    letter_kind = KIND_OF_STEP.get(kind)
    if letter_kind is None:
        return None
    if letter_kind == "acknowledgement" and Letter.select().where(
            Letter.complaint == complaint, Letter.kind == letter_kind).exists():
        return None
    from klachtenloket.services.intake import staff_actor   # intake imports this module
    return make_letter(complaint, letter_kind, payload, staff_actor(staff), organisation, case)


def for_complaint_letters(complaint: Complaint) -> list[Letter]:
    """The complaint's letters, oldest first, with their first mail."""
    return list(Letter.select(Letter, OutboxMail).join(OutboxMail, JOIN.LEFT_OUTER)
                .where(Letter.complaint == complaint).order_by(Letter.number))


def find(complaint: Complaint, number: int) -> Letter | None:
    return Letter.get_or_none(Letter.complaint == complaint, Letter.number == number)


# --- PDF ---------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _pdf_environment(lang: str) -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(["html"]), extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(_catalog(lang), newstyle=True)
    return env


def letter_html(letter: Letter, complaint: Complaint | None = None) -> str:
    """The letter as the HTML its PDF is made from (templates/letters/letter.html)."""
    complaint = complaint or letter.complaint
    _ = _Texts(letter.language)
    head = letter.letterhead
    # The sender's line above the window, when there is an address to return the letter to.
    sender = " · ".join([head.get("name", ""), *head["address"]]) if head.get("address") else ""
    return _pdf_environment(letter.language).get_template("letter.html").render(
        letter=letter, reference=complaint.reference, lang=letter.language,
        dated=format_date(letter.dated, "long", locale=letter.language),
        letterhead=head, addressee=letter.addressee_lines, sender=sender,
        paragraphs=_paragraphs(letter.body))


@dataclass
class Paragraph:
    heading: str        # a short first line of its own, printed bold ("Ons oordeel")
    text: str


def _paragraphs(body: str) -> list[Paragraph]:
    """The body's paragraphs (split at empty lines). A paragraph whose short first line ends
    without . , : or ; reads as a heading over the rest (the texts' "Ons oordeel", "Bent u het
    niet eens met deze brief?")."""
    found = []
    for part in body.split("\n\n"):
        first, _newline, rest = part.strip("\n").partition("\n")
        if rest and len(first) <= 60 and not first.rstrip().endswith((".", ",", ":", ";")):
            found.append(Paragraph(first, rest))
        elif part.strip():
            found.append(Paragraph("", part.strip("\n")))
    return found


def pdf(letter: Letter, complaint: Complaint | None = None) -> bytes:
    """The letter as an A4 PDF for the post (WeasyPrint, which needs Pango: see README).
    Made on request from what is stored, so it is the letter as it was sent."""
    import weasyprint     # heavy (and needs Pango): only where a PDF is made
    from weasyprint.urls import URLFetcher

    # Everything the letter needs is in its HTML: nothing is fetched, no file, no network.
    document = weasyprint.HTML(string=letter_html(letter, complaint),
                               url_fetcher=URLFetcher(allowed_protocols=()))
    return document.write_pdf(pdf_variant="pdf/ua-1")
