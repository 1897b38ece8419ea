"""Every text a resident reads exists in Dutch and in English.

- every catalog translates every msgid of translations/messages.pot (Turkish, Arabic, Polish
  and Ukrainian: every one a resident reads, translations/scope.py), nothing fuzzy, with
  the same placeholders, and its compiled .mo matches it (`make translations`);
- the .pot is up to date: a string added to a template or form without
  `make extract-messages` fails here, and so does one extracted but left untranslated;
- the resident's pages, their error states and the mails, rendered in Dutch and in
  English, share no text except proper names and what the resident typed: a text node
  that is the same in both languages is a string that does not go through Babel, or one
  that was never translated;
- the language follows ?lang=, then the browser, then Dutch.
"""
import re
from collections import Counter
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from klachtenloket import db
from klachtenloket.models import OutboxMail
from klachtenloket.web.i18n import LANGUAGE_NAMES
from klachtenloket.web.organisation import current_organisation
from tests.conftest import CheckingClient, csrf_token
from translations.scope import must_translate

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"
CATALOGS = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
SITE_LANGUAGES = ("nl", "en")

# printf-style placeholders as gettext's python-format knows them: %(name)s, %(num)d, %s, %%.
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]")
LETTER = re.compile(r"[^\W\d_]")

# Text that is rightly the same on the Dutch and the English page. Proper names of the
# organisation and what the resident typed are added per test (see `allowed_same`).
ALLOWED_SAME = {
    **{name: "each language is named in itself in the language menu, so a person finds their own"
       for name in LANGUAGE_NAMES.values()},
}


def _locale(po_path: Path) -> str:
    return po_path.parent.parent.name


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _read(path: Path, **kwargs):
    with path.open("rb") as fh:
        return read_po(fh, **kwargs)


def _forms(message) -> tuple[str, ...]:
    return tuple(message.id) if message.pluralizable else (message.id,)


def _strings(message) -> tuple[str, ...]:
    if message.pluralizable:
        return tuple(message.string or ())
    return (message.string,)


def _placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text or ""))


# --- the catalogs -------------------------------------------------------------------------

def test_there_is_a_catalog_for_every_language_the_site_offers():
    assert POT.is_file(), "run `make extract-messages`"
    locales = {_locale(p) for p in CATALOGS}
    assert set(SITE_LANGUAGES) <= locales, f"missing catalogs: {set(SITE_LANGUAGES) - locales}"


@pytest.mark.parametrize("po_path", CATALOGS, ids=_locale)
def test_catalog_translates_every_msgid_with_the_same_placeholders(po_path):
    template = _read(POT)
    catalog = _read(po_path, locale=_locale(po_path))
    problems = []
    for entry in template:
        if not entry.id:
            continue
        message = catalog.get(entry.id, entry.context)
        label = _forms(entry)[0]
        if message is None:
            problems.append(f"not in the catalog (run `make extract-messages`): {label!r}")
            continue
        if message.fuzzy:
            problems.append(f"fuzzy (check the translation, then remove the flag): {label!r}")
        strings = _strings(message)
        if entry.pluralizable:
            if len(strings) != catalog.num_plurals:
                problems.append(f"needs {catalog.num_plurals} plural forms: {label!r}")
            # msgstr[0] goes with the msgid, every other form with the msgid_plural.
            sources = [entry.id[0]] + [entry.id[1]] * (len(strings) - 1)
        else:
            sources = [entry.id]
        for source, string in zip(sources, strings):
            if not string or not string.strip():
                # Staff-only texts need Dutch and English alone (translations/scope.py).
                if must_translate(entry, _locale(po_path)):
                    problems.append(f"not translated: {source!r}")
            elif _placeholders(string) != _placeholders(source):
                problems.append(f"placeholders differ: {source!r} -> {string!r}")
    assert not problems, f"{_shown(po_path)}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("po_path", CATALOGS, ids=_locale)
