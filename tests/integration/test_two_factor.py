"""The second factor of a staff login (issue 7, "Staff accounts and sessions"), through the
pages as a person uses them, on SQLite and PostgreSQL:

- after the right password, an account without an authenticator app enrols: a QR code and the
  key as text, one valid code, then ten backup codes shown once and stored as argon2id hashes;
- then every login is password → code; a code works once, a backup code works once;
- a one-time password (the command line, an administrator) is replaced at the first login;
- ten wrong passwords or codes for an address from one network address: a cool-off, the same
  for an address that has no account.
"""
import re
from datetime import datetime, timedelta, timezone

import pyotp
import pytest
import time_machine

from klachtenloket.domain.roles import COORDINATOR, HANDLER
from klachtenloket.models import AuditEntry, BackupCode, LoginFailure, Staff
from klachtenloket.services import accounts, two_factor
from tests.conftest import CheckingClient, csrf_token
from tests.integration.helpers import (STAFF_PASSWORD, error_summary, log_in, make_staff,
                                       page_token)

pytestmark = pytest.mark.usefixtures("cheap_hashing")

LOGIN, CODE, ENROL = "/beheer/inloggen", "/beheer/inloggen/code", "/beheer/inloggen/instellen"
NOON = datetime(2026, 11, 26, 11, 0, 5, tzinfo=timezone.utc)
WRONG_CODE = "This code is not right"
COOLING_OFF = "too many wrong tries"


def send_password(client, email, password=STAFF_PASSWORD, lang="en", next_url=None):
    page = client.get(f"{LOGIN}?lang={lang}")
    url = LOGIN + (f"?next={next_url}" if next_url else "")
    return client.post(url, data={"email": email, "password": password,
                                  "csrf_token": csrf_token(page.text)})


def send_code(client, code, url=CODE):
    page = client.get(url + "?lang=en")
    return client.post(url + "?lang=en", data={"code": code, "csrf_token": csrf_token(page.text)})


def shown_secret(html: str) -> str:
    return re.search(r'id="totp-secret">([^<]+)<', html).group(1).replace(" ", "")


def shown_backup_codes(html: str) -> list[str]:
    block = re.search(r'<ul class="backup-codes" id="backup-codes">(.*?)</ul>', html, re.S)
    return re.findall(r"<code>([^<]+)</code>", block.group(1))


def enrolled(staff: Staff) -> str:
    return two_factor.enrol_directly(staff)


def log_out(client):
    return client.post("/beheer/uitloggen", data={"csrf_token": page_token(client)})


# --- enrolment --------------------------------------------------------------------------------

def test_the_first_login_sets_up_the_app_with_a_qr_code_the_key_and_one_code(client):
    staff = make_staff(COORDINATOR)
    response = send_password(client, staff.email, next_url="/beheer/klachten")
    assert response.status_code == 303 and response.headers["Location"] == ENROL
    assert client.get("/beheer/").status_code == 302, "the password alone opens nothing"

    page = client.get(ENROL + "?lang=en")
    assert page.status_code == 200 and "no-store" in page.headers["Cache-Control"]
    assert '<svg role="img" aria-label="QR code' in page.text, "the QR code is inline SVG"
    secret = shown_secret(page.text)
    assert len(secret) == 32
    assert shown_secret(client.get(ENROL).text) == secret, "the same key until it is confirmed"
    assert Staff.get_by_id(staff.id).totp_secret == "", "nothing stored before a code"

    wrong = send_code(client, "000000" if pyotp.TOTP(secret).now() != "000000" else "111111",
                      ENROL)
    assert wrong.status_code == 200 and WRONG_CODE in error_summary(wrong.text)
    assert shown_secret(wrong.text) == secret, "a wrong code keeps the key on the screen"

    done = send_code(client, pyotp.TOTP(secret).now(), ENROL)
    assert done.status_code == 200 and "no-store" in done.headers["Cache-Control"]
    codes = shown_backup_codes(done.text)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", code) for code in codes)
    assert 'href="/beheer/klachten"' in done.text, "then on to the page asked for"
    assert client.get("/beheer/klachten").status_code == 200, "logged in"

    stored = Staff.get_by_id(staff.id)
    assert stored.totp_secret == secret
    hashes = [row.code_hash for row in BackupCode.select().where(BackupCode.staff == staff.id)]
    assert len(hashes) == 10 and all(h.startswith("$argon2id$") for h in hashes)
    assert not any(code.replace("-", "") in h for h in hashes for code in codes)
    assert AuditEntry.get(AuditEntry.action == two_factor.TWO_FACTOR_ENROLLED).staff_id == staff.id


