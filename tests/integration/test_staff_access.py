"""Who gets into the back office, and what each role may open.

- logging in: one message for an unknown address and a wrong password, the address kept;
- logging out is a POST with a token, and it ends the session (also a copy of the cookie);
- disabling an account or ending its sessions ends a session that is open at once;
- the URL map, walked: every staff endpoint, for every method it accepts, refuses anonymous
  requests and the roles it does not allow (the table ACCESS says which it allows), and no GET
  or HEAD changes anything in the database.
"""
from urllib.parse import parse_qs, urlsplit

import pytest

from config import Config
from klachtenloket.domain.roles import ADMINISTRATOR, COORDINATOR, HANDLER, READER, ROLES
from klachtenloket.models import ALL_MODELS, AuditEntry, Staff
from klachtenloket.services import accounts
from tests.conftest import CheckingClient, csrf_token
from tests.integration.helpers import STAFF_PASSWORD, error_summary, log_in, make_staff, page_token

# Many logins per test: hashing at production cost would only make them slow.
pytestmark = pytest.mark.usefixtures("cheap_hashing")

LOGIN = "/beheer/inloggen"
PUBLIC = "anyone"
EVERY_ROLE = frozenset(ROLES)

# Which roles each back-office endpoint allows. The walk below fails on a staff endpoint that
# is missing here, so a new page cannot go live without someone deciding who may use it.
ACCESS = {
    "staff.login": PUBLIC,                     # the way in
    # The login's second step and enrolment: only with a pending login (test_two_factor.py).
    "staff.login_code": PUBLIC,
    "staff.login_enrol": PUBLIC,
    "staff.choose_password": EVERY_ROLE,       # a password of one's own
    "staff.new_backup_codes": EVERY_ROLE,      # ten new backup codes
    "staff.restore_form": EVERY_ROLE,          # a form kept when the session had ended
    "staff.logout": EVERY_ROLE,
    "staff.start": EVERY_ROLE,
    "staff.complaints": frozenset({COORDINATOR, HANDLER, READER}),   # not the administrator
    "staff.register_complaint": frozenset({COORDINATOR}),
    "staff.registered": frozenset({COORDINATOR}),
    # A handler only on complaints assigned to them (test_casework.py checks the 403 on others).
    "staff.complaint": frozenset({COORDINATOR, HANDLER, READER}),
    # A complaint's letter as a PDF: whoever may open the complaint (test_letters_sent.py).
    "staff.letter_pdf": frozenset({COORDINATOR, HANDLER, READER}),
    # A complaint's file: whoever may open the complaint (test_attachments.py).
    "staff.attachment_download": frozenset({COORDINATOR, HANDLER, READER}),
    # The spam queue (test_spam_queue.py): the coordinator's.
    **{endpoint: frozenset({COORDINATOR}) for endpoint in (
        "staff.spam_queue", "staff.release_held", "staff.delete_held")},
    # Measures (test_measures.py): adding one on a complaint its handler or the coordinator
    # may work on; a status change by its owner or the coordinator; the open ones for all.
    **{endpoint: frozenset({COORDINATOR, HANDLER, READER}) for endpoint in (
        "staff.add_measure", "staff.open_measures", "staff.measure_status")},
    # Who opened and changed a complaint: the coordinator's to read (test_audit.py).
    "staff.audit_trail": frozenset({COORDINATOR}),
    # One route per step on a complaint (klachtenloket.web.steps.STEPS). The handler's steps
    # are open to whoever is assigned: a handler, or a manager (reader) for a complaint about
    # the coordinator; test_steps.py checks the 403 for everyone else.
    **{f"staff.step_{name}": frozenset({COORDINATOR}) for name in (
        "acknowledge", "assign", "close", "forward", "decline", "classify")},
    **{f"staff.step_{name}": frozenset({COORDINATOR, HANDLER, READER}) for name in (
        "note", "first_contact", "procedure", "copy_sent", "hearing_planned", "hearing_held",
        "hearing_waived", "suspend", "resume", "extend", "decide", "solved_directly")},
    # Call-back requests (test_callbacks.py): the coordinator's, who also stands in for
    # customer service (there is no role of their own).
    **{endpoint: frozenset({COORDINATOR}) for endpoint in (
        "staff.callback_requests", "staff.record_callback_request", "staff.callback_request",
        "staff.close_callback_request")},
    # The whole configuration as TOML (test_configuration_pages.py): the administrator's.
    **{endpoint: frozenset({ADMINISTRATOR}) for endpoint in (
        "staff.configuration", "staff.configuration_download", "staff.configuration_upload",
        "staff.configuration_text")},
    # Staff accounts (test_people.py): the administrator's only.
    **{endpoint: frozenset({ADMINISTRATOR}) for endpoint in (
        "staff.people", "staff.create_account", "staff.account", "staff.change_role",
        "staff.disable_account", "staff.enable_account", "staff.end_account_sessions",
        "staff.new_password", "staff.reset_two_factor")},
    # The settings pages (test_settings_pages.py): the administrator's only.
    **{endpoint: frozenset({ADMINISTRATOR}) for endpoint in (
        "staff.settings", "staff.settings_terms", "staff.settings_preview",
        "staff.settings_organisation", "staff.settings_lists")},
    # The organisation's own pages (test_procedure_settings.py): the administrator's only.
    **{endpoint: frozenset({ADMINISTRATOR}) for endpoint in (
        "staff.settings_logo", "staff.settings_logo_remove", "staff.settings_channels",
        "staff.settings_channel", "staff.settings_channel_new", "staff.settings_channel_remove",
        "staff.settings_second_line", "staff.settings_intake", "staff.settings_managers",
        "staff.settings_emails", "staff.settings_email_text", "staff.settings_email_default")},
    # Privacy (test_privacy_pages.py): access requests and the staff-views log, the
    # coordinator's.
    **{endpoint: frozenset({COORDINATOR}) for endpoint in (
        "staff.privacy", "staff.access_request_page", "staff.access_request_export",
        "staff.staff_views_log", "staff.staff_views_log_csv")},
    # The register as open data (test_open_data.py): coordinator and managers.
    **{endpoint: frozenset({COORDINATOR, READER}) for endpoint in (
        "staff.open_data_page", "staff.open_data_download")},
    # The letter texts (test_letter_text_pages.py): the administrator's only.
    **{endpoint: frozenset({ADMINISTRATOR}) for endpoint in (
        "staff.letter_texts", "staff.letter_text", "staff.letter_text_default")},
    # The yearly report (test_annual_report.py): readers and the coordinator read it and its
    # files; the coordinator writes its introduction and closing.
    **{endpoint: frozenset({COORDINATOR, READER}) for endpoint in (
        "staff.annual_report", "staff.report_csv", "staff.report_xlsx", "staff.report_pdf")},
    "staff.report_text": frozenset({COORDINATOR}),
}
# Values for variables in staff URLs (<reference>, <int:id> …), added with the first such page.
# KL-2026-00001 is the first complaint add_complaints (test_staff_complaints.py) makes.
SAMPLE_VALUES: dict[str, object] = {"reference": "KL-2026-00001",
                                    "callback_id": 1,   # add_sample_callback_request
                                    "number": 1,        # add_sample_letter
                                    "attachment_id": 1,  # add_sample_attachment
                                    "held_id": 1,        # none: "already dealt with"
                                    "measure_id": 1,     # none: 404
                                    "account_id": 90001,  # add_sample_account
                                    "kind": "decided", "language": "nl",  # letter texts
                                    "year": 2026, "key": "received-units"}  # yearly report