def test_compiled_catalog_matches_the_po_file(po_path):
    """The site reads the .mo files: a stale one shows old or missing text."""
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.is_file(), f"{_shown(mo_path)} is missing: run `make translations`"
    with mo_path.open("rb") as fh:
        compiled = read_mo(fh)
    source = _read(po_path, locale=_locale(po_path))
    stale = [_forms(m)[0] for m in source
             if m.id and not m.fuzzy and any(_strings(m))    # an empty entry is not compiled
             and (compiled.get(m.id) is None or _strings(compiled.get(m.id)) != _strings(m))]
    assert not stale, (f"{_shown(mo_path)} is older than its .po "
                       f"(run `make translations`): {stale[:5]}")


def _extract_arguments() -> list[str]:
    """The keywords `make extract-messages` extracts with, read from the Makefile."""
    makefile = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    line = next((ln for ln in makefile.splitlines()
                 if "pybabel" in ln and re.search(r"\bextract\b", ln)), None)
    assert line, "the Makefile's extract-messages target runs `pybabel extract`"
    keywords = re.findall(r"(?:-k|--keywords?)[ =](\S+)", line)
    assert "_l" in keywords, "forms use _l (lazy_gettext): extract it"
    return [arg for keyword in keywords for arg in ("-k", keyword)]


def test_the_pot_file_holds_every_string_in_the_sources(tmp_path, monkeypatch):
    fresh = tmp_path / "messages.pot"
    monkeypatch.chdir(ROOT)     # as `make extract-messages` runs it
    status = CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", "translations/babel.cfg",
         *_extract_arguments(), "-o", str(fresh), "."])
    assert not status and fresh.is_file()
    committed = {m.id if not m.pluralizable else tuple(m.id) for m in _read(POT) if m.id}
    missing = [m for m in _read(fresh) if m.id
               and (m.id if not m.pluralizable else tuple(m.id)) not in committed]
    assert not missing, (
        "strings in the sources that are not in translations/messages.pot — run "
        "`make extract-messages` and translate them:\n  "
        + "\n  ".join(f"{_forms(m)[0]!r} ({', '.join(f'{f}:{n}' for f, n in m.locations)})"
                      for m in missing))


# --- the pages ----------------------------------------------------------------------------

class VisibleText(HTMLParser):
    """The text a person sees or hears: text nodes and the attributes screen readers say."""

    SKIP = {"script", "style", "template"}
    SPOKEN = ("aria-label", "title", "alt", "placeholder")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.lang = None
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag in self.SKIP:
            self._skipping += 1
        for name, value in attrs:
            if name in self.SPOKEN and value:
                self._add(value)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self._add(data)

    def _add(self, text):
        text = " ".join(text.split())
        if LETTER.search(text):     # "·", "08:30", "(" are the same in every language
            self.texts.append(text)


def visible(html: str) -> VisibleText:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser


RECENT = (date.today() - timedelta(days=7)).isoformat()
OLD = (date.today() - timedelta(days=400)).isoformat()    # shows the "more than a year" warning
FUTURE = (date.today() + timedelta(days=30)).isoformat()
TYPED = {   # what the resident types; it comes back as typed on both pages
    "name": "Fatima el Amrani", "street": "Dorpsstraat 1", "postcode": "3431 AB",
    "city": "Nieuwegein", "phone": "06 12345678", "email": "fatima@example.nl",
    "reply_by": "email", "description": "De medewerker aan de balie was onbeleefd.",
    "event_date": OLD, "event_time": "14:30", "unit": "Werk", "employee_name": "Piet",
    "desired_outcome": "Excuses", "client_number": "K12345",
}
ADDED = "Ik heb nog een brief gevonden."
REASON = "Het is opgelost."
SHORT = "Onbeleefd."
TOO_LONG = "x" * 2001      # the reason may be 2000 characters


