"""The administrator's configuration page (views/staff/configuration.py) on SQLite and
PostgreSQL: download, upload, edit as text; a refusal keeps the text and stores nothing."""
import io
import re
from html import unescape

import pytest

from klachtenloket.domain.organisation import Organisation, load_preset
from klachtenloket.domain.roles import ADMINISTRATOR
from klachtenloket.models import AuditEntry, OrganisationConfig
from klachtenloket.services import configuration
from tests.conftest import csrf_token
from tests.integration.helpers import error_summary, logged_in, make_staff

pytestmark = pytest.mark.usefixtures("cheap_hashing")

PAGE = "/beheer/instellingen/configuratie"
UPLOAD = PAGE + "/bestand"
TEXT = PAGE + "/tekst"


@pytest.fixture
def admin(app):
    staff = make_staff(ADMINISTRATOR, name="Bea Beheer")
    return logged_in(app, staff)


def textarea(html: str) -> str:
    return unescape(re.search(r'<textarea[^>]*id="toml"[^>]*>(.*?)</textarea>', html, re.S).group(1))


def field_error(html: str, field: str) -> str:
    match = re.search(rf'id="{field}-error">(.*?)</p>', html, re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split()) if match else ""


def stored_count() -> tuple[int, int]:
    return (OrganisationConfig.select().count(),
            AuditEntry.select().where(AuditEntry.action == configuration.CHANGED).count())


def test_the_page_holds_the_current_configuration_as_text(admin):
    page = admin.get(PAGE + "?lang=en")
    assert page.status_code == 200
    assert "No configuration has been stored yet" in page.text
    assert "applies to new complaints only" in page.text
    text = textarea(page.text)
    assert Organisation.from_dict(configuration.from_toml(text)) == \
        Organisation.from_dict(load_preset("wil-lekstroom"))
    assert 'enctype="multipart/form-data"' in page.text and 'accept=".toml' in page.text


def test_the_download_is_an_attachment_named_after_the_organisation_and_date(admin, monkeypatch):
    from datetime import date
    monkeypatch.setattr("views.public.today", lambda: date(2026, 3, 6))
    response = admin.get(PAGE + "/download")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="klachtenloket-wil-2026-03-06.toml"'
    assert Organisation.from_dict(configuration.from_toml(response.text)) == \
        Organisation.from_dict(load_preset("wil-lekstroom"))


def test_an_uploaded_file_is_stored_audited_and_confirmed(admin):
    token = csrf_token(admin.get(PAGE).text)
    body = configuration.to_toml(load_preset("ijmond-werkt")).encode()
    response = admin.post(UPLOAD, data={"csrf_token": token,
                                        "file": (io.BytesIO(body), "ijmond.toml")})
    assert response.status_code == 303 and response.headers["Location"] == PAGE
    assert stored_count() == (1, 1)
    assert Organisation.from_dict(configuration.stored()).name == "IJmond Werkt!"
    entry = AuditEntry.get(AuditEntry.action == configuration.CHANGED)
    assert entry.staff_name == "Bea Beheer" and entry.detail == "uploaded ijmond.toml"

    page = admin.get(PAGE + "?lang=nl").text
    assert "Het gaat alleen om nieuwe klachten" in page
    assert "door Bea Beheer" in page


def test_the_text_edited_on_the_page_is_stored(admin):
    page = admin.get(PAGE).text
    changed = textarea(page).replace('decision = "6 weeks"', 'decision = "8 weeks"')
    response = admin.post(TEXT, data={"csrf_token": csrf_token(page), "toml": changed})
    assert response.status_code == 303
    assert Organisation.from_dict(configuration.stored()).procedure.decision.amount == 8
    assert AuditEntry.get(AuditEntry.action == configuration.CHANGED).detail == "edited as text"
    assert "procedure" in admin.get(PAGE + "?lang=en").text


