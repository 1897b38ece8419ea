"""Residents read the portal, its mails and its letters in Dutch, English, Turkish, Arabic,
Polish or Ukrainian (issue 8, "Languages"); the back office stays Dutch and English.

- every language the site offers has a catalog and its own letters; every text a resident
  reads (translations/scope.py) is translated in every catalog, nothing fuzzy;
- placeholders are the msgid's in every translation and every plural form (%(name)s and
  {name}), and each letter uses the Dutch letter's {{ placeholders }} and renders;
- a complaint records the language it was filed in, and its acknowledgement (mail and
  letter), later letters and the "send me my link" mail are in that language, also when the
  link is asked for from a page in another language;
- every public page, its error states and the mails in Turkish, Arabic, Polish and Ukrainian
  share no text with the English ones (a string outside Babel, or one left untranslated);
  Arabic pages are `dir="rtl"`, and every page's language menu offers every language.
"""
import re
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.messages.pofile import read_po
from jinja2 import meta

from config import Config
from klachtenloket.domain.roles import COORDINATOR
from klachtenloket.models import Complaint, Letter, OutboxMail
from klachtenloket.services import casework, letters
from klachtenloket.web.i18n import LANGUAGE_NAMES, STAFF_LANGUAGES
from tests.conftest import CheckingClient, csrf_token
from tests.integration.helpers import file_complaint, make_staff
from tests.integration.test_i18n import allowed_same, mails, plain_lines, visible, walk
from translations.scope import is_staff_only, must_translate

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
LETTERS = ROOT / "templates" / "letters"
OFFERED = Config().LANGUAGES
NEW = [code for code in OFFERED if code not in ("nl", "en")]
PRINTF = re.compile(r"%\(\w+\)[sd]")
BRACES = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")


def catalog(lang: str):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def placeholders(text: str) -> tuple[set, set]:
    return set(PRINTF.findall(text or "")), set(BRACES.findall(text or ""))


# --- the catalogs and letters -------------------------------------------------------------

def test_the_site_offers_six_languages_each_named_in_itself():
    assert OFFERED == ("nl", "en", "tr", "ar", "pl", "uk")
    assert set(OFFERED) <= LANGUAGE_NAMES.keys()
    assert STAFF_LANGUAGES == ("nl", "en")


@pytest.mark.parametrize("lang", OFFERED)
def test_every_text_a_resident_reads_is_translated_and_not_fuzzy(lang):
    messages = catalog(lang)
    problems = []
    for message in messages:
        if not message.id or not must_translate(message, lang):
            continue
        strings = message.string if message.pluralizable else (message.string,)
        label = message.id[0] if message.pluralizable else message.id
        if message.fuzzy:
            problems.append(f"fuzzy: {label!r}")
        if message.pluralizable and len(strings) != messages.num_plurals:
            problems.append(f"needs {messages.num_plurals} plural forms: {label!r}")
        if not all(s and s.strip() for s in strings):
            problems.append(f"missing: {label!r}")
    assert not problems, (
        f"translations/{lang}: fill these in (python translations/missing.py {lang}):\n  "
        + "\n  ".join(problems))


@pytest.mark.parametrize("lang", OFFERED)
def test_every_translation_keeps_the_msgids_placeholders(lang):
    messages = catalog(lang)
    problems = []
    for message in messages:
        if not message.id:
            continue
        if message.pluralizable:
            sources = [message.id[0]] + [message.id[1]] * (len(message.string) - 1)
            pairs = zip(sources, message.string)
        else:
            pairs = [(message.id, message.string)]
        for source, text in pairs:
            if text and placeholders(text) != placeholders(source):
                problems.append(f"{source!r} -> {text!r}")
    assert not problems, f"translations/{lang}: placeholders differ:\n  " + "\n  ".join(problems)


def test_staff_only_texts_are_those_used_in_the_back_office_alone():
    messages = catalog("nl")
    staff_only = {m.id for m in messages if m.id and is_staff_only(m)}
    assert "Log out" in staff_only
    assert "Make a complaint" not in staff_only          # the start page
    assert "Name" not in staff_only                      # staff forms and the resident's form
    assert "Our answer to your complaint %(reference)s" not in staff_only   # a letter's subject


@pytest.mark.parametrize("lang", OFFERED)
@pytest.mark.parametrize("kind", letters.KINDS)
def test_each_letter_has_its_own_text_with_the_dutch_letters_placeholders(kind, lang):
    path = LETTERS / f"{kind}.{lang}.txt"
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing"
    text = path.read_text(encoding="utf-8")

    def used(source):
        return meta.find_undeclared_variables(letters._SANDBOX.parse(source))

    dutch = (LETTERS / f"{kind}.nl.txt").read_text(encoding="utf-8")
    assert used(text) == used(dutch), f"{path.name} uses other placeholders than {kind}.nl.txt"
    assert letters.check_template(text) is None


# --- a complaint in the resident's language -----------------------------------------------

# A sentence each language's acknowledgement letter starts its text with.
RECEIVED_IN = {"tr": "Şikâyetinizi", "ar": "استلمنا شكواك", "pl": "Otrzymaliśmy Państwa skargę",
               "uk": "Ми отримали вашу скаргу"}