def test_the_code_pages_without_the_password_first_go_back_to_the_login(client):
    staff = make_staff(COORDINATOR)
    enrolled(staff)
    for url in (CODE, ENROL):
        response = client.get(url)
        assert response.status_code == 303 and response.headers["Location"] == LOGIN
    response = client.post(CODE, data={"code": "123456", "csrf_token": page_token(client, LOGIN)})
    assert response.status_code == 303 and response.headers["Location"] == LOGIN


def test_an_enrolled_account_is_not_enrolled_again(client):
    staff = make_staff(COORDINATOR)
    enrolled(staff)
    assert send_password(client, staff.email).headers["Location"] == CODE
    assert client.get(ENROL).headers["Location"] == CODE


# --- logging in with a code -------------------------------------------------------------------

def test_a_code_works_once(client):
    staff = make_staff(COORDINATOR)
    secret = enrolled(staff)
    with time_machine.travel(NOON, tick=False):
        code = pyotp.TOTP(secret).now()
        send_password(client, staff.email)
        response = send_code(client, code)
        assert response.status_code == 303 and response.headers["Location"] == "/beheer/"
        log_out(client)
        send_password(client, staff.email)
        again = send_code(client, code)
        assert again.status_code == 200 and WRONG_CODE in error_summary(again.text)
        assert client.get("/beheer/").status_code == 302
    with time_machine.travel(NOON + timedelta(seconds=30), tick=False):
        assert send_code(client, pyotp.TOTP(secret).now()).status_code == 303, "the next one"


def test_a_code_of_the_step_next_to_now_counts_but_not_older(client):
    staff = make_staff(COORDINATOR)
    secret = enrolled(staff)
    with time_machine.travel(NOON, tick=False):
        send_password(client, staff.email)
        old = pyotp.TOTP(secret).at(NOON - timedelta(seconds=90))
        assert send_code(client, old).status_code == 200
        late = pyotp.TOTP(secret).at(NOON - timedelta(seconds=30))
        assert send_code(client, late).status_code == 303, "a phone a little behind"


def test_a_backup_code_works_once_and_says_how_many_are_left(client):
    staff = make_staff(COORDINATOR)
    secret = two_factor.new_secret()
    codes = two_factor.enrol(staff, secret, pyotp.TOTP(secret).now())
    send_password(client, staff.email)
    response = send_code(client, codes[3].upper().replace("-", " "))   # as read out, any case
    assert response.status_code == 200 and "You have 9 backup codes left." in response.text
    assert client.get("/beheer/").status_code == 200, "logged in"
    log_out(client)
    send_password(client, staff.email)
    again = send_code(client, codes[3])
    assert again.status_code == 200 and WRONG_CODE in error_summary(again.text)
    assert "You have 8 backup codes left." in send_code(client, codes[4]).text

    renewed = client.post("/beheer/reservecodes?lang=en",
                          data={"csrf_token": page_token(client)})
    fresh = shown_backup_codes(renewed.text)
    assert len(fresh) == 10 and "no-store" in renewed.headers["Cache-Control"]
    assert two_factor.backup_codes_left(staff) == 10
    log_out(client)
    send_password(client, staff.email)
    assert send_code(client, codes[5]).status_code == 200, "the old ones stop working"
    assert "You have 9 backup codes left." in send_code(client, fresh[0]).text


