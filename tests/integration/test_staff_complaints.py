"""The register of complaints in the back office (the inbox): open complaints, the nearest
deadline first, 50 a page; filters and search; the full page without htmx, only the list with
it; a handler sees only the complaints assigned to them; the coordinator's counters."""
import re
from datetime import date, timedelta

import pytest
import time_machine

from klachtenloket.domain.roles import ADMINISTRATOR, COORDINATOR, HANDLER, READER
from klachtenloket.models import Complaint
from klachtenloket.services import casework, intake
from klachtenloket.web.organisation import current_organisation
from tests.integration.helpers import log_in, make_staff

# Many logins per test: hashing at production cost would only make them slow.
pytestmark = pytest.mark.usefixtures("cheap_hashing")

FIRST_DAY = date(2026, 1, 5)


def add_complaints(count: int, state: str = "received", start: int = 1, **values) -> None:
    """Complaint n is received n days after FIRST_DAY and due 6 weeks later, so the lowest
    number has the nearest deadline."""
    for n in range(start, start + count):
        received = FIRST_DAY + timedelta(days=n)
        Complaint.create(reference=f"KL-2026-{n:05d}", received_on=received,
                         name=f"Inwoner {n}", description="Te lang gewacht.", state=state,
                         channel=("web", "phone", "letter")[n % 3],
                         next_deadline=received + timedelta(weeks=6),
                         next_deadline_name="decision", **values)


def references(html: str) -> list[str]:
    # Each reference links to its complaint page.
    return re.findall(r'<td[^>]*><a href="/beheer/klachten/(KL-\d{4}-\d{5})">\1</a></td>', html)


@pytest.fixture
def coordinator(client):
    make_staff(COORDINATOR)
    log_in(client, "coordinator@example.nl")
    return client


def on_day(client, day: date, *urls: str):
    """The page(s) as they are on `day`; logged in again then, as a session does not reach
    back. One URL gives its HTML, more a list."""
    with time_machine.travel(day, tick=False):
        log_in(client, "coordinator@example.nl")
        pages = [client.get(url).text for url in urls]
    return pages[0] if len(pages) == 1 else pages


def cells_of(html: str, reference: str) -> list[str]:
    row = re.search(rf"<tr><td[^>]*><a [^>]*>{reference}</a></td>.*?</tr>", html, re.S).group(0)
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_fifty_a_page_nearest_deadline_first_with_links_between_pages(coordinator):
    add_complaints(51)
    first = coordinator.get("/beheer/klachten?lang=en")
    assert first.status_code == 200
    shown = references(first.text)
    assert len(shown) == 50
    assert shown[0] == "KL-2026-00001" and shown[-1] == "KL-2026-00050", "nearest first"
    assert "51 open complaints · page 1 of 2" in first.text
    assert 'href="/beheer/klachten?page=2"' in first.text and 'rel="prev"' not in first.text

    second = coordinator.get("/beheer/klachten?page=2&lang=en")
    assert references(second.text) == ["KL-2026-00051"]
    assert 'rel="prev"' in second.text and 'rel="next"' not in second.text


def test_complaints_without_a_deadline_come_last_and_the_nearest_first(coordinator):
    add_complaints(3)
    Complaint.update(next_deadline=None, next_deadline_name="").where(
        Complaint.reference == "KL-2026-00001").execute()
    Complaint.update(next_deadline=FIRST_DAY).where(
        Complaint.reference == "KL-2026-00003").execute()
    assert references(coordinator.get("/beheer/klachten").text) == [
        "KL-2026-00003", "KL-2026-00002", "KL-2026-00001"]


def test_a_row_shows_reference_date_channel_state_name_unit_handler_and_deadline(coordinator):
    handler = make_staff(HANDLER, name="Henk Handel")
    add_complaints(1, state="in_handling", start=7, unit="Werk", handler_id=handler.id)
    html = on_day(coordinator, date(2026, 2, 20), "/beheer/klachten?lang=en")
    assert cells_of(html, "KL-2026-00007") == [
        "KL-2026-00007", "January 12, 2026", "Phone", "In handling", "Inwoner 7", "Werk",
        "Henk Handel", "Decision (Awb 9:11): February 23, 2026 Due in 3 days"]


@pytest.mark.parametrize("today, says", [
    (date(2026, 2, 23), "Due today"), (date(2026, 2, 22), "Due in 1 day"),
    (date(2026, 2, 16), "Due in 7 days"), (date(2026, 2, 15), "8 days left"),
    (date(2026, 2, 24), "Overdue by 1 day"), (date(2026, 2, 26), "Overdue by 3 days")])
