"""Staff accounts in the browser, for administrators (views/staff/people.py): the list, a new
account with a one-time password shown once, another role, disable and enable, "end all
sessions" and a new one-time password. Every change is audited; the last active
administrator and one's own rights are kept; an expired form keeps what was typed. On
SQLite and PostgreSQL (the `app` fixture)."""
import re
from urllib.parse import urlsplit

import pytest

from klachtenloket.domain.roles import ADMINISTRATOR, COORDINATOR, HANDLER, READER
from klachtenloket.models import AuditEntry, Staff
from klachtenloket.services import accounts, audit
from tests.conftest import CheckingClient, csrf_token
from tests.integration.helpers import STAFF_PASSWORD, error_summary, log_in, logged_in, make_staff

pytestmark = pytest.mark.usefixtures("cheap_hashing")

PEOPLE = "/beheer/medewerkers"
NEW = PEOPLE + "/nieuw"
NEW_PERSON = {"name": "Henk de Vries", "email": "Henk@Example.nl", "role": HANDLER}


@pytest.fixture
def admin(app):
    return make_staff(ADMINISTRATOR, name="Bea Beheer")


@pytest.fixture
def admin_client(app, admin):
    return logged_in(app, admin)


def page_of(staff) -> str:
    return f"{PEOPLE}/{staff.id}"


def new_form(client, lang="en"):
    page = client.get(f"{NEW}?lang={lang}")
    assert page.status_code == 200
    key = re.search(r'name="key" type="hidden" value="([0-9a-f]{32})"', page.text).group(1)
    return csrf_token(page.text), key


def create(client, lang="en", **fields):
    token, key = new_form(client, lang)
    return client.post(NEW, data={**NEW_PERSON, **fields, "key": key, "csrf_token": token}), key


def shown_password(html: str) -> str:
    return re.search(r'id="one-time-password">([^<]+)<', html).group(1)


def act(client, staff, action: str, **data):
    """Send one of the account page's forms, with the token (and version) the page gives."""
    page = client.get(page_of(staff))
    data.setdefault("version", re.search(r'name="version" value="(\d+)"', page.text).group(1))
    return client.post(f"{page_of(staff)}/{action}", data={**data,
                                                          "csrf_token": csrf_token(page.text)})


def actions(staff_id: int | None = None) -> list[tuple[str, str]]:
    query = AuditEntry.select().where(AuditEntry.action.startswith("staff:"))
    return [(e.action, e.detail) for e in query.order_by(AuditEntry.id)
            if staff_id is None or e.detail.startswith(f"staff {staff_id} ")]


# --- the list -----------------------------------------------------------------------------

def test_the_list_shows_name_address_role_in_words_state_and_last_login(admin_client, admin):
    make_staff(COORDINATOR, name="Corrie Jansen")
    gone = make_staff(READER, name="Rob Weg")
    accounts.disable(gone)
    page = admin_client.get(PEOPLE + "?lang=en")
    assert page.status_code == 200
    rows = re.findall(r"<tr><td>(.*?)</tr>", page.text, re.S)
    assert len(rows) == 3
    assert "Rob Weg" in rows[-1] and "Disabled" in rows[-1], "active accounts first"
    corrie = next(r for r in rows if "Corrie Jansen" in r)
    assert "coordinator@example.nl" in corrie and "Complaints coordinator" in corrie
    assert "Active" in corrie and "Never" in corrie
    bea = next(r for r in rows if "Bea Beheer" in r)
    assert "Never" not in bea, "the administrator logged in just now"
    assert "3 accounts" in page.text


def test_the_list_pages_by_50(admin_client):
    for n in range(55):
        Staff.create(email=f"p{n}@example.nl", name=f"Persoon {n:02d}", role=HANDLER,
                     password_hash="x")
    first = admin_client.get(PEOPLE + "?lang=en")
    assert first.text.count("<tr><td>") == 50 and "page 1 of 2" in first.text
    second = admin_client.get(PEOPLE + "?page=2&lang=en")
    assert second.text.count("<tr><td>") == 6 and 'rel="prev"' in second.text
    assert admin_client.get(PEOPLE + "?page=99").text.count("<tr><td>") == 6


