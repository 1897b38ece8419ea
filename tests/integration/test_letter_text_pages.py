"""The administrator's letter texts (issue 5), on SQLite and PostgreSQL:

- a text that would not render is refused with the reason at the field, kept on the page, and
  nothing is stored;
- a saved text is stored under the key letters.py reads (audited, "letters: <kind> <lang>") and
  is used in the next letter written; "use the standard text" removes it again;
- the preview shows the letter as a resident gets it (the fixed second-line block included)
  and stores nothing, not even an audit row;
- every placeholder letters.py offers has its meaning in words for the page.
"""
import re

import pytest

from forms.letter_texts import MEANINGS, placeholders
from klachtenloket.domain.roles import ADMINISTRATOR, COORDINATOR
from klachtenloket.models import AuditEntry, Letter, OrganisationConfig
from klachtenloket.services import configuration, letters
from tests.conftest import csrf_token
from tests.integration.helpers import error_summary, logged_in, make_staff, registered

pytestmark = pytest.mark.usefixtures("cheap_hashing")

LIST = "/beheer/instellingen/brieven"
DECIDED_NL = "/beheer/instellingen/brieven/decided/nl"
ACKNOWLEDGEMENT_NL = "/beheer/instellingen/brieven/acknowledgement/nl"


@pytest.fixture
def admin(app):
    return logged_in(app, make_staff(ADMINISTRATOR))


def post(client, url, data, lang="en"):
    page = client.get(f"{url}?lang={lang}")
    return client.post(url, data={**data, "csrf_token": csrf_token(page.text)})


def changes() -> tuple[int, int]:
    return (OrganisationConfig.select().count(),
            AuditEntry.select().where(AuditEntry.action == configuration.CHANGED).count())


def textarea(html: str) -> str:
    import html as html_module
    found = re.search(r'<textarea id="text"[^>]*>(.*?)</textarea>', html, re.S)
    return html_module.unescape(found.group(1))


def test_every_placeholder_has_its_meaning_in_words():
    assert MEANINGS.keys() == letters.PLACEHOLDERS.keys()
    assert "ground" in dict(placeholders("declined"))
    assert "ground" not in dict(placeholders("decided"))
    assert "reason" in dict(placeholders("extended")) and "outcome" in dict(placeholders("decided"))


def test_the_list_says_standard_or_own_text_for_each_letter_and_language(admin, app):
    """Every language residents are offered, not only the staff pages' Dutch and English."""
    page = admin.get(LIST + "?lang=en")
    assert page.status_code == 200
    languages = app.config["LANGUAGES"]
    assert {"nl", "en", "tr", "ar", "pl", "uk"} <= set(languages)
    for kind in letters.KINDS:
        for lang in languages:
            assert f'href="/beheer/instellingen/brieven/{kind}/{lang}"' in page.text
    assert page.text.count("<span>standard text</span>") == len(letters.KINDS) * len(languages)
    assert "<strong>own text" not in page.text


def test_a_turkish_letter_has_its_own_standard_text_to_edit(admin):
    page = admin.get("/beheer/instellingen/brieven/decided/tr?lang=en")
    assert page.status_code == 200
    assert textarea(page.text) == letters.default_template("decided", "tr").strip()


def test_the_edit_page_holds_the_standard_text_and_its_placeholders(admin):
    page = admin.get(DECIDED_NL + "?lang=nl")
    assert page.status_code == 200
    assert textarea(page.text) == letters.default_template("decided", "nl").strip()
    assert "{{ findings }}" in page.text and "wat wij hebben gevonden, en waarom" in page.text
    assert "{{ ground }}" not in page.text, "only the placeholders of this letter"
    assert admin.get("/beheer/instellingen/brieven/nonsense/nl").status_code == 404
    assert admin.get("/beheer/instellingen/brieven/decided/de").status_code == 404


@pytest.mark.parametrize("text, message", [
    ("Beste {{ naam }},\n\nDank u.", "“naam” is not a placeholder"),
    ("Beste {{ name },", "This text cannot be made into a letter: TemplateSyntaxError"),
    ("{% if on_behalf %}Namens {{ klager }}{% endif %}", "“klager” is not a placeholder"),
    ("{{ name.__class__.__mro__ }}", "This text cannot be made into a letter"),
    ("   ", "Enter the text of the letter"),
])
def test_a_text_that_would_not_render_is_refused_with_the_reason(admin, text, message):
    response = post(admin, DECIDED_NL, {"text": text})
    assert response.status_code == 200
    assert message in error_summary(response.text)
    assert 'href="#text"' in response.text and 'id="text-error"' in response.text
    assert textarea(response.text) == text.strip(), "the text stays as typed"
    assert changes() == (0, 0)


def test_a_saved_text_is_used_in_the_next_letter_and_audited(app, admin):
    own = ("Beste {{ name }},\n\nOver uw klacht {{ reference }} oordelen wij zo:\n{{ outcome }}"
           "\n\nGroet,\n{{ organisation }}")
    response = post(admin, DECIDED_NL, {"text": own + "\r\n"})
    assert response.status_code == 303 and response.headers["Location"] == DECIDED_NL
    assert changes() == (1, 1)
    stored = configuration.stored()
    assert stored["letters"]["decided"]["nl"] == own
    assert stored["organisation"]["name"] == "Werk en Inkomen Lekstroom", "the rest is kept"
    entry = AuditEntry.get(AuditEntry.action == configuration.CHANGED)
    assert entry.detail == "letters: decided nl"

    page = admin.get(DECIDED_NL + "?lang=en")
    assert "Saved" in page.text and "uses your own text" in page.text
    assert textarea(page.text) == own
    assert admin.get(LIST + "?lang=en").text.count("<strong>own text</strong>") == 1

    complaint = registered(app, make_staff(COORDINATOR))
    with app.test_request_context():
        composed = letters.compose(complaint, "decided", {"outcome": "upheld", "findings": "x"})
    assert composed.body.startswith(f"Beste Piet Bellen,\n\nOver uw klacht {complaint.reference} "
                                    "oordelen wij zo:\nUw klacht is gegrond.")
    assert "Nationale ombudsman" in composed.body, "the second line stays below the own text"