def allowed_same(app) -> dict[str, str]:
    """ALLOWED_SAME plus the organisation's proper names and the resident's own words."""
    allowed = dict(ALLOWED_SAME)
    with app.test_request_context(), db.database.connection_context():
        org = current_organisation()
    names = [org.name, org.short_name, org.second_line.name, org.second_line.url, org.website,
             *org.units, *org.second_line.address]
    for channel in org.channels:
        names += [channel.value, channel.addressee, *channel.address]
    for name in filter(None, names):
        allowed[name] = ("the organisation's own data (names, teams, addresses), entered once "
                         "by the organisation and not translated")
    for value in (*TYPED.values(), ADDED, REASON, SHORT, TOO_LONG, "Jan Hulp"):
        allowed[value] = "what the resident typed comes back exactly as typed"
    return allowed


def walk(client, lang: str) -> dict[str, str]:
    """Every page of the resident's path and its error states, in one language.
    Returns {page name: HTML}; mails are added as plain text under "mail: ..."."""
    pages = {}
    q = f"?lang={lang}"

    def get(name, url, status=200):
        response = client.get(url + q)
        assert response.status_code == status, (name, response.status_code)
        pages[name] = response.text
        return response

    def post(name, url, data, status=200, token_from=None):
        if token_from is not None:
            data = {**data, "csrf_token": csrf_token(pages[token_from])}
        response = client.post(url + q, data=data)
        assert response.status_code == status, (name, response.status_code, response.text[:500])
        if status < 300:
            pages[name] = response.text
        return response

    get("start", "/")

    # Step 1: who is the complaint for.
    get("who", "/klacht/indienen")
    post("who: nothing chosen", "/klacht/indienen", {}, token_from="who")
    post("who: self", "/klacht/indienen", {"filed_by": "self"}, status=302, token_from="who")

    # Step 2: the complaint, for oneself, with every kind of error.
    get("details: self", "/klacht/gegevens")
    post("details: self, empty", "/klacht/gegevens", {}, token_from="details: self")
    post("details: self, wrong formats", "/klacht/gegevens",
         {"name": "A\x01", "email": "not-an-address", "phone": "call me", "postcode": "x" * 11,
          "event_date": "31-02-2026", "event_time": "25:99", "reply_by": "letter",
          "description": SHORT, "unit": "no such team"}, token_from="details: self")
    post("details: self, future date", "/klacht/gegevens",
         {"name": "A", "event_date": FUTURE, "reply_by": "email", "description": SHORT},
         token_from="details: self")
    post("details: self, phone without number", "/klacht/gegevens",
         {"name": "A", "event_date": RECENT, "reply_by": "phone", "description": SHORT},
         token_from="details: self")
    post("details: self, expired form", "/klacht/gegevens",
         {**TYPED, "csrf_token": "expired"})
    post("details: self, filled in", "/klacht/gegevens", TYPED, status=302,
         token_from="details: self")

    # Step 3: check and send.
    get("check", "/klacht/controleren")
    key = re.search(r'name="draft_key" value="([^"]+)"', pages["check"]).group(1)
    post("check: expired form", "/klacht/versturen",
         {"draft_key": key, "csrf_token": "expired"}, status=400)
    post("send", "/klacht/versturen", {"draft_key": key}, status=303, token_from="check")
    get("confirmation", "/klacht/ontvangen")

    # The private tracking page: add information, withdraw.
    track = re.search(r'href="(/volgen/[A-Za-z0-9_\-]+)"', pages["confirmation"]).group(1)
    get("track", track)
    post("track: nothing added", f"{track}/aanvullen", {}, status=400, token_from="track")
    post("track: add", f"{track}/aanvullen", {"text": ADDED}, status=303, token_from="track")
    get("track: added", track)
    get("withdraw", f"{track}/intrekken")
    post("withdraw: too long", f"{track}/intrekken", {"reason": TOO_LONG},
         token_from="withdraw")
    post("withdraw: yes", f"{track}/intrekken", {"reason": REASON}, status=303,
         token_from="withdraw")
    get("track: withdrawn", track)

    # Step 2 again, for someone else.
    get("who again", "/klacht/indienen")
    post("who: representative", "/klacht/indienen", {"filed_by": "representative"},
         status=302, token_from="who again")
    get("details: representative", "/klacht/gegevens")
    post("details: representative, empty", "/klacht/gegevens", {},
         token_from="details: representative")
    post("details: representative, no consent", "/klacht/gegevens",
         {**TYPED, "representative_name": "Jan Hulp", "representative_email": "jan@",
          "representative_phone": "bel me"}, token_from="details: representative")

    # Following a complaint without the link.
    get("resend", "/volgen/")
    post("resend: empty", "/volgen/", {}, status=400, token_from="resend")
    post("resend: wrong address", "/volgen/", {"email": "not-an-address"}, status=400,
         token_from="resend")
    post("resend: sent", "/volgen/", {"email": TYPED["email"]}, token_from="resend")

    # Error pages.
    get("404", "/bestaat-niet", status=404)
    get("405", "/klacht/versturen", status=405)
    response = client.post("/volgen/" + q, data={"email": "x" * 300_000})
    assert response.status_code == 413
    pages["413"] = response.text
    return pages


