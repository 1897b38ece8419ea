"""Rate limits on every form anyone can send (klachtenloket/web/limits.py), on SQLite and
PostgreSQL:

- every POST the public can make, and the staff login, is limited per client address;
- over the limit the form comes back with everything typed and a clear, translated message,
  status 429 and Retry-After; nothing is stored; another address is not affected;
- with Redis the count is shared by every app instance (every gunicorn worker);
- an unreachable Redis never blocks a complaint.
"""
import re
import uuid

import pytest

from klachtenloket.models import CallbackRequest, Complaint, Event
from klachtenloket.web import limits
from tests.conftest import CheckingClient, csrf_token
from tests.integration.helpers import (STAFF_PASSWORD, choose_who, file_complaint,
                                       fill_details, log_in, make_staff, send)

pytestmark = pytest.mark.usefixtures("cheap_hashing")

REDIS = "redis://127.0.0.1:6379"
DUTCH_MESSAGE = "U heeft dit formulier in korte tijd te vaak verstuurd"
ENGLISH_MESSAGE = "You sent this form too often in a short time"


def low_limits(app, amount=2):
    """Counts start again at a new limit (the amount is part of the key): set it first."""
    app.config["RATELIMIT_PUBLIC"] = f"{amount} per minute"
    app.config["RATELIMIT_LOGIN"] = f"{amount} per minute"


def at(address):
    return {"environ_base": {"REMOTE_ADDR": address}}


def test_every_public_post_and_the_staff_login_is_limited(app):
    limited = limits.limited_endpoints(app)
    posts = {rule.endpoint for rule in app.url_map.iter_rules()
             if "POST" in rule.methods and not rule.rule.startswith("/beheer/")}
    assert posts, "the public site takes forms"
    assert posts <= set(limited), f"public POSTs without a rate limit: {posts - set(limited)}"
    assert limited["staff.login"] == "login"


def test_the_complaint_form_over_the_limit_is_shown_again_with_what_was_typed(app, client):
    low_limits(app)
    choose_who(client)
    page = client.get("/klacht/gegevens")
    typed = {"name": "Fatima el Amrani", "email": "fatima@example.nl", "reply_by": "email",
             "description": "Mijn uitkering kwam drie weken te laat.",
             "csrf_token": csrf_token(page.text)}
    for _ in range(2):     # two sends with a problem (no date of the event): shown again
        assert client.post("/klacht/gegevens", data=typed).status_code in (200, 400)

    over = client.post("/klacht/gegevens", data=typed)

    assert over.status_code == 429
    assert int(over.headers["Retry-After"]) > 0
    assert DUTCH_MESSAGE in over.text
    assert "Mijn uitkering kwam drie weken te laat." in over.text
    assert 'value="Fatima el Amrani"' in over.text and 'value="fatima@example.nl"' in over.text
    assert "Content-Security-Policy" in over.headers
    # Another address (another person) is not held back.
    other = CheckingClient(app.test_client())
    choose_who(other)
    assert other.post("/klacht/gegevens", data={**typed, "csrf_token": csrf_token(
        other.get("/klacht/gegevens").text)}, **at("192.0.2.9")).status_code != 429


def test_sending_over_the_limit_stores_no_complaint(app, client):
    low_limits(app, 1)
    file_complaint(client)      # each step once, from 127.0.0.1
    client.environ_base["REMOTE_ADDR"] = "192.0.2.20"     # a second complaint, begun elsewhere
    choose_who(client)
    assert fill_details(client).status_code == 302
    client.environ_base["REMOTE_ADDR"] = "127.0.0.1"      # and sent from the first address
    response, _key = send(client)

    assert response.status_code == 429
    assert Complaint.select().count() == 1
    assert DUTCH_MESSAGE in response.text


def test_with_no_form_to_show_again_a_translated_page_says_to_wait(app, client):
    low_limits(app, 1)
    choose_who(client)
    fill_details(client)
    page = client.get("/klacht/controleren")
    data = {"draft_key": re.search(r'name="draft_key" value="([^"]+)"', page.text).group(1),
            "csrf_token": csrf_token(page.text)}
    assert client.post("/klacht/versturen", data=data).status_code == 303
    again = client.post("/klacht/versturen", data=data)     # the stored one: nothing to re-show

    assert again.status_code == 429
    assert "U heeft dit te vaak verstuurd" in again.text
    assert Complaint.select().count() == 1