def test_the_days_left_are_said_in_words(coordinator, today, says):
    add_complaints(1, start=7)      # due 23 February 2026
    html = on_day(coordinator, today, "/beheer/klachten?lang=en")
    assert cells_of(html, "KL-2026-00007")[-1].endswith(says)


def test_the_days_left_in_dutch(coordinator):
    add_complaints(1, start=7)
    html = on_day(coordinator, date(2026, 2, 26), "/beheer/klachten?lang=nl")
    assert cells_of(html, "KL-2026-00007")[-1].endswith("3 dagen te laat")


@pytest.mark.parametrize("page, shows", [("99", "KL-2026-00051"), ("0", "KL-2026-00001"),
                                         ("x", "KL-2026-00001")])
def test_a_page_number_out_of_range_shows_the_nearest_page(coordinator, page, shows):
    add_complaints(51)
    assert shows in references(coordinator.get(f"/beheer/klachten?page={page}").text)


def test_without_a_state_filter_only_open_complaints_and_all_shows_every_one(coordinator):
    add_complaints(2)
    add_complaints(1, state="acknowledged", start=3)
    add_complaints(1, state="in_handling", start=4)
    add_complaints(1, state="decided", start=5)
    add_complaints(1, state="withdrawn", start=6)
    assert references(coordinator.get("/beheer/klachten").text) == [
        "KL-2026-00001", "KL-2026-00002", "KL-2026-00003", "KL-2026-00004"]
    assert len(references(coordinator.get("/beheer/klachten?state=all").text)) == 6


def test_the_state_filter_shows_only_that_state_and_pages_keep_it(coordinator):
    add_complaints(3, state="received")
    add_complaints(52, state="withdrawn", start=4)
    page = coordinator.get("/beheer/klachten?state=received&lang=en")
    assert sorted(references(page.text)) == ["KL-2026-00001", "KL-2026-00002", "KL-2026-00003"]
    assert "3 complaints with state “Received”" in page.text
    assert '<option value="received" selected>' in page.text, "the form shows the chosen filter"

    withdrawn = coordinator.get("/beheer/klachten?state=withdrawn")
    assert 'href="/beheer/klachten?page=2&amp;state=withdrawn"' in withdrawn.text
    assert len(references(coordinator.get("/beheer/klachten?state=withdrawn&page=2").text)) == 2


def test_an_unknown_state_is_no_filter(coordinator):
    add_complaints(2)
    assert len(references(coordinator.get("/beheer/klachten?state=bogus").text)) == 2


def test_the_handler_filter_and_not_assigned(coordinator):
    henk = make_staff(HANDLER, name="Henk Handel")
    add_complaints(2, state="in_handling", handler_id=henk.id)
    add_complaints(1, state="acknowledged", start=3)
    html = coordinator.get(f"/beheer/klachten?handler={henk.id}").text
    assert references(html) == ["KL-2026-00001", "KL-2026-00002"]
    assert f'<option value="{henk.id}" selected>Henk Handel</option>' in html
    assert references(coordinator.get("/beheer/klachten?handler=none").text) == ["KL-2026-00003"]
    assert len(references(coordinator.get("/beheer/klachten?handler=x").text)) == 3


def test_the_unit_and_channel_filters(coordinator):
    add_complaints(3, unit="Werk")
    add_complaints(3, start=4, unit="Zorg")
    assert references(coordinator.get("/beheer/klachten?unit=Zorg").text) == [
        "KL-2026-00004", "KL-2026-00005", "KL-2026-00006"]
    # Channels go web, phone, letter by number (n % 3): 3 and 6 are web.
    assert references(coordinator.get("/beheer/klachten?channel=web").text) == [
        "KL-2026-00003", "KL-2026-00006"]
    assert references(coordinator.get("/beheer/klachten?channel=web&unit=Werk").text) == [
        "KL-2026-00003"]


def test_the_overdue_and_due_this_week_filters(coordinator):
    add_complaints(20)      # due 17 February (n=1) … 8 March 2026 (n=20)
    overdue, week = on_day(coordinator, date(2026, 2, 23), "/beheer/klachten?due=overdue",
                           "/beheer/klachten?due=week")
    assert references(overdue) == [f"KL-2026-{n:05d}" for n in range(1, 7)]
    assert references(week) == [f"KL-2026-{n:05d}" for n in range(7, 15)], \
        "23 February up to 2 March"


