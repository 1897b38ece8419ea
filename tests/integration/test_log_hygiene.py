"""What reaches the logs (issue 7), on SQLite and PostgreSQL:

- a realistic walk — filing a complaint, its private link, "e-mail me my link", adding
  information, a letter, the staff login with its code, a note as a step — through a real HTTP
  server (werkzeug's, which logs every request line), with every logger of the process at DEBUG
  (SQL included), leaves no password, code, token, complaint text or contact detail in the log;
- an error shows a friendly page with an incident id and no traceback; the log holds the
  traceback under the same id.
"""
import http.client
import logging
import re
import threading
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from werkzeug.serving import make_server

from tests.conftest import csrf_token
from tests.integration.helpers import (STAFF_PASSWORD, current_code, file_complaint, log_in,
                                       make_staff)

pytestmark = pytest.mark.usefixtures("cheap_hashing")

# Values that must never reach a log line, each unlike anything else in it.
SENTINELS = {
    "name": "Zwaantje Qwertyboom", "street": "Sentinelstraat 77", "postcode": "9999 ZZ",
    "city": "Logdorp", "phone": "06 91827364", "email": "zwaantje.qwerty@example.nl",
    "description": "Geheime klachttekst XKCD-4711 over mijn schulden.",
    "desired_outcome": "Excuses van QWERTY-wens", "employee_name": "Medewerker Plonsbek",
    "client_number": "77331199",
}
ADDED = "Aanvulling met geheime inhoud JUPITER-0815"
NOTE = "Interne notitie NEPTUNUS-2024 over de klager"


class Response:
    def __init__(self, raw: http.client.HTTPResponse):
        self.status_code = raw.status
        self.headers = {name.title(): value for name, value in raw.getheaders()}
        self.cookies = raw.headers.get_all("Set-Cookie") or []
        self.data = raw.read()
        self.text = self.data.decode("utf-8", "replace")
        self.location = self.headers.get("Location")
        self.mimetype = self.headers.get("Content-Type", "").split(";")[0]


class HttpClient:
    """Enough of the Flask test client for the helpers, over real HTTP: a cookie jar, no
    following of redirects."""

    def __init__(self, port: int):
        self.port, self.cookies = port, SimpleCookie()

    def _request(self, method, url, data=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        body = urlencode(data or {}) if method == "POST" else None
        sent = {"Cookie": "; ".join(f"{k}={v.value}" for k, v in self.cookies.items()),
                **({"Content-Type": "application/x-www-form-urlencoded"} if body else {}),
                **(headers or {})}
        connection.request(method, url, body=body, headers=sent)
        response = Response(connection.getresponse())
        connection.close()
        for cookie in response.cookies:
            self.cookies.load(cookie)
        return response

    def get(self, url, **kwargs):
        return self._request("GET", url, headers=kwargs.get("headers"))

    def post(self, url, data=None, **kwargs):
        return self._request("POST", url, data=data, headers=kwargs.get("headers"))


@pytest.fixture
def served(app):
    """The app behind werkzeug's own server, which logs each request line (with its path)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield HttpClient(server.server_port)
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def everything_logged(caplog):
    """Every logger at DEBUG, SQL included; the text of every record, tracebacks too."""
    caplog.set_level(logging.DEBUG)
    for name in ("werkzeug", "peewee", "flask_limiter", "app"):
        caplog.set_level(logging.DEBUG, logger=name)

    def text() -> str:
        formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
        return "\n".join(formatter.format(record) for record in caplog.records)
    return text


def test_a_walk_through_the_app_leaves_no_personal_data_or_secret_in_the_log(
        app, served, everything_logged):
    client = served
    # The resident files a complaint and follows it.
    confirmation, link = file_complaint(client, **SENTINELS)
    token = link.rsplit("/", 1)[-1]
    tracking = client.get(link)
    assert tracking.status_code == 200
    form_token = csrf_token(tracking.text)
    assert client.post(f"{link}/aanvullen", data={"text": ADDED, "csrf_token": form_token}
                       ).status_code == 303
    assert client.get(f"{link}/brieven/1").status_code == 200
    page = client.get("/volgen/")
    assert client.post("/volgen/", data={"email": SENTINELS["email"],
                                         "csrf_token": csrf_token(page.text)}).status_code == 200
    # Staff log in (password and code) and write a note on the complaint.
    coordinator = make_staff("coordinator", email="corrie.sentinel@example.nl")
    code = current_code(coordinator.email) if coordinator.totp_secret else None
    staff = HttpClient(client.port)
    assert log_in(staff, coordinator.email).status_code == 303
    from klachtenloket.models import Complaint, Staff
    reference = Complaint.get().reference
    page = staff.get(f"/beheer/klachten/{reference}")
    assert page.status_code == 200
    seen = re.search(r'name="note-seen" type="hidden" value="([^"]*)"', page.text)
    assert staff.post(f"/beheer/klachten/{reference}/notitie", data={
        "note-text": NOTE, "note-seen": seen.group(1) if seen else "",
        "csrf_token": csrf_token(page.text)}).status_code in (200, 303)

    log = everything_logged()
    assert "GET /volgen/" in log and "/brieven/1" in log, "the request lines were logged"
    assert "SELECT" in log, "the SQL was logged"
    secret = {**SENTINELS, "added information": ADDED, "note": NOTE,
              "tracking token": token, "password": STAFF_PASSWORD,
              "form token": form_token, "staff e-mail": coordinator.email}
    session = staff.cookies.get("session")
    if session:
        secret["session cookie"] = session.value
    totp = Staff.get_by_id(coordinator.id).totp_secret
    if totp:
        secret["two-factor secret"] = totp
    found = {what: value for what, value in secret.items() if value and value in log}
    assert not found, f"the log holds {found}"
    if code:
        assert not re.search(rf"\b{code}\b", log), "the log holds the login code"


def test_an_error_shows_an_incident_id_never_a_traceback(app, client, monkeypatch,
                                                         everything_logged):
    _html, link = file_complaint(client, **SENTINELS)
    import views.track

    def breaks(complaint):
        raise RuntimeError("the deadline engine broke")
    monkeypatch.setattr(views.track, "_open_deadlines", breaks)

    response = client.get(link)

    assert response.status_code == 500
    incident = re.search(r"\b([0-9a-f]{8})\b", response.text.split("<main", 1)[1]).group(1)
    assert "Traceback" not in response.text and "RuntimeError" not in response.text
    assert "deadline engine" not in response.text
    assert "no-store" in response.headers["Cache-Control"]
    log = everything_logged()
    assert f"incident {incident}" in log
    assert "RuntimeError: the deadline engine broke" in log, "the traceback is in the log"
    assert link.rsplit("/", 1)[-1] not in log, "the log names the endpoint, not the link"


def test_when_even_the_error_page_fails_a_plain_one_still_gives_the_incident_id(
        app, client, monkeypatch, everything_logged):
    import app as application

    def database_gone():
        raise RuntimeError("the database went away")
    # Every page, the error page included, asks for the organisation: none can be made.
    monkeypatch.setattr(application, "current_organisation", database_gone)

    response = client.get("/")

    assert response.status_code == 500
    incident = re.search(r"\b([0-9a-f]{8})\b", response.text.split("<main", 1)[1]).group(1)
    assert "Traceback" not in response.text and "database went away" not in response.text
    assert "Noem dan deze code" in response.text, "the page, in Dutch"
    assert everything_logged().count(f"incident {incident}") == 2   # the error, then the page