# Where one endpoint's variable means something else: the e-mail texts' kinds.
SAMPLE_OVERRIDES = {endpoint: {"kind": "acknowledgement"} for endpoint in (
    "staff.settings_email_text", "staff.settings_email_default")}
# Query strings every GET is also tried with: filters and paging must not change anything.
SAMPLE_QUERIES = ("", "?state=received&page=2", "?page=x&state=nonsense")


def staff_requests(app) -> list[tuple[str, str, str]]:
    """(endpoint, method, path) for every rule of the staff blueprint and every method it
    accepts. OPTIONS is left out: Flask answers it itself, with the allowed methods only."""
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("staff."):
            continue
        missing = rule.arguments - SAMPLE_VALUES.keys()
        assert not missing, f"{rule.rule}: add a sample value for {missing} to SAMPLE_VALUES"
        values = {**SAMPLE_VALUES, **SAMPLE_OVERRIDES.get(rule.endpoint, {})}
        _domain, path = rule.build({name: values[name] for name in rule.arguments})
        for method in sorted(rule.methods - {"OPTIONS"}):
            found.append((rule.endpoint, method, path))
    return found


def send(client, method: str, path: str, token: str):
    """One request as a browser or htmx would make it; state-changing ones carry the token."""
    if method in ("GET", "HEAD"):
        return client.open(path, method=method)
    return client.open(path, method=method, data={"csrf_token": token},
                       headers={"X-CSRFToken": token})