@pytest.mark.parametrize("search, found", [
    ("KL-2026-00012", ["KL-2026-00012"]), ("kl-2026-0001", [f"KL-2026-{n:05d}" for n in range(10, 13)]),
    ("inwoner 1", ["KL-2026-00001"] + [f"KL-2026-{n:05d}" for n in range(10, 13)]),
    ("  INWONER   11 ", ["KL-2026-00011"]), ("Jansen", []), ("50%", [])])
def test_the_search_finds_a_reference_by_its_start_and_a_name_anywhere(coordinator, search,
                                                                       found):
    add_complaints(12)
    html = coordinator.get("/beheer/klachten", query_string={"q": search}).text
    assert references(html) == found


def test_the_filters_stay_in_the_paging_links(coordinator):
    add_complaints(55, unit="Werk")
    html = coordinator.get("/beheer/klachten?q=inwoner&unit=Werk&due=overdue").text
    link = re.search(r'<a href="([^"]+)" rel="next"', html).group(1)
    assert link == "/beheer/klachten?page=2&amp;q=inwoner&amp;unit=Werk&amp;due=overdue"


def test_the_filter_is_a_get_form_htmx_can_take_over(coordinator):
    html = coordinator.get("/beheer/klachten").text
    form = re.search(r'<form class="filters"[^>]*>', html).group(0)
    assert 'method="get"' in form and 'action="/beheer/klachten"' in form
    assert 'hx-get="/beheer/klachten"' in form and 'hx-target="#complaint-list"' in form
    assert 'hx-push-url="true"' in form


