"""Walking the resident's path and the back office through the test client."""
import re
from datetime import date

from tests.conftest import csrf_token

GOOD_DETAILS = {
    "name": "Fatima el Amrani", "street": "Dorpsstraat 1", "postcode": "3431 AB",
    "city": "Nieuwegein", "phone": "06 12345678", "email": "fatima@example.nl",
    "reply_by": "email", "description": "De medewerker aan de balie was onbeleefd.",
    "event_date": "2026-11-02", "event_time": "14:30", "unit": "Werk",
    "employee_name": "", "desired_outcome": "Excuses", "client_number": "",
}


def choose_who(client, filed_by="self"):
    page = client.get("/klacht/indienen")
    return client.post("/klacht/indienen",
                       data={"filed_by": filed_by, "csrf_token": csrf_token(page.text)})


def fill_details(client, **overrides):
    page = client.get("/klacht/gegevens")
    data = {**GOOD_DETAILS, **overrides, "csrf_token": csrf_token(page.text)}
    return client.post("/klacht/gegevens", data=data)


def send(client):
    page = client.get("/klacht/controleren")
    key = re.search(r'name="draft_key" value="([^"]+)"', page.text).group(1)
    return client.post("/klacht/versturen",
                       data={"draft_key": key, "csrf_token": csrf_token(page.text)}), key


def file_complaint(client, filed_by="self", **overrides):
    """The whole path; returns the confirmation page's HTML and the tracking path."""
    choose_who(client, filed_by)
    response = fill_details(client, **overrides)
    assert response.status_code == 302, response.text
    sent, _key = send(client)
    assert sent.status_code == 303
    confirmation = client.get("/klacht/ontvangen")
    link = re.search(r'href="(/volgen/[A-Za-z0-9_\-]+)"', confirmation.text).group(1)
    return confirmation.text, link


# --- the back office ---------------------------------------------------------------------

STAFF_PASSWORD = "paard batterij nietje"


def make_staff(role: str, email: str | None = None, name: str | None = None):
    from klachtenloket.services import accounts
    return accounts.create(email or f"{role}@example.nl", name or f"Test {role}", role,
                           STAFF_PASSWORD)


def current_code(email: str) -> str:
    """The code the account's authenticator app shows now. The account's last used step is
    forgotten first: a test may log the same account in several times within 30 seconds, and
    a code works only once (test_two_factor.py tests that)."""
    from klachtenloket.models import Staff
    from klachtenloket.services import accounts, two_factor
    Staff.update(totp_last_step=0).where(Staff.email == accounts.normal_email(email)).execute()
    staff = Staff.get(Staff.email == accounts.normal_email(email))
    return two_factor.code_at(staff.totp_secret, two_factor.current_step())


def enter_code(client, email: str):
    """The login's second step, as a person types the code from the app."""
    page = client.get("/beheer/inloggen/code")
    return client.post("/beheer/inloggen/code",
                       data={"code": current_code(email), "csrf_token": csrf_token(page.text)})


def log_in(client, email: str, password: str = STAFF_PASSWORD, next_url: str | None = None,
           lang: str | None = None):
    """Log in as a person does: the password, then the code from the app. An account without
    the app gets it set up directly (test_two_factor.py walks the enrolment page), and a
    one-time password is kept as the person's own (so the test can use it again).
    Returns the last response: the 303 to where the login leads, or the page that refused."""
    from klachtenloket.models import Staff
    from klachtenloket.services import accounts, two_factor
    query = f"?lang={lang}" if lang else ""
    page = client.get("/beheer/inloggen" + query)
    url = "/beheer/inloggen" + (f"?next={next_url}" if next_url else "")
    response = client.post(url, data={"email": email, "password": password,
                                      "csrf_token": csrf_token(page.text)})
    if response.status_code != 303 or "/beheer/inloggen/" not in response.headers["Location"]:
        return response
    staff = Staff.get(Staff.email == accounts.normal_email(email))
    if not two_factor.is_enrolled(staff):
        two_factor.enrol_directly(staff)
    response = enter_code(client, email)
    if response.status_code == 303:
        # As if the person chose their one-time password as their own (test_two_factor.py
        # walks that page): the tests go on with the password they know.
        Staff.update(password_is_temporary=False).where(Staff.id == staff.id).execute()
    return response


def page_token(client, url: str = "/beheer/") -> str:
    """A CSRF token for this client's session, from a staff page's logout form."""
    return csrf_token(client.get(url).text)


# --- a complaint in the back office ----------------------------------------------------------

def registered(app, staff, email="", employee_name="", received_on=date(2026, 1, 5)):
    """A complaint `staff` registered from a phone call (received on `received_on`)."""
    from klachtenloket.services import intake
    from klachtenloket.web.organisation import current_organisation
    data = {"name": "Piet Bellen", "phone": "06 87654321", "reply_by": "phone", "email": email,
            "description": "Ik werd niet teruggebeld.", "employee_name": employee_name,
            "client_number": "123456", "unit": "Werk", "event_date": "2026-01-02"}
    with app.test_request_context():
        return intake.register(data, current_organisation(), staff, "phone", received_on,
                               date(2026, 12, 31), "nl", lambda complaint, token: []).complaint


def page_of(complaint) -> str:
    return f"/beheer/klachten/{complaint.reference}"


def logged_in(app, staff):
    from tests.conftest import CheckingClient
    client = CheckingClient(app.test_client())
    assert log_in(client, staff.email).status_code == 303
    return client


def error_summary(html: str) -> str:
    """The error summary's text, or "" when the page has none."""
    match = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split()) if match else ""


def statements_of(action) -> list[tuple[str, tuple]]:
    """Every statement `action()` sends to the database, with its parameters (for the tests
    that ask the planner how a page's queries run)."""
    from klachtenloket import db
    ran = []
    real = db.database.obj.execute_sql

    def recording(sql, params=None, *args, **kwargs):
        ran.append((sql, tuple(params or ())))
        return real(sql, params, *args, **kwargs)
    db.database.obj.execute_sql = recording
    try:
        action()
    finally:
        del db.database.obj.execute_sql
    return ran