def test_the_start_page_and_the_menu_link_to_the_accounts_for_administrators_only(app, admin_client):
    assert 'id="manage-accounts"' in admin_client.get("/beheer/").text
    assert f'href="{PEOPLE}"' in admin_client.get("/beheer/").text
    coordinator = logged_in(app, make_staff(COORDINATOR))
    start = coordinator.get("/beheer/")
    assert f'href="{PEOPLE}"' not in start.text
    assert coordinator.get(PEOPLE).status_code == 403


# --- a new account ------------------------------------------------------------------------

def test_a_new_account_gets_a_one_time_password_shown_once_and_stored_as_a_hash(
        app, admin_client, admin):
    response, key = create(admin_client)
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    password = shown_password(response.text)
    assert len(password.replace("-", "")) == 20
    assert "Do not send it by e-mail" in response.text

    made = Staff.get(Staff.email == "henk@example.nl")
    assert (made.name, made.role, made.active) == ("Henk de Vries", HANDLER, True)
    assert made.password_hash.startswith("$argon2") and password not in made.password_hash
    assert actions(made.id) == [(audit.STAFF_CREATED, f"staff {made.id} (handler) form {key}")]
    entry = AuditEntry.get(AuditEntry.detail.startswith(f"staff {made.id} "))
    assert (entry.staff_id, entry.staff_name) == (admin.id, "Bea Beheer")

    # Nowhere else: not on the account's page, not in the list, not in the session.
    assert password not in admin_client.get(page_of(made)).text
    assert password not in admin_client.get(PEOPLE).text
    with admin_client.session_transaction() as session:
        assert password not in repr(dict(session))

    henk = CheckingClient(app.test_client())
    assert log_in(henk, "henk@example.nl", password).status_code == 303


def test_the_same_form_sent_twice_makes_one_account_and_points_to_it(admin_client):
    token, key = new_form(admin_client)
    data = {**NEW_PERSON, "key": key, "csrf_token": token}
    first = admin_client.post(NEW, data=data)
    assert first.status_code == 200 and shown_password(first.text)
    again = admin_client.post(NEW + "?lang=en", data=data)
    made = Staff.get(Staff.email == "henk@example.nl")
    assert again.status_code == 303 and urlsplit(again.headers["Location"]).path == page_of(made)
    landed = admin_client.get(again.headers["Location"])
    assert "already made" in landed.text and 'id="one-time-password"' not in landed.text
    assert Staff.select().where(Staff.email == "henk@example.nl").count() == 1
    assert len(actions(made.id)) == 1


def test_a_known_address_is_refused_at_the_field_and_nothing_typed_is_lost(admin_client):
    make_staff(COORDINATOR, email="henk@example.nl")
    response, _key = create(admin_client, email="HENK@example.nl", name="Henk Tweede",
                            role=READER)
    assert response.status_code == 200
    assert "There is already an account with this e-mail address" in error_summary(response.text)
    assert 'id="email-error"' in response.text
    assert 'value="HENK@example.nl"' in response.text and 'value="Henk Tweede"' in response.text
    assert re.search(r'value="reader" checked', response.text)
    assert Staff.select().count() == 2


@pytest.mark.parametrize("fields, field, message", [
    ({"name": ""}, "name", "Enter the name"),
    ({"email": "geen adres"}, "email", "Enter an e-mail address like name@example.nl"),
    ({"role": "boss"}, "role", "Not a valid choice"),
    ({"role": ""}, "role", "Choose a role"),
    ({"name": "x" * 201}, "name", "Use at most 200 characters"),
    ({"name": "Henk\x00"}, "name", "invisible characters"),
])
def test_bad_input_is_named_at_its_field_and_the_rest_stays(admin_client, fields, field,
                                                              message):
    response, _key = create(admin_client, **fields)
    assert response.status_code == 200
    assert message in error_summary(response.text)
    assert f'id="{field}-error"' in response.text
    for name, value in NEW_PERSON.items():
        if name not in fields and name != "role":
            assert f'value="{value}"' in response.text
    assert Staff.select().count() == 1, "only the administrator"


