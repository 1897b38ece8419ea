"""Call-back requests (issue 4, "Registering every channel"; seed 000), on SQLite and PostgreSQL:

- a resident asks for one on the public site and is told the day we call by, in words;
- customer service (a coordinator's account) writes one down for a caller;
- a form sent twice stores one request; bad input and an expired form keep what was typed;
- the open ones, nearest due date first, with the days left; a counter on the inbox;
- each ends as a registered complaint (the register form prefilled, the two linked) or closed
  with a note, and is counted either way (callbacks.yearly_counts, for the yearly report);
- only the coordinator may open the staff pages; an organisation that takes no call-back
  requests has none of these pages.
"""
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from klachtenloket.domain.roles import ADMINISTRATOR, COORDINATOR, HANDLER, READER
from klachtenloket.models import CallbackRequest, Complaint, Staff
from klachtenloket.services import callbacks
from klachtenloket.web.organisation import current_organisation
from tests.conftest import CheckingClient, csrf_token
from tests.integration.helpers import error_summary, log_in, make_staff

pytestmark = pytest.mark.usefixtures("cheap_hashing")

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Friday 6 March 2026, after the coordinator's phone hours: two working days -> Tuesday 10 March.
FRIDAY = datetime(2026, 3, 6, 14, 30, tzinfo=AMSTERDAM)
ASK = "/terugbellen"
RECORD = "/beheer/terugbelverzoeken/nieuw"
LIST = "/beheer/terugbelverzoeken"
REGISTER = "/beheer/klachten/registreren"
TYPED = {"name": "Fatima el Amrani", "phone": "06 12345678", "best_time": "Maandagochtend",
         "subject": "Klacht over de balie"}


@pytest.fixture
def friday():
    with time_machine.travel(FRIDAY, tick=False):
        yield


def hidden_key(html: str) -> str:
    return re.search(r'id="key" name="key" type="hidden" value="([^"]*)"', html).group(1)




def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def ask(client, lang="nl", **fields):
    """The resident's form, filled in and sent; returns (response, the form page)."""
    page = client.get(f"{ASK}?lang={lang}")
    data = {**TYPED, "key": hidden_key(page.text), "csrf_token": csrf_token(page.text), **fields}
    return client.post(ASK, data={k: v for k, v in data.items() if v is not None}), page


@pytest.fixture
def coordinator(client):
    make_staff(COORDINATOR, name="Corrie Coördinator")
    log_in(client, "coordinator@example.nl")
    return client


def record(client, lang="nl", **fields):
    page = client.get(f"{RECORD}?lang={lang}")
    data = {**TYPED, "key": hidden_key(page.text), "csrf_token": csrf_token(page.text), **fields}
    return client.post(RECORD, data=data)


def add_request(requested_on: date, state: str = callbacks.OPEN, **values) -> CallbackRequest:
    due = callbacks.due_on(callbacks_procedure(), requested_on)
    return CallbackRequest.create(requested_on=requested_on, channel="web", due_on=due,
                                  state=state, **{**TYPED, **values})


def callbacks_procedure():
    from klachtenloket.domain.organisation import Organisation, load_preset
    return Organisation.from_dict(load_preset("wil-lekstroom")).procedure


# --- the resident -----------------------------------------------------------------------------

def test_the_start_page_offers_a_call_back(client):
    start = client.get("/?lang=en").text
    assert f'href="{ASK}"' in start and "Ask us to call you back" in start


def test_a_resident_asks_for_a_call_back_and_is_told_the_day_in_words(client, friday):
    response, page = ask(client)
    assert "binnen 2 werkdagen" in page.text, "the form says the term"
    assert response.status_code == 303 and response.headers["Location"] == f"{ASK}/ontvangen"
    confirmation = client.get(response.headers["Location"]).text
    assert "Wij bellen u uiterlijk op dinsdag 10 maart 2026." in text_of(confirmation)
    assert "06 12345678" in confirmation and "Maandagochtend" in confirmation

    (stored,) = CallbackRequest.select()
    assert (stored.name, stored.phone, stored.best_time, stored.subject) == tuple(TYPED.values())
    assert stored.channel == callbacks.WEB and stored.recorded_by is None
    assert stored.requested_on == date(2026, 3, 6) and stored.due_on == date(2026, 3, 10)
    assert stored.state == callbacks.OPEN and stored.language == "nl"