def is_sent_to_login(response) -> bool:
    return (response.status_code in (302, 303)
            and urlsplit(response.headers["Location"]).path == LOGIN)


def refused_anonymous(response) -> bool:
    return response.status_code in (401, 403) or is_sent_to_login(response)


def logged_in_client(app, role: str) -> CheckingClient:
    make_staff(role)
    client = CheckingClient(app.test_client())
    assert log_in(client, f"{role}@example.nl").status_code == 303
    return client




# --- logging in ---------------------------------------------------------------------------

def test_the_right_password_opens_the_start_page_with_name_and_role(client):
    make_staff(COORDINATOR, name="Corrie Coördinator")
    response = log_in(client, "coordinator@example.nl")
    assert response.status_code == 303 and response.headers["Location"] == "/beheer/"
    start = client.get("/beheer/?lang=en")
    assert start.status_code == 200
    assert "Corrie Coördinator" in start.text and "Complaints coordinator" in start.text
    assert Staff.get(Staff.email == "coordinator@example.nl").last_login_at is not None


def test_the_address_is_matched_whatever_its_case(client):
    make_staff(READER, email="Lezer@Example.NL")
    assert Staff.get().email == "lezer@example.nl"
    assert log_in(client, "  LEZER@example.nl ").status_code == 303


@pytest.mark.parametrize("lang, message", [
    ("nl", "Het e-mailadres of het wachtwoord klopt niet."),
    ("en", "The e-mail address or password is not correct."),
])
def test_unknown_address_and_wrong_password_get_the_same_message_and_keep_the_address(
        client, lang, message):
    make_staff(HANDLER, email="known@example.nl")
    wrong_password = log_in(client, "known@example.nl", "not the password at all", lang=lang)
    unknown = log_in(client, "unknown@example.nl", STAFF_PASSWORD, lang=lang)
    for response, typed in ((wrong_password, "known@example.nl"),
                            (unknown, "unknown@example.nl")):
        assert response.status_code == 200
        assert f'value="{typed}"' in response.text, "the typed address stays in the form"
        assert "not the password at all" not in response.text and STAFF_PASSWORD not in response.text
        assert message in error_summary(response.text)
    assert error_summary(wrong_password.text) == error_summary(unknown.text)
    assert client.get("/beheer/").status_code == 302, "nobody is logged in"


def test_a_disabled_account_cannot_log_in_and_is_told_nothing_more(client):
    staff = make_staff(COORDINATOR)
    accounts.disable(staff)
    response = log_in(client, "coordinator@example.nl", lang="en")
    assert response.status_code == 200
    assert "The e-mail address or password is not correct." in error_summary(response.text)


def test_empty_fields_are_named_in_the_error_summary(client):
    page = client.get(LOGIN + "?lang=en")
    response = client.post(LOGIN, data={"csrf_token": csrf_token(page.text)})
    summary = error_summary(response.text)
    assert "Enter your e-mail address" in summary and "Enter your password" in summary


def test_an_expired_login_form_is_shown_again_with_the_address(client):
    client.get(LOGIN)
    response = client.post(LOGIN + "?lang=en", data={"email": "someone@example.nl",
                                                     "password": STAFF_PASSWORD,
                                                     "csrf_token": "expired"})
    assert response.status_code == 400
    assert 'value="someone@example.nl"' in response.text
    assert "Log in again" in error_summary(response.text)