def test_an_expired_new_account_form_comes_back_with_what_was_typed(admin_client):
    _token, key = new_form(admin_client)
    response = admin_client.post(NEW + "?lang=en", data={**NEW_PERSON, "key": key,
                                                         "csrf_token": "expired"})
    assert response.status_code == 400
    assert "open for a long time" in error_summary(response.text)
    assert 'value="Henk de Vries"' in response.text and 'value="Henk@Example.nl"' in response.text
    assert re.search(r'value="handler" checked', response.text)
    assert f'value="{key}"' in response.text, "the same key: sending again makes one account"
    assert Staff.select().count() == 1


# --- changing an account ------------------------------------------------------------------

def test_a_new_role_counts_at_the_next_request_and_is_audited(app, admin_client, admin):
    handler = make_staff(HANDLER)
    handler_client = logged_in(app, handler)
    assert handler_client.get("/beheer/klachten").status_code == 200
    response = act(admin_client, handler, "rol", role=READER)
    assert response.status_code == 303
    assert "Reader" in admin_client.get(response.headers["Location"] + "?lang=en").text
    assert Staff.get_by_id(handler.id).role == READER
    assert actions(handler.id)[-1] == (audit.STAFF_ROLE_CHANGED,
                                       f"staff {handler.id} (handler -> reader)")
    act(admin_client, handler, "rol", role=ADMINISTRATOR)
    assert handler_client.get("/beheer/klachten").status_code == 403, "now an administrator"
    assert handler_client.get(PEOPLE).status_code == 200


def test_the_same_role_again_changes_and_audits_nothing(admin_client):
    handler = make_staff(HANDLER)
    assert act(admin_client, handler, "rol", role=HANDLER).status_code == 303
    assert actions(handler.id) == [(audit.STAFF_CREATED, f"staff {handler.id} (handler)")]


def test_an_administrator_cannot_demote_or_disable_themselves(admin_client, admin):
    page = admin_client.get(page_of(admin) + "?lang=en")
    assert "You cannot change your own role" in page.text
    assert 'id="role-form"' not in page.text and 'id="access-form"' not in page.text
    for action, data in (("rol", {"role": COORDINATOR}), ("uitschakelen", {})):
        response = act(admin_client, admin, action, **data)
        assert response.status_code == 200
        assert "You cannot change your own role" in error_summary(response.text)
    assert Staff.get_by_id(admin.id).role == ADMINISTRATOR and Staff.get_by_id(admin.id).active
    assert actions(admin.id) == [(audit.STAFF_CREATED, f"staff {admin.id} (administrator)")]


def test_the_last_active_administrator_is_kept(app):
    first = make_staff(ADMINISTRATOR, email="een@example.nl")
    second = make_staff(ADMINISTRATOR, email="twee@example.nl")
    accounts.disable(second, by=first)
    with pytest.raises(accounts.AccountError) as refused:
        accounts.change_role(first, HANDLER, by=None)
    assert refused.value.code == "last_administrator"
    with pytest.raises(accounts.AccountError) as refused:
        accounts.disable(first)
    assert refused.value.code == "last_administrator"
    # A disabled administrator may lose the role: it leaves the active one.
    assert accounts.change_role(second, READER, by=first) is True
    assert Staff.get_by_id(first.id).role == ADMINISTRATOR and Staff.get_by_id(first.id).active


def test_demoting_another_administrator_works_while_one_stays(app, admin_client, admin):
    other = make_staff(ADMINISTRATOR, email="ander@example.nl", name="Anne Ander")
    assert act(admin_client, other, "rol", role=COORDINATOR).status_code == 303
    assert Staff.get_by_id(other.id).role == COORDINATOR