def test_a_saved_acknowledgement_goes_out_with_the_next_complaint(app, admin):
    post(admin, ACKNOWLEDGEMENT_NL, {"text": "Hallo {{ name }}, wij hebben {{ reference }}."})
    complaint = registered(app, make_staff(COORDINATOR), email="piet@example.nl")
    letter = Letter.get(Letter.complaint == complaint, Letter.kind == "acknowledgement")
    assert letter.body == f"Hallo Piet Bellen, wij hebben {complaint.reference}."


def test_back_to_the_standard_text(app, admin):
    post(admin, DECIDED_NL, {"text": "Beste {{ name }}, ons oordeel: {{ outcome }}"})
    page = admin.get(DECIDED_NL + "?lang=en")
    assert "Use the standard text" in page.text
    response = admin.post(DECIDED_NL + "/standaard", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 303
    assert changes() == (2, 2)
    assert "letters" not in configuration.stored()
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert entry.detail == "letters: decided nl (standard text)"
    page = admin.get(DECIDED_NL + "?lang=en")
    assert "uses the standard text" in page.text and "Use the standard text" not in page.text
    assert textarea(page.text) == letters.default_template("decided", "nl").strip()


def test_the_standard_text_saved_again_stores_nothing(admin):
    response = post(admin, DECIDED_NL,
                    {"text": letters.default_template("decided", "nl")})
    assert response.status_code == 303
    assert changes() == (0, 0)
    assert "Nothing was saved" in admin.get(DECIDED_NL + "?lang=en").text


def test_a_flat_key_is_replaced_not_left_to_win(app, admin):
    data = configuration.stored_or_preset("wil-lekstroom")
    data["letters.decided.nl"] = "Oud: {{ name }}"
    configuration.save(data)
    post(admin, DECIDED_NL, {"text": "Nieuw: {{ name }}"})
    stored = configuration.stored()
    assert "letters.decided.nl" not in stored and stored["letters"]["decided"]["nl"] == \
        "Nieuw: {{ name }}"


@pytest.mark.parametrize("kind, lang, expected", [
    ("decided", "nl", ["Nationale ombudsman", "Ons oordeel", "Sam Jansen"]),
    ("declined", "en", ["Nationale ombudsman", "more than a year"]),
    ("extended", "nl", ["weken"]),
    ("acknowledgement", "en", ["Dear Sam Jansen", "Test administrator handles your complaint"]),
])
def test_the_preview_shows_the_letter_and_stores_nothing(admin, kind, lang, expected):
    url = f"/beheer/instellingen/brieven/{kind}/{lang}"
    page = admin.get(url + "?lang=en")
    audited = AuditEntry.select().count()
    text = textarea(page.text)
    response = admin.post(url, data={"text": text, "action": "preview",
                                     "csrf_token": csrf_token(page.text)})
    assert response.status_code == 200
    preview = re.search(r'<section id="preview".*?</section>', response.text, re.S).group(0)
    for words in expected:
        assert words in preview
    assert "{{" not in preview
    assert changes() == (0, 0) and AuditEntry.select().count() == audited


def test_the_preview_uses_the_text_as_typed_and_keeps_it(admin):
    page = admin.get(DECIDED_NL + "?lang=en")
    typed = "Geachte {{ name }},\n\nNieuw: {{ outcome }}"
    response = admin.post(DECIDED_NL, data={"text": typed, "action": "preview",
                                            "csrf_token": csrf_token(page.text)})
    assert "Geachte Sam Jansen," in response.text and textarea(response.text) == typed
    assert changes() == (0, 0)


def test_a_broken_text_is_not_previewed(admin):
    response = post(admin, DECIDED_NL, {"text": "{{ naam }}", "action": "preview"})
    assert "“naam” is not a placeholder" in error_summary(response.text)
    assert 'id="preview"' not in response.text


def test_an_expired_token_keeps_the_text(admin):
    admin.get(DECIDED_NL + "?lang=en")
    response = admin.post(DECIDED_NL, data={"text": "Mijn tekst {{ name }}", "csrf_token": "old"})
    assert response.status_code == 400
    assert "open for a long time" in error_summary(response.text)
    assert textarea(response.text) == "Mijn tekst {{ name }}"
    response = admin.post(DECIDED_NL + "/standaard", data={"csrf_token": "old"})
    assert response.status_code == 400 and "open for a long time" in error_summary(response.text)
    assert changes() == (0, 0)


def test_refusals_are_said_in_dutch(admin):
    response = post(admin, DECIDED_NL, {"text": "{{ naam }}"}, lang="nl")
    assert "“naam” is geen invulveld" in error_summary(response.text)


def test_check_template_tries_both_sides_of_an_if():
    assert letters.check_template("{% if on_behalf %}{{ klager }}{% endif %}") is not None
    assert letters.check_template("{% if measures %}x{% else %}{{ y }}{% endif %}") is not None
    assert letters.check_template(letters.default_template("decided", "nl")) is None