@pytest.mark.parametrize("next_url, lands_on", [
    ("/beheer/klachten?state=received", "/beheer/klachten?state=received"),
    ("https://evil.example/beheer/", "/beheer/"),
    ("//evil.example/beheer/", "/beheer/"),
    ("/volgen/", "/beheer/"),
    ("/beheer\\..\\", "/beheer/"),
])
def test_after_login_only_a_back_office_page_is_a_place_to_return_to(client, next_url, lands_on):
    make_staff(COORDINATOR)
    response = log_in(client, "coordinator@example.nl", next_url=next_url)
    assert response.status_code == 303 and response.headers["Location"] == lands_on


def test_an_anonymous_request_remembers_the_page_it_wanted(client):
    response = client.get("/beheer/klachten?state=withdrawn")
    assert is_sent_to_login(response)
    assert parse_qs(urlsplit(response.headers["Location"]).query)["next"] == \
        ["/beheer/klachten?state=withdrawn"]


def test_an_htmx_request_without_a_session_is_sent_to_the_login_page_whole(client):
    """A redirect would make htmx swap the login page into the list."""
    response = client.open("/beheer/klachten?page=2", headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert urlsplit(response.headers["HX-Redirect"]).path == LOGIN


def test_the_session_cookie_is_httponly_and_samesite_lax(client):
    make_staff(COORDINATOR)
    cookie = log_in(client, "coordinator@example.nl").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_session_cookie_is_secure_in_production(monkeypatch):
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    assert Config(PUBLIC_URL="https://klachten.example.nl").SESSION_COOKIE_SECURE is True
    assert Config(PUBLIC_URL="http://127.0.0.1:5000").SESSION_COOKIE_SECURE is False
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "0")
    assert Config(PUBLIC_URL="https://klachten.example.nl").SESSION_COOKIE_SECURE is False


# --- logging out and ending sessions ------------------------------------------------------

def test_logging_out_is_a_post_with_a_token(client):
    make_staff(READER)
    log_in(client, "reader@example.nl")
    assert client.get("/beheer/uitloggen").status_code == 405
    assert client.post("/beheer/uitloggen").status_code == 400, "no token, no logout"
    assert client.get("/beheer/").status_code == 200, "still logged in"

    response = client.post("/beheer/uitloggen?lang=en", data={"csrf_token": page_token(client)})
    assert response.status_code == 303 and urlsplit(response.headers["Location"]).path == LOGIN
    assert "You are logged out." in client.get(response.headers["Location"]).text
    assert is_sent_to_login(client.get("/beheer/"))


def test_a_copy_of_the_cookie_is_worth_nothing_after_logout(client, app):
    make_staff(COORDINATOR)
    log_in(client, "coordinator@example.nl")
    copied = client.get_cookie("session").value
    client.post("/beheer/uitloggen", data={"csrf_token": page_token(client)})

    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert is_sent_to_login(thief.get("/beheer/"))


def test_disabling_an_account_ends_its_open_session_at_once(client):
    staff = make_staff(COORDINATOR)
    log_in(client, "coordinator@example.nl")
    assert client.get("/beheer/klachten").status_code == 200
    # Only the flag, not the session version: the check on `active` must hold by itself.
    Staff.update(active=False).where(Staff.id == staff.id).execute()
    assert is_sent_to_login(client.get("/beheer/klachten"))
    Staff.update(active=True).where(Staff.id == staff.id).execute()
    assert client.get("/beheer/klachten").status_code == 200


def test_ending_all_sessions_ends_every_open_one_at_once(app):
    staff = make_staff(HANDLER)
    first, second = CheckingClient(app.test_client()), CheckingClient(app.test_client())
    for client in (first, second):
        log_in(client, "handler@example.nl")
        assert client.get("/beheer/").status_code == 200
    accounts.end_sessions(staff)
    assert is_sent_to_login(first.get("/beheer/")) and is_sent_to_login(second.get("/beheer/"))
    log_in(first, "handler@example.nl")
    assert first.get("/beheer/").status_code == 200, "a new login works"