def test_add_information_over_the_limit_keeps_the_text(app, client):
    _html, link = file_complaint(client)
    low_limits(app, 1)
    token = csrf_token(client.get(link).text)
    assert client.post(f"{link}/aanvullen", data={"text": "Eerste aanvulling",
                                                  "csrf_token": token}).status_code == 303
    over = client.post(f"{link}/aanvullen", data={"text": "Tweede aanvulling, met bijlage",
                                                  "csrf_token": token},
                       headers={"Accept-Language": "en"})

    assert over.status_code == 429
    assert ENGLISH_MESSAGE in over.text
    assert "Tweede aanvulling, met bijlage" in over.text
    assert Event.select().where(Event.kind == "information_added").count() == 1


def test_e_mail_me_my_link_over_the_limit_keeps_the_address(app, client):
    low_limits(app, 1)
    page = client.get("/volgen/")
    data = {"email": "iemand@example.nl", "csrf_token": csrf_token(page.text)}
    assert client.post("/volgen/", data=data).status_code == 200

    over = client.post("/volgen/", data=data)

    assert over.status_code == 429
    assert 'value="iemand@example.nl"' in over.text and DUTCH_MESSAGE in over.text


def test_a_call_back_request_over_the_limit_keeps_what_was_typed(app, client):
    low_limits(app, 1)
    page = client.get("/terugbellen")
    if page.status_code == 404:
        pytest.skip("this organisation takes no call-back requests")
    key = re.search(r'name="key" type="hidden" value="([^"]+)"', page.text).group(1)
    data = {"name": "Kees de Vries", "phone": "06 12345678", "best_time": "",
            "subject": "Vraag over mijn brief", "key": key, "csrf_token": csrf_token(page.text)}
    assert client.post("/terugbellen", data=data).status_code == 303

    over = client.post("/terugbellen", data={**data, "key": key[::-1]})

    assert over.status_code == 429
    assert 'value="Kees de Vries"' in over.text and "Vraag over mijn brief" in over.text
    assert CallbackRequest.select().count() == 1


def test_the_staff_login_over_the_limit_checks_no_password(app, client):
    staff = make_staff("coordinator")
    low_limits(app, 2)
    for _ in range(2):
        assert log_in(client, staff.email, "wrong password, twice").status_code == 200

    over = log_in(client, staff.email, STAFF_PASSWORD)   # the right one, but too late

    assert over.status_code == 429
    assert f'value="{staff.email}"' in over.text and DUTCH_MESSAGE in over.text
    assert client.get("/beheer/").status_code == 302, "not logged in"


# --- shared storage ----------------------------------------------------------------------------

def _redis_or_skip():
    import redis
    connection = redis.Redis.from_url(REDIS, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(f"Redis not reachable on 127.0.0.1:6379 ({exc.__class__.__name__})")
    return connection


@pytest.fixture
def shared_redis():
    """Settings for app instances that count in Redis, under a prefix of this test's own."""
    connection = _redis_or_skip()
    prefix = f"kl-test-{uuid.uuid4().hex}"
    yield {"RATELIMIT_STORAGE_URI": REDIS, "RATELIMIT_KEY_PREFIX": prefix,
           "RATELIMIT_PUBLIC": "3 per minute"}
    for key in connection.scan_iter(f"*{prefix}*"):
        connection.delete(key)


@pytest.fixture
def more_apps(app):
    """create_app(config) for more instances on the test's database; each binds its own
    connection (pool), all closed afterwards."""
    from app import create_app
    from klachtenloket import db
    made = [db.database.obj]

    def make(config):
        instance = create_app({"DATABASE_URL": app.config["DATABASE_URL"], "TESTING": True,
                               **config})
        made.append(db.database.obj)
        return instance
    yield make
    for database in made:
        if hasattr(database, "close_all"):
            database.close_all()


def test_the_limit_holds_across_app_instances_sharing_redis(more_apps, shared_redis):
    workers = [more_apps(shared_redis), more_apps(shared_redis)]
    clients = [CheckingClient(worker.test_client()) for worker in workers]
    statuses = []
    for turn in range(4):       # two sends through each "worker", taking turns
        client = clients[turn % 2]
        page = client.get("/volgen/")
        statuses.append(client.post("/volgen/", data={"email": "iemand@example.nl",
                                                      "csrf_token": csrf_token(page.text)},
                                    **at("198.51.100.7")).status_code)

    assert statuses == [200, 200, 200, 429]


def test_an_unreachable_redis_never_blocks_a_complaint(more_apps):
    down = more_apps({"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1",
                      "RATELIMIT_PUBLIC": "1 per minute"})
    client = CheckingClient(down.test_client())
    _html, link = file_complaint(client)
    assert link.startswith("/volgen/")
    assert Complaint.select().count() == 1