@pytest.mark.usefixtures("cheap_hashing")
@pytest.mark.parametrize("lang", NEW)
def test_a_complaint_filed_in_a_language_gets_its_mails_and_letters_in_it(app, client, lang):
    texts = letters._Texts(lang)
    page = client.get(f"/?lang={lang}")
    assert visible(page.text).lang == lang
    confirmation, link = file_complaint(client)
    assert visible(confirmation).lang == lang

    complaint = Complaint.get()
    assert complaint.language == lang

    # The acknowledgement: a letter in the language, mailed with the private link's lines.
    (letter,) = Letter.select().where(Letter.complaint == complaint)
    assert letter.language == lang
    assert RECEIVED_IN[lang] in letter.body
    assert format_date(complaint.received_on, "full", locale=lang) in letter.body
    assert letter.subject == texts("We received your complaint %(reference)s",
                                   reference=complaint.reference)
    (mail,) = OutboxMail.select().where(OutboxMail.kind == "acknowledgement")
    assert mail.subject == letter.subject
    assert mail.body.startswith(letter.body)
    assert texts("Keep this link to yourself: anyone with the link can see your complaint.") \
        in mail.body

    # Asking for the link again from a Dutch page: the mail is in the complaint's language.
    dutch = CheckingClient(app.test_client())
    form = dutch.get("/volgen/?lang=nl")
    dutch.post("/volgen/", data={"email": "fatima@example.nl",
                                 "csrf_token": csrf_token(form.text)})
    (link_mail,) = OutboxMail.select().where(OutboxMail.kind == "link")
    assert link_mail.subject == texts("Your link to complaint %(reference)s",
                                      reference=complaint.reference)
    assert texts("Did you not ask for this? Then you can ignore this e-mail.") in link_mail.body

    # A later letter from staff, whose own pages are in Dutch: in the complaint's language too.
    coordinator = make_staff(COORDINATOR)
    casework.record(complaint, "acknowledged", {}, coordinator)
    casework.record(complaint, "declined", {"ground": "older_than_a_year", "reason": "—"},
                    coordinator)
    declined = Letter.get(Letter.complaint == complaint, Letter.kind == "declined")
    assert declined.language == lang
    assert texts("The conduct took place more than a year before you made the complaint") \
        in declined.body
    assert texts("Do you disagree with this letter?") in declined.body
    (declined_mail,) = OutboxMail.select().where(OutboxMail.kind == "letter_declined")
    assert declined_mail.subject == texts("We do not handle your complaint %(reference)s",
                                          reference=complaint.reference)


# --- the pages ----------------------------------------------------------------------------

# Text rightly the same in a language and in English, with the reason.
SAME_AS_ENGLISH = {
    "*": {"(PDF)": "a file type's name, after a letter's subject"},
    "pl": {"E-mail": "the Polish word for e-mail is written the same",
           "Administrator": "the same word in Polish"},
}


@pytest.mark.parametrize("lang", NEW)
def test_no_page_or_mail_in_a_language_shows_english_text(app, lang):
    allowed = {**allowed_same(app), **SAME_AS_ENGLISH["*"], **SAME_AS_ENGLISH.get(lang, {})}
    english = walk(CheckingClient(app.test_client()), "en")
    english_mails = mails("en")
    translated = walk(CheckingClient(app.test_client()), lang)
    translated_mails = mails(lang)

    assert translated.keys() == english.keys()
    assert translated_mails.keys() == english_mails.keys()
    problems = []
    for name in english:
        page, en = visible(translated[name]), visible(english[name])
        assert page.lang == lang, f"{name}: the page says lang={page.lang!r}"
        same = sorted({t for t in page.texts if t in set(en.texts) and t not in allowed})
        problems += [f"{name}: {t!r}" for t in same]
    for name in english_mails:
        english_lines = set(plain_lines(english_mails[name]))
        same = sorted({t for t in plain_lines(translated_mails[name])
                       if t in english_lines and t not in allowed})
        problems += [f"{name}: {t!r}" for t in same]
    assert not problems, (
        f"text that is the same in {lang} and English — a string not translated, or one "
        "outside Babel (or add it to SAME_AS_ENGLISH with a reason):\n  " + "\n  ".join(problems))


def test_arabic_pages_read_right_to_left_and_every_page_offers_every_language(client):
    arabic = client.get("/?lang=ar").text
    assert re.search(r'<html lang="ar" dir="rtl">', arabic)
    for code in OFFERED:
        if code != "ar":
            assert f'hreflang="{code}" lang="{code}"' in arabic
    assert re.search(r'<html lang="tr" dir="ltr">', client.get("/?lang=tr").text)


def test_the_back_office_stays_in_dutch_or_english(client):
    client.get("/?lang=tr")                         # a resident's choice in the same browser
    page = client.get("/beheer/inloggen").text
    assert visible(page).lang in STAFF_LANGUAGES
    assert 'hreflang="tr"' not in page and 'hreflang="en"' in page
    turkish_browser = {"Accept-Language": "tr-TR,tr;q=0.9,en;q=0.5"}
    assert visible(client.get("/beheer/inloggen?lang=ar", headers=turkish_browser).text).lang \
        == "en"


def test_a_turkish_browser_gets_turkish_pages(app):
    page = app.test_client().get("/", headers={"Accept-Language": "tr-TR,tr;q=0.9"}).text
    assert visible(page).lang == "tr"
    assert "Şikâyette bulunun" in visible(page).texts