def test_the_password_page_passes_on_where_to_go_after_the_code(client):
    staff = make_staff(HANDLER)
    enrolled(staff)
    assert log_in(client, staff.email, next_url="/beheer/klachten?state=received") \
        .headers["Location"] == "/beheer/klachten?state=received"


def test_a_pending_login_ends_when_the_account_is_disabled(client):
    staff = make_staff(HANDLER)
    enrolled(staff)
    send_password(client, staff.email)
    accounts.disable(staff)
    response = client.get(CODE)
    assert response.status_code == 303 and response.headers["Location"] == LOGIN
    assert client.get("/beheer/").status_code == 302


def test_a_pending_login_ends_after_ten_minutes(client):
    staff = make_staff(HANDLER)
    enrolled(staff)
    with time_machine.travel(NOON, tick=False):
        send_password(client, staff.email)
    with time_machine.travel(NOON + timedelta(minutes=9), tick=False):
        assert client.get(CODE).status_code == 200
    with time_machine.travel(NOON + timedelta(minutes=11), tick=False):
        response = client.get(CODE)
        assert response.status_code == 303 and response.headers["Location"] == LOGIN


# --- a one-time password ----------------------------------------------------------------------

def test_the_first_login_with_a_one_time_password_asks_for_ones_own(app, client):
    result = app.test_cli_runner().invoke(args=["create-staff", "nieuw@example.nl", "Nina Nieuw",
                                                "--role", "handler"])
    assert result.exit_code == 0, result.output
    assert "authenticator app" in result.output
    one_time = re.search(r"One-time password[^:]*: (\S+)", result.output).group(1)
    assert send_password(client, "nieuw@example.nl", one_time).headers["Location"] == ENROL
    secret = shown_secret(client.get(ENROL).text)
    done = send_code(client, pyotp.TOTP(secret).now(), ENROL)
    assert len(shown_backup_codes(done.text)) == 10

    asked = client.get("/beheer/klachten")
    assert asked.status_code == 302
    assert asked.headers["Location"] == "/beheer/wachtwoord?next=/beheer/klachten"
    page = client.get("/beheer/wachtwoord?lang=en")
    assert "one-time password" in page.text

    def choose(password, repeat=None):
        return client.post("/beheer/wachtwoord?lang=en&next=/beheer/klachten",
                           data={"password": password, "repeat": repeat or password,
                                 "csrf_token": csrf_token(page.text)})
    assert "easy to guess" in error_summary(choose("Wachtwoord2026!").text)
    assert "at least 12" in error_summary(choose("kort").text)
    assert "not the same" in error_summary(choose("paarse fiets onder de brug",
                                                  "paarse fiets onder de boom").text)
    saved = choose("paarse fiets onder de brug")
    assert saved.status_code == 303 and saved.headers["Location"] == "/beheer/klachten"
    assert client.get("/beheer/klachten").status_code == 200, "still logged in"
    assert not Staff.get(Staff.email == "nieuw@example.nl").password_is_temporary
    assert accounts.authenticate("nieuw@example.nl", one_time) is None
    assert accounts.authenticate("nieuw@example.nl", "paarse fiets onder de brug") is not None


def test_choosing_a_password_ends_the_accounts_other_sessions(app, client):
    staff = make_staff(HANDLER)
    log_in(client, staff.email)
    other = CheckingClient(app.test_client())
    log_in(other, staff.email)
    page = client.get("/beheer/wachtwoord")
    response = client.post("/beheer/wachtwoord", data={
        "password": "een heel ander wachtwoord", "repeat": "een heel ander wachtwoord",
        "csrf_token": csrf_token(page.text)})
    assert response.status_code == 303
    assert client.get("/beheer/").status_code == 200, "this session goes on"
    assert other.get("/beheer/").status_code == 302, "the other one ends"


# --- brute force ------------------------------------------------------------------------------