def test_an_htmx_request_gets_only_the_list_and_the_page_says_it_varies(coordinator):
    add_complaints(3)
    # .open: the page checker expects whole pages, and a partial is not one.
    partial = coordinator.open("/beheer/klachten?state=received", headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert partial.text.lstrip().startswith('<div id="complaint-list"')
    assert "<html" not in partial.text and "<form" not in partial.text
    assert 'id="counters"' not in partial.text
    assert len(references(partial.text)) == 3
    assert {"HX-Request", "Cookie"} <= set(partial.vary)

    whole = coordinator.get("/beheer/klachten?state=received")
    assert "<html" in whole.text and {"HX-Request", "Cookie"} <= set(whole.vary)
    list_in_page = re.search(r'<div id="complaint-list".*?\n</div>', whole.text, re.S).group(0)
    assert list_in_page.strip() == partial.text.strip(), "the same markup both ways"


def test_the_back_button_gets_the_whole_page_from_htmx(coordinator):
    """htmx restores history by asking again, with HX-Request, and swaps the answer into <body>."""
    restore = coordinator.get("/beheer/klachten?page=1", headers={
        "HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restore.text and "HX-History-Restore-Request" in restore.vary


def test_a_handler_sees_only_their_own_complaints_as_my_complaints(client):
    add_complaints(5)
    handler = make_staff(HANDLER)
    other = make_staff(HANDLER, email="other@example.nl", name="Olga Ander")
    log_in(client, "handler@example.nl")
    page = client.get("/beheer/klachten?lang=en")
    assert page.status_code == 200
    assert references(page.text) == []
    assert "0 complaints assigned to you" in page.text and "My complaints" in page.text

    Complaint.update(handler_id=handler.id, state="in_handling").where(
        Complaint.reference.in_(["KL-2026-00002", "KL-2026-00004"])).execute()
    Complaint.update(handler_id=other.id, state="in_handling").where(
        Complaint.reference == "KL-2026-00003").execute()
    page = client.get("/beheer/klachten?lang=en")
    assert references(page.text) == ["KL-2026-00002", "KL-2026-00004"]
    assert 'id="handler"' not in page.text, "no handler filter on their own list"
    # Asking for someone else's complaints by the URL does not widen the list.
    assert references(client.get(f"/beheer/klachten?handler={other.id}").text) == [
        "KL-2026-00002", "KL-2026-00004"]
    assert references(client.get("/beheer/klachten?q=inwoner 4").text) == ["KL-2026-00004"]


def test_assigning_through_casework_puts_the_complaint_on_the_handlers_list(app, client):
    coordinator = make_staff(COORDINATOR)
    handler = make_staff(HANDLER)
    data = {"name": "Piet Bellen", "phone": "06 87654321", "reply_by": "phone",
            "description": "Ik werd niet teruggebeld.", "unit": "Werk"}
    with app.test_request_context():
        complaint = intake.register(data, current_organisation(), coordinator, "phone",
                                    FIRST_DAY, date(2026, 12, 31), "nl",
                                    lambda complaint, token: []).complaint
    stored = Complaint.get_by_id(complaint.id)
    first = (stored.next_deadline_name, stored.next_deadline)
    assert stored.next_deadline is not None and stored.handler_id is None
    casework.record(complaint, "acknowledged", {"on": FIRST_DAY}, coordinator)
    casework.record(complaint, "first_contact_made", {}, coordinator)
    casework.record(complaint, "assigned", {"handler": handler.id}, coordinator)
    stored = Complaint.get_by_id(complaint.id)
    assert stored.handler_id == handler.id and stored.state == "in_handling"
    assert stored.next_deadline_name == "decision" and stored.next_deadline >= first[1]

    log_in(client, "handler@example.nl")
    assert references(client.get("/beheer/klachten").text) == [complaint.reference]
    casework.record(complaint, "decided", {"outcome": "upheld", "findings": "Klopt."},
                    coordinator)
    stored = Complaint.get_by_id(complaint.id)
    assert stored.next_deadline is None and stored.next_deadline_name == ""
    assert references(client.get("/beheer/klachten?state=decided").text) == [complaint.reference]


def counter_numbers(html: str) -> dict:
    return {key: (int(number), href.replace("&amp;", "&")) for href, key, number in re.findall(
        r'<a href="([^"]+)" data-counter="(\w+)"><span class="counter-number">(\d+)</span>', html)}


def test_the_coordinator_counters_and_their_links(coordinator):
    henk = make_staff(HANDLER, name="Henk Handel")
    add_complaints(4)                                                   # due 17 … 20 Feb
    add_complaints(2, state="acknowledged", start=5)                    # due 21, 22 Feb
    add_complaints(3, state="in_handling", start=7, handler_id=henk.id)  # due 23 … 25 Feb
    add_complaints(2, state="withdrawn", start=10)
    expected = {
        "acknowledge": (4, "/beheer/klachten?state=received"),
        "assign": (6, "/beheer/klachten?handler=none"),
        "week": (4, "/beheer/klachten?due=week"),
        "overdue": (5, "/beheer/klachten?due=overdue")}
    page, *listed = on_day(coordinator, date(2026, 2, 22), "/beheer/klachten",
                           *(href for _number, href in expected.values()))
    assert counter_numbers(page) == expected
    assert [len(references(html)) for html in listed] == [4, 6, 4, 5], "each link lists them"


def test_only_the_coordinator_sees_the_counters(client):
    make_staff(READER)
    log_in(client, "reader@example.nl")
    assert 'id="counters"' not in client.get("/beheer/klachten").text


def test_a_reader_sees_every_complaint(client):
    add_complaints(5)
    make_staff(READER)
    log_in(client, "reader@example.nl")
    assert len(references(client.get("/beheer/klachten").text)) == 5


def test_the_start_page_leads_complaint_roles_to_the_list_and_not_the_administrator(client, app):
    make_staff(READER)
    log_in(client, "reader@example.nl")
    assert 'href="/beheer/klachten"' in client.get("/beheer/").text

    make_staff(ADMINISTRATOR)
    admin = app.test_client()
    log_in(admin, "administrator@example.nl")
    start = admin.get("/beheer/?lang=en").text
    assert 'href="/beheer/klachten"' not in start and "You do not see complaints." in start
    assert admin.get("/beheer/klachten").status_code == 403


def test_refresh_all_projections_fills_in_rows_stored_before_migration_0006(app):
    coordinator = make_staff(COORDINATOR)
    handler = make_staff(HANDLER)
    data = {"name": "Piet Bellen", "phone": "06 87654321", "reply_by": "phone",
            "description": "Ik werd niet teruggebeld."}
    with app.test_request_context():
        complaint = intake.register(data, current_organisation(), coordinator, "phone",
                                    FIRST_DAY, date(2026, 12, 31), "nl",
                                    lambda complaint, token: []).complaint
    casework.record(complaint, "acknowledged", {"on": FIRST_DAY}, coordinator)
    casework.record(complaint, "assigned", {"handler": handler.id}, coordinator)
    before = Complaint.get_by_id(complaint.id)
    Complaint.update(next_deadline=None, next_deadline_name="", handler_id=None).execute()
    assert casework.refresh_all_projections() == 1
    after = Complaint.get_by_id(complaint.id)
    assert (after.next_deadline, after.next_deadline_name, after.handler_id) == \
        (before.next_deadline, before.next_deadline_name, handler.id)