def test_logging_in_starts_a_fresh_session_keeping_only_the_language(client):
    make_staff(READER)
    client.get("/?lang=en")
    with client.session_transaction() as session:
        session["planted"] = "from before"
    log_in(client, "reader@example.nl")
    with client.session_transaction() as session:
        assert "planted" not in session and session["lang"] == "en"


# --- the URL map, walked ------------------------------------------------------------------

def test_every_staff_endpoint_says_who_may_use_it(app):
    endpoints = {endpoint for endpoint, _method, _path in staff_requests(app)}
    assert endpoints, "the staff blueprint is registered"
    assert endpoints == set(ACCESS), (
        f"not in ACCESS: {endpoints - set(ACCESS)}; gone from the app: {set(ACCESS) - endpoints}")
    assert [e for e, roles in ACCESS.items() if roles == PUBLIC] == [
        "staff.login", "staff.login_code", "staff.login_enrol"]


def test_every_staff_endpoint_refuses_anonymous_requests_for_every_method(app, client):
    token = csrf_token(client.get(LOGIN).text)
    checked = 0
    for endpoint, method, path in staff_requests(app):
        if ACCESS[endpoint] == PUBLIC:
            continue
        response = send(client, method, path, token)
        assert refused_anonymous(response), (endpoint, method, response.status_code)
        checked += 1
    assert checked >= 3


def test_every_staff_endpoint_refuses_the_roles_it_does_not_allow(app):
    checked = 0
    for role in ROLES:
        client = logged_in_client(app, role)
        token = page_token(client)
        for endpoint, method, path in staff_requests(app):
            if ACCESS[endpoint] == PUBLIC or role in ACCESS[endpoint]:
                continue
            response = send(client, method, path, token)
            assert response.status_code == 403, (role, endpoint, method, response.status_code)
            checked += 1
        assert client.get("/beheer/").status_code == 200, f"{role}: a refusal keeps the session"
    assert checked >= 2, "ACCESS holds at least one endpoint that some role may not use"


def test_every_staff_endpoint_admits_the_roles_it_allows(app):
    from tests.integration.test_staff_complaints import add_complaints
    add_complaints(1)   # the complaint SAMPLE_VALUES names
    add_sample_callback_request()
    add_sample_letter()
    add_sample_account()
    add_sample_attachment(app)
    for role in ROLES:
        client = logged_in_client(app, role)
        if role in (HANDLER, READER):   # the handler's steps: only on their own complaints
            assign_sample_complaint(Staff.get(Staff.email == f"{role}@example.nl"))
        # Reading first: a state change may end every session of the account (logout).
        requests = sorted(staff_requests(app), key=lambda r: r[1] not in ("GET", "HEAD"))
        for endpoint, method, path in requests:
            if ACCESS[endpoint] == PUBLIC or role not in ACCESS[endpoint]:
                continue
            if method in ("GET", "HEAD"):
                response = send(client, method, path, "")
                if endpoint in REDIRECT_WITHOUT_DATA:
                    assert response.status_code == 302 and not is_sent_to_login(response), \
                        (role, endpoint, method, response.status_code)
                    continue
                assert response.status_code == 200, (role, endpoint, method, response.status_code)
            else:
                # Each state change gets a fresh login, so it cannot hide behind another.
                fresh = CheckingClient(app.test_client())
                log_in(fresh, f"{role}@example.nl")
                response = send(fresh, method, path, page_token(fresh))
                # Admitted: not refused and not sent to log in (logging out ends there). A
                # form that holds nothing may answer 400, a sample row that is not there 404:
                # neither is a refusal.
                admitted = (response.status_code not in (401, 403, 405)
                            and response.status_code < 500
                            and (endpoint == "staff.logout" or not is_sent_to_login(response)))
                assert admitted, (role, endpoint, method, response.status_code)


# Pages that send a person on when there is nothing to show: without a form kept from an
# ended session, "carry on" goes to the start page (test_staff_sessions.py shows the form).
REDIRECT_WITHOUT_DATA = {"staff.restore_form"}