def test_disabling_ends_an_open_session_at_once_and_enabling_lets_the_password_in_again(
        app, admin_client, admin):
    coordinator = make_staff(COORDINATOR)
    open_session = logged_in(app, coordinator)
    assert open_session.get("/beheer/klachten").status_code == 200

    response = act(admin_client, coordinator, "uitschakelen")
    assert response.status_code == 303
    assert "is disabled" in admin_client.get(response.headers["Location"] + "?lang=en").text
    gone = open_session.get("/beheer/klachten")
    assert gone.status_code == 302 and urlsplit(gone.headers["Location"]).path == \
        "/beheer/inloggen"
    assert log_in(CheckingClient(app.test_client()), coordinator.email).status_code == 200

    assert act(admin_client, coordinator, "inschakelen").status_code == 303
    assert Staff.get_by_id(coordinator.id).active
    assert open_session.get("/beheer/klachten").status_code == 302, "the old session stays ended"
    assert log_in(CheckingClient(app.test_client()), coordinator.email).status_code == 303
    assert [a for a, _d in actions(coordinator.id)] == [
        audit.STAFF_CREATED, audit.STAFF_DISABLED, audit.STAFF_ENABLED]
    assert all(e.staff_id == admin.id for e in AuditEntry.select().where(
        AuditEntry.action.in_([audit.STAFF_DISABLED, audit.STAFF_ENABLED])))


def test_ending_all_sessions_logs_the_person_out_everywhere_and_is_audited(app, admin_client):
    reader = make_staff(READER)
    phone, laptop = logged_in(app, reader), logged_in(app, reader)
    assert act(admin_client, reader, "sessies-beeindigen").status_code == 303
    for client in (phone, laptop):
        assert client.get("/beheer/").status_code == 302
    assert actions(reader.id)[-1] == (audit.STAFF_SESSIONS_ENDED, f"staff {reader.id} (reader)")
    assert log_in(phone, reader.email).status_code == 303, "the password still works"


def test_a_new_one_time_password_works_and_the_old_one_not(app, admin_client):
    handler = make_staff(HANDLER)
    open_session = logged_in(app, handler)
    response = act(admin_client, handler, "wachtwoord")
    assert response.status_code == 200 and "no-store" in response.headers["Cache-Control"]
    password = shown_password(response.text)
    assert open_session.get("/beheer/").status_code == 302, "logged out everywhere"
    assert log_in(CheckingClient(app.test_client()), handler.email).status_code == 200
    assert log_in(CheckingClient(app.test_client()), handler.email, password).status_code == 303
    assert actions(handler.id)[-1] == (audit.STAFF_PASSWORD_SET, f"staff {handler.id} (handler)")


def test_a_second_click_on_new_password_changes_nothing(app, admin_client):
    handler = make_staff(HANDLER)
    page = admin_client.get(page_of(handler))
    data = {"csrf_token": csrf_token(page.text),
            "version": re.search(r'name="version" value="(\d+)"', page.text).group(1)}
    first = admin_client.post(page_of(handler) + "/wachtwoord", data=data)
    password = shown_password(first.text)
    second = admin_client.post(page_of(handler) + "/wachtwoord?lang=en", data=data)
    assert second.status_code == 200 and 'id="one-time-password"' not in second.text
    assert "Nothing was done" in error_summary(second.text)
    assert log_in(CheckingClient(app.test_client()), handler.email, password).status_code == 303
    assert [a for a, _d in actions(handler.id)].count(audit.STAFF_PASSWORD_SET) == 1


def test_an_expired_role_form_comes_back_with_the_role_chosen(admin_client):
    handler = make_staff(HANDLER)
    response = admin_client.post(page_of(handler) + "/rol?lang=en",
                                 data={"role": READER, "csrf_token": "expired"})
    assert response.status_code == 400
    assert "open for a long time" in error_summary(response.text)
    assert re.search(r'value="reader" checked', response.text)
    assert Staff.get_by_id(handler.id).role == HANDLER


@pytest.mark.parametrize("action", ["uitschakelen", "inschakelen", "sessies-beeindigen",
                                    "wachtwoord"])
def test_an_expired_button_shows_the_page_again_and_does_nothing(admin_client, action):
    handler = make_staff(HANDLER)
    before = Staff.get_by_id(handler.id)
    response = admin_client.post(f"{page_of(handler)}/{action}?lang=en",
                                 data={"csrf_token": "expired", "version": "1"})
    assert response.status_code == 400 and "open for a long time" in error_summary(response.text)
    after = Staff.get_by_id(handler.id)
    assert (after.active, after.session_version, after.password_hash) == \
        (before.active, before.session_version, before.password_hash)


