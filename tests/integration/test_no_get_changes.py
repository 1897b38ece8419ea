"""No GET changes anything, and every POST needs a CSRF token (issue 7), on SQLite and
PostgreSQL. The URL map is walked, so a route added later is covered without being named here:

- every GET route is called, with plausible arguments (a real reference, tracking token, letter
  number, account and request id) and by everyone who may open it (a resident, each staff
  role), against a seeded database; afterwards every table holds exactly the rows it held,
  byte for byte. The one thing a GET may add is the staff-views log (audit rows "viewed": the
  privacy officer's record of who saw which complaint);
- every route that takes a POST refuses one without a token: 400, and nothing stored.
"""
import hashlib
import re

import pytest
from werkzeug.routing import IntegerConverter, Rule

from klachtenloket.models import ALL_MODELS, AuditEntry, CallbackRequest, Complaint
from tests.integration.helpers import (choose_who, file_complaint, fill_details, logged_in,
                                       make_staff, registered)

pytestmark = pytest.mark.usefixtures("cheap_hashing")

# Audit rows a read may add: the staff-views log.
READ_ACTIONS = ("viewed", "downloaded", "exported")


def snapshot() -> dict[str, tuple[int, str]]:
    """Per table: the number of rows and a hash of all of them."""
    state = {}
    for model in ALL_MODELS:
        rows = sorted(repr(row) for row in model.select().order_by(model._meta.primary_key)
                      .tuples())
        state[model._meta.table_name] = (len(rows), hashlib.sha256(
            "\n".join(rows).encode()).hexdigest())
    return state


def _arguments(seed) -> dict[str, object]:
    return {"reference": seed["reference"], "token": seed["token"], "number": 1,
            "account_id": seed["staff_id"], "callback_id": seed["callback_id"],
            "measure_id": 1, "kind": "acknowledgement", "language": "nl",
            "digest": "0" * 16, "ext": "png", "filename": "css/public.css",
            "year": seed["year"], "key": "channels"}


def _url(rule: Rule, arguments: dict) -> str:
    # A number nobody named (a new route's id): the first row's.
    arguments = {**{name: 1 for name, converter in rule._converters.items()
                    if isinstance(converter, IntegerConverter)}, **arguments}
    missing = set(rule.arguments) - set(arguments)
    assert not missing, f"no plausible value for {missing} in {rule.rule}: add one to _arguments"
    path = rule.rule
    for name in rule.arguments:
        path = re.sub(rf"<(?:[a-z]+:)?{name}>", str(arguments[name]), path)
    return path


@pytest.fixture
def seeded(app, client):
    """A complaint filed on the site (with its private link and acknowledgement letter), one
    registered by phone, a call-back request, and a logged-in client for every staff role."""
    from klachtenloket.services import callbacks
    from klachtenloket.web.organisation import current_organisation
    from views.public import today
    _html, link = file_complaint(client)
    roles = {role: make_staff(role) for role in ("coordinator", "handler", "reader",
                                                 "administrator")}
    phoned = registered(app, roles["coordinator"], email="piet@example.nl")
    with app.test_request_context():
        made = callbacks.create("k" * 43, {"name": "Kees", "phone": "06 12345678",
                                           "best_time": "", "subject": "Brief"},
                                current_organisation(), callbacks.WEB, today())
    clients = {"resident": client, **{role: logged_in(app, staff) for role, staff in roles.items()}}
    return {"clients": clients, "reference": phoned.reference, "token": link.split("/")[-1],
            "staff_id": roles["handler"].id, "callback_id": made.request.id,
            "year": phoned.received_on.year}


def test_no_get_changes_the_database(app, seeded):
    arguments = _arguments(seeded)
    rules = [rule for rule in app.url_map.iter_rules() if "GET" in rule.methods]
    newest_audit = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    before = snapshot()
    answered = {}
    for rule in rules:
        url = _url(rule, arguments)
        for who, client in seeded["clients"].items():
            answered[(url, who)] = client.get(url).status_code

    after = snapshot()
    # The staff-views log grows; nothing else in the audit trail does.
    added = list(AuditEntry.select().where(AuditEntry.id > (newest_audit.id if newest_audit
                                                            else 0)))
    assert all(entry.action in READ_ACTIONS for entry in added), \
        [entry.action for entry in added if entry.action not in READ_ACTIONS]
    before.pop(AuditEntry._meta.table_name), after.pop(AuditEntry._meta.table_name)
    changed = {table for table in before if before[table] != after[table]}
    assert not changed, f"a GET changed {changed}"
    # The walk reached the pages, not just the login page: the resident's tracking page, the
    # complaint page for the coordinator, the accounts for the administrator.
    assert answered[(f"/volgen/{seeded['token']}", "resident")] == 200
    assert answered[(f"/beheer/klachten/{seeded['reference']}", "coordinator")] == 200
    assert answered[("/beheer/medewerkers", "administrator")] == 200
    ok = sum(1 for status in answered.values() if status == 200)
    assert ok >= len(rules), f"only {ok} pages answered 200 for {len(rules)} GET routes"


def test_every_post_needs_a_csrf_token(app, seeded):
    arguments = _arguments(seeded)
    resident = seeded["clients"]["resident"]
    # A complete draft in the resident's session, so "send" gets as far as its token check.
    choose_who(resident)
    assert fill_details(resident).status_code == 302
    draft_key = re.search(r'name="draft_key" value="([^"]+)"',
                          resident.get("/klacht/controleren").text).group(1)
    complaints = Complaint.select().count()
    callbacks_before = CallbackRequest.select().count()
    before = snapshot()
    refused = {}
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        url = _url(rule, arguments)
        for who, client in seeded["clients"].items():
            # The form as a browser would send it, every field that matters filled in,
            # only without the token.
            try:
                response = client.post(url, data={"text": "x", "email": "iemand@example.nl",
                                                  "name": "Kees", "phone": "06 12345678",
                                                  "subject": "Brief", "password": "x",
                                                  "filed_by": "self", "note": "x",
                                                  "draft_key": draft_key})
                refused[(url, who)] = response.status_code
                if response.status_code == 302 and who != "resident" and \
                        response.location.endswith("/klacht/indienen"):
                    # Someone who never began a complaint is sent to its first step.
                    refused[(url, who)] = "sent to the first step"
            except Exception as exc:  # noqa: BLE001 — an error page that fails is a finding
                refused[(url, who)] = repr(exc)[:80]

    wrong = {key: status for key, status in refused.items()
             if status not in (400, "sent to the first step")}
    assert not wrong, f"POSTs without a token that were not refused with 400: {wrong}"
    assert Complaint.select().count() == complaints
    assert CallbackRequest.select().count() == callbacks_before
    after = snapshot()
    # A refused login attempt may be counted (brute-force protection); nothing else changes.
    changed = {table for table in before if before[table] != after[table]} - {
        "login_failure", AuditEntry._meta.table_name}
    assert not changed, f"a POST without a token changed {changed}"


def test_a_post_with_the_token_in_the_header_only_is_accepted(app, seeded):
    """What htmx sends (static/js/staff.js): the token as X-CSRFToken, not in the form."""
    coordinator = seeded["clients"]["coordinator"]
    page = coordinator.get(f"/beheer/klachten/{seeded['reference']}").text
    token = re.search(r'<meta name="csrf-token" content="([^"]+)">', page).group(1)
    response = coordinator.post(f"/beheer/klachten/{seeded['reference']}/notitie",
                                data={"note-text": "Gebeld met klager."},
                                headers={"X-CSRFToken": token, "HX-Request": "true"})
    assert response.status_code != 400