def test_the_confirmation_in_english(client, friday):
    response, _page = ask(client, lang="en")
    confirmation = text_of(client.get(response.headers["Location"]).text)
    assert "We call you by Tuesday, March 10, 2026 at the latest." in confirmation
    assert CallbackRequest.get().language == "en"


def test_a_double_click_stores_one_request(client, friday):
    page = client.get(ASK)
    data = {**TYPED, "key": hidden_key(page.text), "csrf_token": csrf_token(page.text)}
    first, second = client.post(ASK, data=data), client.post(ASK, data=data)
    assert first.status_code == second.status_code == 303
    assert CallbackRequest.select().count() == 1
    # Another form (a new key) is another request.
    ask(client)
    assert CallbackRequest.select().count() == 2


def test_a_key_the_app_did_not_make_still_stores_the_request(client, friday):
    response, _page = ask(client, key="x")
    assert response.status_code == 303
    assert len(CallbackRequest.get().submission_key) >= 32


@pytest.mark.parametrize("lang, messages", [
    ("nl", ["Vul uw naam in", "Vul een telefoonnummer in zoals 06 12345678",
            "Zeg in een paar woorden waar het over gaat"]),
    ("en", ["Enter your name", "Enter a phone number like 06 12345678",
            "Tell us in a few words what it is about"]),
])
def test_bad_input_is_named_and_keeps_what_was_typed(client, lang, messages):
    response, _page = ask(client, lang=lang, name="", phone="bel me maar", subject="",
                          best_time="Na vieren")
    assert response.status_code == 200
    summary = error_summary(response.text)
    assert all(message in summary for message in messages), summary
    assert 'value="bel me maar"' in response.text and 'value="Na vieren"' in response.text
    assert CallbackRequest.select().count() == 0


def test_too_long_and_invisible_characters_are_refused(client):
    response, _page = ask(client, lang="en", subject="x" * 301, name="Fatima\x01")
    summary = error_summary(response.text)
    assert "Use at most 300 characters" in summary and "invisible characters" in summary
    assert CallbackRequest.select().count() == 0


def test_an_expired_form_keeps_what_was_typed(client, friday):
    page = client.get(f"{ASK}?lang=en")
    key = hidden_key(page.text)
    response = client.post(ASK, data={**TYPED, "key": key, "csrf_token": "expired"})
    assert response.status_code == 200
    assert "This page was open for a long time" in error_summary(response.text)
    assert f'value="{TYPED["subject"]}"' in response.text
    assert hidden_key(response.text) == key, "the same form: sending it again stores one"
    assert CallbackRequest.select().count() == 0
    again = client.post(ASK, data={**TYPED, "key": key, "csrf_token": csrf_token(response.text)})
    assert again.status_code == 303 and CallbackRequest.select().count() == 1


def test_the_confirmation_without_a_request_goes_to_the_form(client):
    response = client.get(f"{ASK}/ontvangen")
    assert response.status_code == 302 and response.headers["Location"] == ASK


# --- staff ------------------------------------------------------------------------------------

def test_customer_service_writes_down_a_call_back_request(friday, coordinator):
    response = record(coordinator, lang="en")
    assert response.status_code == 303 and response.headers["Location"] == LIST
    listing = coordinator.get(f"{LIST}?lang=en").text
    assert "Recorded: call Fatima el Amrani back by Tuesday, March 10, 2026." in text_of(listing)
    stored = CallbackRequest.get()
    staff = Staff.get(Staff.email == "coordinator@example.nl")
    assert stored.channel == callbacks.CUSTOMER_SERVICE and stored.recorded_by == staff.id
    assert stored.due_on == date(2026, 3, 10)
    page = text_of(coordinator.get(f"{LIST}/{stored.id}?lang=en").text)
    assert "By phone (customer service), written down by Corrie Coördinator" in page