@pytest.mark.parametrize("email", ["known@example.nl", "unknown@example.nl"])
def test_ten_wrong_passwords_from_one_address_give_a_cool_off_known_or_not(client, email):
    make_staff(COORDINATOR, email="known@example.nl")
    with time_machine.travel(NOON, tick=False):
        for _ in range(10):
            refused = send_password(client, email, "not the password at all")
            assert refused.status_code == 200
            assert "The e-mail address or password is not correct." in error_summary(refused.text)
        cooling = send_password(client, email, STAFF_PASSWORD)
        assert cooling.status_code == 429 and COOLING_OFF in error_summary(cooling.text)
        assert client.get("/beheer/").status_code == 302, "not even the right password"
        assert LoginFailure.select().count() == 10, "counted in the database, for every worker"
    with time_machine.travel(NOON + timedelta(minutes=14), tick=False):
        assert send_password(client, email).status_code == 429
    with time_machine.travel(NOON + timedelta(minutes=16), tick=False):
        after = send_password(client, email)
        assert after.status_code == (303 if email == "known@example.nl" else 200), \
            "after the cool-off the password is checked again"


def test_the_cool_off_holds_per_network_address(client):
    make_staff(COORDINATOR, email="known@example.nl")
    for _ in range(10):
        send_password(client, "known@example.nl", "not the password at all")
    assert send_password(client, "known@example.nl").status_code == 429
    other = CheckingClient(client.application.test_client())
    page = other.get(LOGIN, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    response = other.post(LOGIN, data={"email": "known@example.nl", "password": STAFF_PASSWORD,
                                       "csrf_token": csrf_token(page.text)},
                          environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert response.status_code == 303, "a colleague elsewhere is not locked out"


def test_wrong_codes_count_too(client):
    staff = make_staff(COORDINATOR)
    secret = enrolled(staff)
    with time_machine.travel(NOON, tick=False):
        send_password(client, staff.email)
        wrong = "000000" if pyotp.TOTP(secret).now() != "000000" else "111111"
        for _ in range(9):
            assert send_code(client, wrong).status_code == 200
        assert send_code(client, wrong).status_code == 200
        cooling = send_code(client, pyotp.TOTP(secret).now())
        assert cooling.status_code == 429 and COOLING_OFF in error_summary(cooling.text)


def test_a_successful_login_starts_the_count_again(client):
    staff = make_staff(COORDINATOR)
    for _ in range(9):
        send_password(client, staff.email, "not the password at all")
    assert log_in(client, staff.email).status_code == 303
    assert LoginFailure.select().count() == 0


# --- a lost phone -----------------------------------------------------------------------------

def test_an_administrator_sets_up_the_app_again_for_a_lost_phone(app, client):
    from klachtenloket.domain.roles import ADMINISTRATOR
    from tests.integration.helpers import logged_in
    admin = make_staff(ADMINISTRATOR)
    handler = make_staff(HANDLER)
    secret = two_factor.new_secret()
    two_factor.enrol(handler, secret, pyotp.TOTP(secret).now())
    phone = logged_in(app, handler)
    admin_client = logged_in(app, admin)
    page = admin_client.get(f"/beheer/medewerkers/{handler.id}?lang=en")
    assert "has 10 backup codes left" in page.text
    response = admin_client.post(f"/beheer/medewerkers/{handler.id}/tweestaps-herstellen",
                                 data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 303
    assert phone.get("/beheer/").status_code == 302, "logged out everywhere"
    assert Staff.get_by_id(handler.id).totp_secret == "" and two_factor.backup_codes_left(handler) == 0
    assert AuditEntry.get(AuditEntry.action == two_factor.TWO_FACTOR_RESET).staff_id == admin.id
    assert "sets up the authenticator app at the next login" in \
        admin_client.get(f"/beheer/medewerkers/{handler.id}?lang=en").text
    assert send_password(client, handler.email).headers["Location"] == ENROL