def test_an_unknown_account_is_404(admin_client):
    assert admin_client.get(f"{PEOPLE}/999999").status_code == 404
    page = admin_client.get(PEOPLE)
    response = admin_client.post(f"{PEOPLE}/999999/uitschakelen",
                                 data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 404


# --- in Dutch -----------------------------------------------------------------------------

def test_the_pages_speak_dutch(app, admin_client, admin):
    listing = admin_client.get(PEOPLE + "?lang=nl")
    assert "Accounts van medewerkers" in listing.text and "Nooit" not in listing.text
    form = admin_client.get(NEW)
    assert "Nieuw account maken" in form.text
    duplicate, _key = create(admin_client, lang="nl", email=admin.email)
    assert "Er is al een account met dit e-mailadres" in error_summary(duplicate.text)
    made, _key = create(admin_client, lang="nl")
    assert "Eenmalig wachtwoord" in made.text and "e-mail" in made.text
    refused = act(admin_client, admin, "uitschakelen")
    assert "U kunt uw eigen rol" in error_summary(refused.text)
    for page in (listing, form, duplicate, made, refused):
        for english in ("Staff accounts", "Make a new account", "One-time password",
                        "There is already", "Disable the account", "Back to the staff"):
            assert english not in page.text, english


# --- the service, directly ----------------------------------------------------------------

def test_change_role_refuses_an_unknown_role_and_a_missing_account(app):
    handler = make_staff(HANDLER)
    with pytest.raises(accounts.AccountError) as refused:
        accounts.change_role(handler, "boss")
    assert refused.value.code == "role"
    accounts_gone = Staff(id=handler.id + 1000, email="x@example.nl", name="x", role=HANDLER)
    with pytest.raises(accounts.AccountError) as refused:
        accounts.change_role(accounts_gone, READER)
    assert refused.value.code == "missing"
    assert actions(handler.id) == [(audit.STAFF_CREATED, f"staff {handler.id} (handler)")]


def test_logging_out_ends_sessions_without_an_audit_row_an_administrator_with_one(app):
    handler, admin = make_staff(HANDLER), make_staff(ADMINISTRATOR)
    accounts.end_sessions(handler)
    assert Staff.get_by_id(handler.id).session_version == 2
    assert [a for a, _d in actions(handler.id)] == [audit.STAFF_CREATED]
    accounts.end_sessions(handler, by=admin)
    assert Staff.get_by_id(handler.id).session_version == 3
    assert [a for a, _d in actions(handler.id)] == [audit.STAFF_CREATED,
                                                     audit.STAFF_SESSIONS_ENDED]


def test_created_with_finds_only_the_account_its_form_made(app, admin):
    made = accounts.create("nieuw@example.nl", "Nieuw", READER, STAFF_PASSWORD, by=admin,
                           key="a" * 32)
    assert accounts.created_with("a" * 32).id == made.id
    assert accounts.created_with("b" * 32) is None and accounts.created_with("") is None


def test_two_administrators_disabling_each_other_at_once_leave_one(app):
    """The count of administrators left and the change are one step (FOR UPDATE on
    PostgreSQL, BEGIN IMMEDIATE on SQLite): never zero active administrators."""
    import threading
    from klachtenloket import db
    first = make_staff(ADMINISTRATOR, email="een@example.nl")
    second = make_staff(ADMINISTRATOR, email="twee@example.nl")
    start, results = threading.Barrier(2), []

    def disable(target, by):
        with db.database.connection_context():
            start.wait()
            try:
                accounts.disable(target, by=by)
                results.append("disabled")
            except accounts.AccountError as refused:
                results.append(refused.code)

    threads = [threading.Thread(target=disable, args=(second, first)),
               threading.Thread(target=disable, args=(first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert sorted(results) == ["disabled", "last_administrator"]
    assert Staff.select().where((Staff.role == ADMINISTRATOR) & Staff.active).count() == 1
