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


def log_in(client, email: str, password: str = STAFF_PASSWORD, next_url: str | None = None,
           lang: str | None = None):
    """Fill in the login form as a browser would; returns the POST's response."""
    query = f"?lang={lang}" if lang else ""
    page = client.get("/beheer/inloggen" + query)
    url = "/beheer/inloggen" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data={"email": email, "password": password,
                                  "csrf_token": csrf_token(page.text)})


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
