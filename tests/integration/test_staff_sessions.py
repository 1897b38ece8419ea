"""Staff sessions (issue 7, "Staff accounts and sessions"): idle timeout 30 minutes, absolute
12 hours; a form sent after the session ended comes back filled in after the next login; the
session cookie is HttpOnly, SameSite=Lax and, in production, Secure. (Logout, disabling an
account, a new password and "end all sessions" ending a session at once: test_staff_access.py
and test_people.py.)"""
from datetime import date, datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine

from config import Config
from klachtenloket.domain.roles import COORDINATOR, HANDLER
from klachtenloket.models import KeptForm
from klachtenloket.services import sessions
from tests.conftest import CheckingClient
from tests.integration.helpers import (error_summary, log_in, logged_in, make_staff, page_of,
                                       page_token, registered)

pytestmark = pytest.mark.usefixtures("cheap_hashing")

MORNING = datetime(2026, 11, 26, 7, 0, 0, tzinfo=timezone.utc)
NOTE = "Mevrouw belde terug: ze wil graag een gesprek op het kantoor in Vianen."


def at(minutes: float):
    return time_machine.travel(MORNING + timedelta(minutes=minutes), tick=False)


def open_page(client, url="/beheer/klachten"):
    return client.get(url).status_code


@pytest.fixture
def coordinator(app):
    return make_staff(COORDINATOR)


def test_a_session_ends_after_30_minutes_without_a_request(app, coordinator):
    with at(0):
        client = logged_in(app, coordinator)
    with at(29):
        assert open_page(client) == 200
    with at(58):
        assert open_page(client) == 200, "each request starts the 30 minutes again"
    with at(58 + 31):
        response = client.get("/beheer/klachten?lang=en")
        assert response.status_code == 302
        assert urlsplit(response.headers["Location"]).path == "/beheer/inloggen"
        login = client.get(response.headers["Location"])
        assert "Your session has ended. Log in again." in login.text
    with at(58 + 32):
        assert open_page(client) == 302, "and stays ended"


def test_a_session_ends_12_hours_after_its_login_however_busy(app, coordinator):
    with at(0):
        client = logged_in(app, coordinator)
    for minutes in range(20, 12 * 60, 20):
        with at(minutes):
            assert open_page(client) == 200, minutes
    with at(12 * 60 + 1):
        assert open_page(client) == 302


def test_a_note_sent_after_the_session_ended_comes_back_after_the_login(app, coordinator):
    complaint = registered(app, coordinator, received_on=date(2026, 11, 16))
    with at(0):
        client = logged_in(app, coordinator)
        token = page_token(client, page_of(complaint))
    with at(45):    # the note took long to write
        sent = client.post(f"{page_of(complaint)}/notitie?lang=en",
                           data={"note-text": NOTE, "csrf_token": token})
        assert sent.status_code == 303
        next_url = parse_qs(urlsplit(sent.headers["Location"]).query)["next"][0]
        assert next_url.startswith("/beheer/verder?form=")
        assert NOTE not in sent.headers["Location"], "the text is not in the URL"
        assert KeptForm.select().count() == 1
        login_page = client.get(sent.headers["Location"])
        assert "What you typed is kept." in login_page.text

        response = log_in(client, coordinator.email, next_url=next_url)
        assert response.headers["Location"] == next_url
        back = client.get(next_url + "&lang=en")
        assert back.status_code == 200
        assert NOTE in back.text, "the note is in the form again"
        assert "open for a long time" in error_summary(back.text), "to check and send again"
        assert KeptForm.select().count() == 0, "given back once, then deleted"
        assert client.get(next_url).status_code == 302, "a second time: the start page"


def test_a_kept_form_is_only_given_back_to_the_person_who_sent_it(app, coordinator):
    complaint = registered(app, coordinator, received_on=date(2026, 11, 16))
    key = sessions.keep_form(coordinator.id, f"{page_of(complaint)}/notitie",
                             [("note-text", NOTE)])
    other = logged_in(app, make_staff(HANDLER))
    response = other.get(f"/beheer/verder?form={key}")
    assert response.status_code == 302 and NOTE not in response.text
    assert KeptForm.select().count() == 1


def test_the_session_cookie_is_http_only_and_same_site_lax(app, coordinator):
    client = CheckingClient(app.test_client())
    response = client.get("/beheer/inloggen")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie, "plain HTTP in tests: no Secure"


def test_in_production_the_session_cookie_is_also_secure(app, coordinator, monkeypatch):
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    assert Config(PUBLIC_URL="https://klachten.example.nl").SESSION_COOKIE_SECURE is True
    app.config["SESSION_COOKIE_SECURE"] = True
    client = CheckingClient(app.test_client())
    response = client.get("/beheer/inloggen", base_url="https://klachten.test")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