def test_staff_recording_twice_stores_one_and_bad_input_keeps_it(friday, coordinator):
    page = coordinator.get(RECORD)
    data = {**TYPED, "key": hidden_key(page.text), "csrf_token": csrf_token(page.text)}
    assert coordinator.post(RECORD, data=data).status_code == 303
    assert coordinator.post(RECORD, data=data).status_code == 303
    assert CallbackRequest.select().count() == 1

    wrong = record(coordinator, lang="en", name="", phone="")
    assert wrong.status_code == 200
    summary = error_summary(wrong.text)
    assert "Enter the name of the caller" in summary and "Enter the phone number" in summary
    assert f'value="{TYPED["subject"]}"' in wrong.text
    assert CallbackRequest.select().count() == 1


def rows(html: str) -> list[list[str]]:
    table = re.search(r'<table class="register callbacks" id="callback-list">.*?</table>', html,
                      re.S)
    if not table:
        return []
    return [[text_of(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr><td.*?</tr>", table.group(0), re.S)]


def test_the_open_ones_nearest_due_date_first_with_the_days_left(friday, coordinator):
    add_request(date(2026, 3, 5), name="Later")            # due Mon 9 March: in 3 days
    add_request(date(2026, 3, 2), name="Te laat")          # due Wed 4 March: 2 days late
    add_request(date(2026, 3, 4), name="Vandaag")          # due Fri 6 March: today
    add_request(date(2026, 3, 1), name="Klaar", state=callbacks.CLOSED)
    shown = rows(coordinator.get(f"{LIST}?lang=en").text)
    assert [row[1] for row in shown] == ["Te laat", "Vandaag", "Later"]
    assert "Overdue by 2 days" in shown[0][0] and "March 4, 2026" in shown[0][0]
    assert "Due today" in shown[1][0] and "Due in 3 days" in shown[2][0]

    inbox = coordinator.get("/beheer/klachten?lang=en").text
    counter = re.search(r'<p id="callback-counter">(.*?)</p>', inbox, re.S).group(1)
    assert f'href="{LIST}"' in counter
    assert text_of(counter) == "3 call-back requests open (1 overdue)"
    dutch = coordinator.get("/beheer/klachten?lang=nl").text
    assert "3 terugbelverzoeken open (1 te laat)" in text_of(dutch)
    assert f'href="{LIST}"' in re.search(r'<nav class="staff-nav".*?</nav>', dutch, re.S).group(0), \
        "a link to them in the header"


def test_close_with_a_note(friday, coordinator):
    request = add_request(date(2026, 3, 5))
    page = f"{LIST}/{request.id}"
    token = csrf_token(coordinator.get(page).text)

    empty = coordinator.post(f"{page}/sluiten?lang=en", data={"csrf_token": token, "note": " "})
    assert empty.status_code == 200
    assert "Write why the request is closed" in error_summary(empty.text)
    assert CallbackRequest.get_by_id(request.id).state == callbacks.OPEN

    note = "Teruggebeld: vraag over de uitkering, geen klacht."
    closed = coordinator.post(f"{page}/sluiten?lang=en", data={"csrf_token": token, "note": note})
    assert closed.status_code == 303 and closed.headers["Location"] == LIST
    stored = CallbackRequest.get_by_id(request.id)
    staff = Staff.get(Staff.email == "coordinator@example.nl")
    assert stored.state == callbacks.CLOSED and stored.closing_note == note
    assert stored.closed_by == staff.id and stored.closed_at is not None
    assert rows(coordinator.get(LIST).text) == [], "no longer in the open ones"
    shown = text_of(coordinator.get(f"{page}?lang=en").text)
    assert note in shown and "Closed" in shown and 'id="close-form"' not in shown

    again = coordinator.post(f"{page}/sluiten?lang=en", data={"csrf_token": token, "note": "x"})
    assert again.status_code == 303
    assert "already handled" in coordinator.get(again.headers["Location"]).text
    assert CallbackRequest.get_by_id(request.id).closing_note == note, "the first note stays"


REGISTERED_FIELDS = {"received_on": "06-03-2026", "language": "nl", "filed_by": "self",
                     "reply_by": "phone", "description": "Onbeleefd behandeld aan de balie.",
                     "street": "", "postcode": "", "city": "", "email": "", "client_number": "",
                     "event_date": "", "unit": ""}


def test_register_as_a_complaint_prefills_the_form_and_links_the_two(friday, coordinator):
    request = add_request(date(2026, 3, 5))
    detail = coordinator.get(f"{LIST}/{request.id}").text
    assert f'href="{REGISTER}?callback={request.id}"' in detail

    form = coordinator.get(f"{REGISTER}?callback={request.id}&lang=en")
    assert form.status_code == 200
    assert 'value="Fatima el Amrani"' in form.text and 'value="06 12345678"' in form.text
    assert re.search(r'<option value="phone" selected>', form.text), "channel: phone"
    assert f'<input type="hidden" name="callback" value="{request.id}">' in form.text
    assert "Klacht over de balie" in form.text, "the subject, for the coordinator to see"

    data = {"channel": "phone", "name": "Fatima el Amrani", "phone": "06 12345678",
            **REGISTERED_FIELDS, "key": hidden_key(form.text), "callback": str(request.id),
            "csrf_token": csrf_token(form.text)}
    first, second = coordinator.post(REGISTER, data=data), coordinator.post(REGISTER, data=data)
    assert first.status_code == second.status_code == 303
    (complaint,) = Complaint.select()
    assert complaint.channel == "phone" and complaint.name == "Fatima el Amrani"

    stored = CallbackRequest.get_by_id(request.id)
    assert stored.state == callbacks.REGISTERED and stored.complaint_id == complaint.id
    assert stored.closed_by == Staff.get(Staff.email == "coordinator@example.nl").id
    shown = coordinator.get(f"{LIST}/{request.id}?lang=en").text
    assert f'href="/beheer/klachten/{complaint.reference}"' in shown
    assert "Registered as a complaint" in shown
    assert rows(coordinator.get(LIST).text) == []


def test_a_request_closed_meanwhile_stays_closed_and_the_complaint_is_stored(friday, coordinator):
    request = add_request(date(2026, 3, 5))
    form = coordinator.get(f"{REGISTER}?callback={request.id}")
    staff = Staff.get(Staff.email == "coordinator@example.nl")
    callbacks.close(request, "Al teruggebeld door een collega.", staff)
    data = {"channel": "phone", "name": "Fatima el Amrani", "phone": "06 12345678",
            **REGISTERED_FIELDS, "key": hidden_key(form.text), "callback": str(request.id),
            "csrf_token": csrf_token(form.text)}
    assert coordinator.post(REGISTER, data=data).status_code == 303
    assert Complaint.select().count() == 1
    stored = CallbackRequest.get_by_id(request.id)
    assert stored.state == callbacks.CLOSED and stored.complaint_id is None


def test_mark_registered_refuses_a_request_someone_else_ended(app):
    staff = make_staff(COORDINATOR)
    request = add_request(date(2026, 3, 5))
    complaint = Complaint.create(reference="KL-2026-00001", received_on=date(2026, 3, 6),
                                 name="A", description="B")
    other = Complaint.create(reference="KL-2026-00002", received_on=date(2026, 3, 6),
                             name="A", description="B")
    assert callbacks.mark_registered(request, complaint, staff) is True
    assert callbacks.mark_registered(request, complaint, staff) is True, "the same: no change"
    assert callbacks.mark_registered(request, other, staff) is False
    assert CallbackRequest.get_by_id(request.id).complaint_id == complaint.id
    with pytest.raises(callbacks.AlreadyHandled):
        callbacks.close(request, "Toch niet.", staff)


# --- counted either way -----------------------------------------------------------------------

def test_counts_per_year_by_outcome(app):
    for requested, state in [(date(2025, 12, 30), callbacks.CLOSED),
                             (date(2026, 1, 2), callbacks.REGISTERED),
                             (date(2026, 3, 5), callbacks.REGISTERED),
                             (date(2026, 3, 6), callbacks.CLOSED),
                             (date(2026, 12, 31), callbacks.OPEN)]:
        add_request(requested, state=state)
    assert callbacks.yearly_counts() == {
        2025: {"open": 0, "registered": 0, "closed": 1},
        2026: {"open": 1, "registered": 2, "closed": 1},
    }
    assert callbacks.yearly_counts(2026) == {2026: {"open": 1, "registered": 2, "closed": 1}}
    assert callbacks.yearly_counts(2024) == {2024: {"open": 0, "registered": 0, "closed": 0}}


def test_the_open_count_on_a_given_day(app):
    add_request(date(2026, 3, 2))              # due Wed 4 March
    add_request(date(2026, 3, 5))              # due Mon 9 March
    add_request(date(2026, 3, 2), state=callbacks.CLOSED)
    assert callbacks.open_count(date(2026, 3, 4)) == callbacks.OpenCount(2, 0)
    assert callbacks.open_count(date(2026, 3, 5)) == callbacks.OpenCount(2, 1), \
        "overdue starts the day after"


# --- who may ---------------------------------------------------------------------------------

STAFF_PAGES = (LIST, RECORD, f"{LIST}/1")


@pytest.mark.parametrize("role", [HANDLER, READER, ADMINISTRATOR])
def test_other_roles_are_refused(app, client, role):
    add_request(date(2026, 3, 5))
    make_staff(role)
    log_in(client, f"{role}@example.nl")
    token = csrf_token(client.get("/beheer/").text)
    for url in STAFF_PAGES:
        assert client.get(url).status_code == 403, url
    for url in (RECORD, f"{LIST}/1/sluiten"):
        response = client.post(url, data={**TYPED, "note": "x", "csrf_token": token})
        assert response.status_code == 403, url
    assert CallbackRequest.select().where(CallbackRequest.state == "open").count() == 1
    assert f'href="{LIST}"' not in client.get("/beheer/").text, "no link to the requests"
    if role != ADMINISTRATOR:
        assert 'id="callback-counter"' not in client.get("/beheer/klachten").text


def test_anonymous_requests_go_to_the_login_page(client):
    for url in STAFF_PAGES:
        response = client.get(url)
        assert response.status_code == 302 and "/beheer/inloggen" in response.headers["Location"]
    response = client.post(f"{LIST}/1/sluiten", data={"note": "x"})
    assert response.status_code in (302, 303, 400, 401, 403)
    assert CallbackRequest.select().count() == 0


def test_an_organisation_without_call_back_requests_has_none_of_these_pages(app, runner, client):
    assert runner.invoke(args=["preset", "load", "ijmond-werkt"]).exit_code == 0
    with app.test_request_context():
        assert not callbacks.enabled(current_organisation())
    assert client.get(ASK).status_code == 404
    assert client.get(f"{ASK}/ontvangen").status_code == 404
    assert f'href="{ASK}"' not in client.get("/").text
    make_staff(COORDINATOR)
    log_in(client, "coordinator@example.nl")
    for url in STAFF_PAGES:
        assert client.get(url).status_code == 404, url
    inbox = client.get("/beheer/klachten").text
    assert 'id="callback-counter"' not in inbox and f'href="{LIST}"' not in inbox
    assert 'name="callback"' not in client.get(f"{REGISTER}?callback=1").text


# --- both languages ---------------------------------------------------------------------------

def test_the_resident_pages_show_no_english_in_dutch_and_no_dutch_in_english(app, friday):
    from tests.integration.test_i18n import allowed_same, visible
    allowed = allowed_same(app)
    allowed.update({value: "what the resident typed" for value in TYPED.values()})
    pages = {}
    for lang in ("nl", "en"):
        client = CheckingClient(app.test_client())
        form = client.get(f"{ASK}?lang={lang}").text
        wrong = client.post(f"{ASK}?lang={lang}", data={"key": hidden_key(form), "phone": "x",
                                                       "csrf_token": csrf_token(form)}).text
        sent = client.post(f"{ASK}?lang={lang}", data={**TYPED, "key": hidden_key(form),
                                                      "csrf_token": csrf_token(form)})
        done = client.get(sent.headers["Location"]).text
        pages[lang] = {"form": form, "error": wrong, "confirmation": done}
    problems = []
    for name in pages["nl"]:
        nl, en = visible(pages["nl"][name]), visible(pages["en"][name])
        assert (nl.lang, en.lang) == ("nl", "en")
        problems += [f"{name}: {t!r}" for t in sorted(set(nl.texts) & set(en.texts))
                     if t not in allowed]
    assert not problems, problems