def test_storing_the_same_text_again_stores_nothing(admin):
    page = admin.get(PAGE).text
    response = admin.post(TEXT, data={"csrf_token": csrf_token(page), "toml": textarea(page)})
    assert response.status_code == 303
    assert stored_count() == (0, 0)
    assert "Er is niets opgeslagen" in admin.get(PAGE + "?lang=nl").text


@pytest.mark.parametrize("lang, start", [
    ("nl", "Dit is geen geldige TOML. Regel 3, teken 11:"),
    ("en", "This is not valid TOML. Line 3, column 11:"),
])
def test_bad_toml_is_refused_at_the_field_and_the_text_stays(admin, lang, start):
    typed = '[organisation]\nname = "WIL"\n[procedure\ndecision = "8 weeks"'
    page = admin.get(PAGE + f"?lang={lang}").text
    response = admin.post(TEXT, data={"csrf_token": csrf_token(page), "toml": typed})
    assert response.status_code == 200
    assert field_error(response.text, "toml").split(": ", 1)[1].startswith(start)
    assert start in error_summary(response.text)
    assert textarea(response.text) == typed.strip()
    assert stored_count() == (0, 0)


def test_a_configuration_the_check_refuses_keeps_the_text(admin):
    page = admin.get(PAGE + "?lang=nl").text
    typed = textarea(page).replace('kind = "ombudsman"', 'kind = "judge"')
    response = admin.post(TEXT, data={"csrf_token": csrf_token(page), "toml": typed})
    assert response.status_code == 200
    message = field_error(response.text, "toml")
    assert "Deze instellingen kunnen niet worden opgeslagen: second_line kind" in message
    assert textarea(response.text) == typed.strip()
    assert stored_count() == (0, 0)


def test_a_refused_upload_puts_the_files_text_in_the_text_box(admin):
    page = admin.get(PAGE + "?lang=en").text
    body = '[organisation]\nname = "Zoë"\n'
    response = admin.post(UPLOAD, data={"csrf_token": csrf_token(page),
                                        "file": (io.BytesIO(body.encode()), "zoe.toml")})
    assert response.status_code == 200
    assert "the key 'second_line' is missing" in field_error(response.text, "file")
    assert textarea(response.text) == body
    assert 'id="upload-kept"' in response.text
    assert stored_count() == (0, 0)


@pytest.mark.parametrize("body, says", [
    (b"", "The file is empty."),
    ("naam = 'Zoë'".encode("latin-1"), "not UTF-8"),
])
def test_an_empty_or_unreadable_file_is_refused_in_words(admin, body, says):
    page = admin.get(PAGE + "?lang=en").text
    response = admin.post(UPLOAD, data={"csrf_token": csrf_token(page),
                                        "file": (io.BytesIO(body), "x.toml")})
    assert response.status_code == 200
    assert says in field_error(response.text, "file")
    assert stored_count() == (0, 0)


def test_no_file_at_all_is_refused_in_words(admin):
    page = admin.get(PAGE + "?lang=en").text
    response = admin.post(UPLOAD, data={"csrf_token": csrf_token(page)})
    assert response.status_code == 200 and "Choose a file" in field_error(response.text, "file")


def test_an_expired_token_keeps_the_text_and_stores_nothing(admin):
    page = admin.get(PAGE).text
    typed = textarea(page).replace('decision = "6 weeks"', 'decision = "8 weeks"')
    response = admin.post(TEXT + "?lang=en", data={"csrf_token": "expired", "toml": typed})
    assert response.status_code == 400
    assert textarea(response.text) == typed.strip()
    assert "Check the text and store it again" in error_summary(response.text)
    assert stored_count() == (0, 0)


def test_an_expired_token_on_an_upload_puts_the_file_in_the_text_box(admin):
    admin.get(PAGE)
    body = configuration.to_toml(load_preset("wij-heemstede"))
    response = admin.post(UPLOAD + "?lang=en", data={
        "csrf_token": "expired", "file": (io.BytesIO(body.encode()), "wij.toml")})
    assert response.status_code == 400
    assert textarea(response.text) == body
    assert "Check the text and store it again" in error_summary(response.text)
    assert stored_count() == (0, 0)
