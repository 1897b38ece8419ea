"""Shared fixtures: an app per test on SQLite and on PostgreSQL, a client that checks
every page it fetches, and a real SMTP server."""
import re
from html.parser import HTMLParser

import pytest

from klachtenloket import db
from klachtenloket.models import ALL_MODELS
from klachtenloket.models.audit import install_guard, remove_guard
from klachtenloket.throwaway import PG_ADMIN, postgres_database



def _postgres_available() -> str | None:
    try:
        import psycopg2
        psycopg2.connect(connect_timeout=2, **PG_ADMIN).close()
        return None
    except Exception as exc:  # noqa: BLE001 — any failure means: no server here
        return f"PostgreSQL not reachable on 127.0.0.1:5432 ({exc.__class__.__name__})"


@pytest.fixture(scope="session")
def postgresql_url():
    reason = _postgres_available()
    if reason:
        pytest.skip(reason)
    with postgres_database("kl_test") as url:
        yield url


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory):
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request):
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_database_url(request, tmp_path):
    """A new, empty database of its own, for tests that fill it in bulk (and ANALYZE it)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    reason = _postgres_available()
    if reason:
        pytest.skip(reason)

    def close_pool():
        if hasattr(db.database.obj, "close_all"):
            db.database.obj.close_all()
    with postgres_database("kl_fresh", before_drop=close_pool) as url:
        yield url


def _empty_tables():
    # The audit table refuses DELETE (migration 0008). Its guard is lifted inside this
    # transaction only and installed again before it commits, so every test runs with it.
    with db.database.connection_context():
        with db.database.atomic():
            remove_guard(db.database)
            for model in reversed(ALL_MODELS):
                model.delete().execute()
            install_guard(db.database)


# Rate limits (klachtenloket/web/limits.py) high enough that no walk through the app trips
# them; tests of the limits themselves set low ones.
GENEROUS_LIMITS = {"RATELIMIT_PUBLIC": "100000 per minute", "RATELIMIT_LOGIN": "100000 per minute"}


@pytest.fixture
def app(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("KLACHTENLOKET_INSTANCE", str(tmp_path / "instance"))
    from app import create_app
    application = create_app({"DATABASE_URL": database_url, "TESTING": True,
                              "PUBLIC_URL": "http://klachten.test", "MAIL_PORT": 1,
                              **GENEROUS_LIMITS})
    db.migrate()
    _empty_tables()
    yield application
    if hasattr(db.database.obj, "close_all"):   # the PostgreSQL pool
        db.database.obj.close_all()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class PageChecker(HTMLParser):
    """Structure every page must have: lang, one h1, a title, unique ids, labelled inputs."""

    def __init__(self):
        super().__init__()
        self.ids, self.h1, self.title, self.lang, self.labels, self.inputs = [], 0, False, None, set(), []
        self.dir = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "html":
            self.lang, self.dir = a.get("lang"), a.get("dir")
        if tag == "h1" or "as-h1" in (a.get("class") or ""):
            self.h1 += 1
        if tag == "title":
            self.title = True
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.inputs.append(a.get("id"))


def check_page(html: str) -> None:
    p = PageChecker()
    p.feed(html)
    from klachtenloket.web.i18n import LANGUAGE_NAMES, RIGHT_TO_LEFT
    assert p.lang in LANGUAGE_NAMES, "every page says its language"
    assert (p.dir == "rtl") == (p.lang in RIGHT_TO_LEFT), "Arabic pages read right to left"
    assert p.title, "every page has a title"
    assert p.h1 == 1, f"one h1 per page, found {p.h1}"
    dupes = {i for i in p.ids if p.ids.count(i) > 1}
    assert not dupes, f"duplicate ids: {dupes}"
    unlabelled = [i for i in p.inputs if i not in p.labels]
    assert not unlabelled, f"inputs without a label: {unlabelled}"


class CheckingClient:
    """The Flask test client, checking the structure of every HTML page it gets back."""

    def __init__(self, client):
        self._client = client

    def _checked(self, response):
        if response.mimetype == "text/html" and response.status_code < 300 or response.status_code >= 400:
            if response.mimetype == "text/html":
                check_page(response.get_data(as_text=True))
        return response

    def get(self, *args, **kwargs):
        return self._checked(self._client.get(*args, **kwargs))

    def post(self, *args, **kwargs):
        return self._checked(self._client.post(*args, **kwargs))

    def __getattr__(self, name):
        return getattr(self._client, name)


@pytest.fixture
def client(app):
    return CheckingClient(app.test_client())


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or \
        re.search(r'id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert match, "the form carries a CSRF token"
    return match.group(1)


@pytest.fixture
def smtp_server():
    """A real SMTP server on a free port; `.messages` holds what arrived."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    class Collect(Message):
        def __init__(self):
            super().__init__()
            self.messages = []

        def handle_message(self, message):
            self.messages.append(message)

    class BoundController(Controller):
        # aiosmtpd's start() probes `self.port`, which is 0 here: learn the bound port
        # first, so start() works and tests can read `controller.port`.
        def _trigger_server(self):
            self.port = self.server.sockets[0].getsockname()[1]
            super()._trigger_server()

    handler = Collect()
    controller = BoundController(handler, hostname="127.0.0.1", port=0)
    controller.start()
    controller.messages = handler.messages
    yield controller
    controller.stop()