def assign_sample_complaint(handler) -> None:
    from klachtenloket.models import Complaint
    from klachtenloket.services import casework
    complaint = Complaint.get(Complaint.reference == SAMPLE_VALUES["reference"])
    coordinator = Staff.get(Staff.role == COORDINATOR)
    if casework.case_state(complaint).state == "received":  # the coordinator's walk may have
        casework.record(complaint, "acknowledged", {}, coordinator)
    casework.record(complaint, "assigned", {"handler": handler.id}, coordinator)


def add_sample_callback_request() -> None:
    """The call-back request SAMPLE_VALUES names, with its id given (PostgreSQL's sequence
    does not restart when the tests empty the table)."""
    from datetime import date
    from klachtenloket.models import CallbackRequest
    CallbackRequest.create(id=SAMPLE_VALUES["callback_id"], requested_on=date(2026, 3, 6),
                           channel="web", name="Inwoner", phone="06 12345678",
                           due_on=date(2026, 3, 10))


def add_sample_letter() -> None:
    """The sample complaint's first letter, which SAMPLE_VALUES' number names."""
    from klachtenloket.models import Complaint
    from klachtenloket.services import letters
    complaint = Complaint.get(Complaint.reference == SAMPLE_VALUES["reference"])
    letters.make_letter(complaint, "acknowledgement", {}, "system")


def add_sample_account() -> None:
    """The staff account SAMPLE_VALUES' account_id names (a handler: disabling it is allowed),
    its id given like the call-back request's."""
    Staff.create(id=SAMPLE_VALUES["account_id"], email="sample-account@example.nl",
                 name="Sample Account", role=HANDLER, password_hash="not a hash")


def add_sample_attachment(app) -> None:
    """A file of the sample complaint, which SAMPLE_VALUES' attachment_id names (ids given like
    the call-back request's); held_id names none: releasing or deleting it says so."""
    from klachtenloket.models import Attachment, Complaint
    from klachtenloket.services.backup import uploads_dir
    folder = uploads_dir(app.config)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sample0000000000000000000000000a").write_bytes(b"%PDF-1.4 sample")
    Attachment.create(id=SAMPLE_VALUES["attachment_id"], stored_name="sample0000000000000000000000000a",
                      complaint=Complaint.get(Complaint.reference == SAMPLE_VALUES["reference"]),
                      filename="brief.pdf", content_type="application/pdf", size=15, sha256="0" * 64)


def _database() -> dict[str, list]:
    # Opening a complaint writes a "viewed" audit row: that is its purpose. Any other new row
    # is a change.
    tables = {model.__name__: sorted(map(repr, model.select().tuples())) for model in ALL_MODELS
              if model is not AuditEntry}
    tables["AuditEntry"] = sorted(map(repr, AuditEntry.select()
                                      .where(AuditEntry.action != "viewed").tuples()))
    return tables


def test_no_get_on_a_staff_endpoint_changes_anything(app, client):
    from tests.integration.test_staff_complaints import add_complaints
    add_complaints(60)
    clients = [client] + [logged_in_client(app, role) for role in ROLES]
    before = _database()
    for each in clients:
        for _endpoint, method, path in staff_requests(app):
            if method not in ("GET", "HEAD"):
                continue
            for query in SAMPLE_QUERIES:
                for headers in ({}, {"HX-Request": "true"}):
                    assert each.open(path + query, method=method, headers=headers).status_code < 500
    assert _database() == before
    for each in clients[1:]:
        assert each.get("/beheer/").status_code == 200, "no GET ended a session"


def test_a_back_office_view_that_names_no_roles_is_refused_to_everyone(app):
    """Deny by default: forgetting @role_required on a new page does not open it."""
    from flask import Blueprint
    from klachtenloket.web import access

    probe = Blueprint("probe", __name__, url_prefix="/beheer-probe")

    @probe.get("/")
    def forgotten():
        return "personal data"

    access.protect(probe)
    app.register_blueprint(probe)   # before this app's first request
    assert is_sent_to_login(app.test_client().get("/beheer-probe/"))
    for role in ROLES:
        client = logged_in_client(app, role)
        response = client.open("/beheer-probe/")
        assert response.status_code == 403 and "personal data" not in response.text, role
