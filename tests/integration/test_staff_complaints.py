"""The register of complaints in the back office: 50 a page, a state filter, newest first;
the full page without htmx, only the list with it; a handler sees only their own."""
import re
from datetime import date, timedelta

import pytest

from klachtenloket.domain.roles import ADMINISTRATOR, COORDINATOR, HANDLER, READER
from klachtenloket.models import Complaint
from tests.integration.helpers import log_in, make_staff

# Many logins per test: hashing at production cost would only make them slow.
pytestmark = pytest.mark.usefixtures("cheap_hashing")

FIRST_DAY = date(2026, 1, 5)


def add_complaints(count: int, state: str = "received", start: int = 1) -> None:
    """Complaint n is received n days after FIRST_DAY, so the newest has the highest number."""
    for n in range(start, start + count):
        Complaint.create(reference=f"KL-2026-{n:05d}", received_on=FIRST_DAY + timedelta(days=n),
                         name=f"Inwoner {n}", description="Te lang gewacht.", state=state,
                         channel=("web", "phone", "letter")[n % 3])


def references(html: str) -> list[str]:
    # Each reference links to its complaint page.
    return re.findall(r'<td[^>]*><a href="/beheer/klachten/(KL-\d{4}-\d{5})">\1</a></td>', html)


@pytest.fixture
def coordinator(client):
    make_staff(COORDINATOR)
    log_in(client, "coordinator@example.nl")
    return client


def test_fifty_a_page_newest_first_with_links_between_pages(coordinator):
    add_complaints(51)
    first = coordinator.get("/beheer/klachten?lang=en")
    assert first.status_code == 200
    shown = references(first.text)
    assert len(shown) == 50
    assert shown[0] == "KL-2026-00051" and shown[-1] == "KL-2026-00002", "newest first"
    assert "51 complaints · page 1 of 2" in first.text
    assert 'href="/beheer/klachten?page=2"' in first.text and 'rel="prev"' not in first.text

    second = coordinator.get("/beheer/klachten?page=2&lang=en")
    assert references(second.text) == ["KL-2026-00001"]
    assert 'rel="prev"' in second.text and 'rel="next"' not in second.text


def test_a_row_shows_reference_date_channel_state_and_name(coordinator):
    add_complaints(1, state="withdrawn", start=7)
    row = re.search(r"<tr><td[^>]*><a [^>]*>KL-2026-00007</a></td>.*?</tr>", coordinator.get(
        "/beheer/klachten?lang=en").text).group(0)
    cells = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    assert cells == ["KL-2026-00007", "January 12, 2026", "Phone", "Withdrawn", "Inwoner 7"]


@pytest.mark.parametrize("page, shows", [("99", "KL-2026-00001"), ("0", "KL-2026-00051"),
                                         ("x", "KL-2026-00051")])
def test_a_page_number_out_of_range_shows_the_nearest_page(coordinator, page, shows):
    add_complaints(51)
    assert shows in references(coordinator.get(f"/beheer/klachten?page={page}").text)


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


def test_a_handler_sees_only_their_own_complaints_and_is_told_why_the_list_is_empty(client):
    add_complaints(5)
    make_staff(HANDLER)
    log_in(client, "handler@example.nl")
    page = client.get("/beheer/klachten?lang=en")
    assert page.status_code == 200
    assert references(page.text) == []
    assert "No complaint has been assigned to you." in page.text
    assert 'class="filters"' not in page.text


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