def mails(complaint_language: str) -> dict[str, str]:
    """The mails the walk in one language caused, as {name: text} (one line a node)."""
    found = {}
    for mail in OutboxMail.select().order_by(OutboxMail.id):
        if mail.complaint is not None and mail.complaint.language == complaint_language:
            found[f"mail: {mail.kind}"] = mail.subject + "\n" + mail.body
    return found


def plain_lines(text: str) -> list[str]:
    """A mail's text nodes: its lines, and "- name: date" lines split into their parts."""
    parts = []
    for line in text.splitlines():
        parts += re.split(r"^\s*-\s+|:\s+", line)
    parts = (" ".join(part.split()) for part in parts)
    return [part for part in parts if LETTER.search(part)]


def test_no_dutch_page_shows_english_and_no_english_page_shows_dutch(app):
    allowed = allowed_same(app)
    dutch = walk(CheckingClient(app.test_client()), "nl")
    dutch_mails = mails("nl")
    english = walk(CheckingClient(app.test_client()), "en")
    english_mails = mails("en")

    assert dutch.keys() == english.keys()
    assert dutch_mails.keys() == english_mails.keys() == {"mail: acknowledgement", "mail: link"}
    problems = []
    for name in dutch:
        nl, en = visible(dutch[name]), visible(english[name])
        assert nl.lang == "nl", f"{name}: the Dutch page says lang={nl.lang!r}"
        assert en.lang == "en", f"{name}: the English page says lang={en.lang!r}"
        same = sorted({t for t in nl.texts if t in set(en.texts) and t not in allowed})
        problems += [f"{name}: {t!r}" for t in same]
    for name in dutch_mails:
        english_lines = set(plain_lines(english_mails[name]))
        same = sorted({t for t in plain_lines(dutch_mails[name])
                       if t in english_lines and t not in allowed})
        problems += [f"{name}: {t!r}" for t in same]
    assert not problems, (
        "text that is the same in Dutch and English — a string that does not go through "
        "Babel, or one not translated (or add it to ALLOWED_SAME with a reason):\n  "
        + "\n  ".join(problems))


@pytest.mark.parametrize("header, expected", [
    (None, "nl"),                          # no preference: the site's own language
    ("en", "en"),
    ("en-GB,en;q=0.9", "en"),
    ("nl-NL,nl;q=0.9,en;q=0.8", "nl"),
    ("de-DE,de;q=0.9", "nl"),              # a language we do not offer: Dutch
])
def test_language_follows_the_browser_else_dutch(client, header, expected):
    headers = {"Accept-Language": header} if header else {}
    page = visible(client.get("/", headers=headers).text)
    assert page.lang == expected
    title = {"nl": "Een klacht indienen", "en": "Make a complaint"}[expected]
    assert title in page.texts


def test_a_chosen_language_wins_over_the_browser_and_stays(client):
    english_browser = {"Accept-Language": "en"}
    assert visible(client.get("/?lang=nl", headers=english_browser).text).lang == "nl"
    assert visible(client.get("/volgen/", headers=english_browser).text).lang == "nl"
    assert visible(client.get("/volgen/?lang=en").text).lang == "en"
    assert visible(client.get("/").text).lang == "en"
