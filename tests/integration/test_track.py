"""Following a complaint through its private link: status, dates, add information, withdraw."""
from klachtenloket.models import Complaint, Event, OutboxMail, TrackingToken
from tests.conftest import csrf_token
from tests.integration.helpers import file_complaint


def test_tracking_page_shows_status_dates_and_history(client):
    _, link = file_complaint(client)
    page = client.get(link + "?lang=en").text
    reference = Complaint.get().reference
    assert reference in page
    assert "We received your complaint." in page
    assert "Our answer" in page                        # the decision deadline
    assert "Nationale ombudsman" in page               # the second line


def test_wrong_or_malformed_token_is_not_found(client):
    file_complaint(client)
    for token in ("x", "A" * 43, "A" * 500, "%00", Complaint.get().reference):
        assert client.get(f"/volgen/{token}").status_code == 404


def test_adding_information_appears_in_the_history(client):
    _, link = file_complaint(client)
    page = client.get(link)
    response = client.post(link + "/aanvullen",
                           data={"text": "Ik heb nog een brief gevonden.",
                                 "csrf_token": csrf_token(page.text)})
    assert response.status_code == 303
    assert "Ik heb nog een brief gevonden." in client.get(link).text
    event = Event.get(Event.kind == "information_added")
    assert event.actor == "complainant" and event.complaint.reference == Complaint.get().reference


def test_empty_added_information_is_refused_with_a_message(client):
    _, link = file_complaint(client)
    page = client.get(link)
    response = client.post(link + "/aanvullen", data={"text": "  ", "csrf_token": csrf_token(page.text)})
    assert response.status_code == 400
    assert 'id="text-error"' in response.text
    assert Event.select().where(Event.kind == "information_added").count() == 0


def test_added_information_survives_an_expired_token(client):
    _, link = file_complaint(client)
    response = client.post(link + "/aanvullen", data={"text": "Mijn tekst", "csrf_token": "old"})
    assert response.status_code == 400 and "Mijn tekst" in response.text


def test_withdrawing_asks_to_confirm_then_closes_the_complaint(client):
    _, link = file_complaint(client)
    confirm = client.get(link + "/intrekken")
    assert confirm.status_code == 200
    assert Complaint.get().state == "received", "opening the confirm page changes nothing"
    response = client.post(link + "/intrekken",
                           data={"reason": "Opgelost", "csrf_token": csrf_token(confirm.text)})
    assert response.status_code == 303
    assert Complaint.get().state == "withdrawn"
    page = client.get(link).text
    assert 'action="' + link + '/aanvullen"' not in page, "no more additions after withdrawing"
    # Withdrawing again, or adding, is refused without a crash.
    assert client.post(link + "/aanvullen", data={"text": "x", "csrf_token": csrf_token(confirm.text)}).status_code == 409


def test_resend_link_answers_the_same_for_known_and_unknown_addresses(client):
    file_complaint(client)
    page = client.get("/volgen/")
    known = client.post("/volgen/", data={"email": "FATIMA@example.nl",
                                          "csrf_token": csrf_token(page.text)})
    unknown = client.post("/volgen/", data={"email": "nobody@example.nl",
                                            "csrf_token": csrf_token(page.text)})
    assert known.status_code == unknown.status_code == 200
    normalise = lambda html, address: html.replace(address, "ADDRESS")  # noqa: E731
    assert normalise(known.text, "FATIMA@example.nl") == normalise(unknown.text, "nobody@example.nl")
    links = OutboxMail.select().where(OutboxMail.kind == "link")
    assert [m.recipient for m in links] == ["fatima@example.nl"]
    assert TrackingToken.select().count() == 2, "a new link; the old one keeps working"


def test_resend_link_validates_the_address(client):
    page = client.get("/volgen/")
    response = client.post("/volgen/", data={"email": "geen adres", "csrf_token": csrf_token(page.text)})
    assert response.status_code == 400 and 'id="email-error"' in response.text


def test_language_links_on_pages_answering_a_post_lead_to_a_page_that_exists(client):
    _, link = file_complaint(client)
    page = client.get(link)
    response = client.post(link + "/aanvullen", data={"text": "", "csrf_token": csrf_token(page.text)})
    import re
    english = re.search(r'href="([^"]+)" hreflang="en"', response.text).group(1).replace("&amp;", "&")
    assert english.startswith(link + "?")
    assert client.get(english).status_code == 200
    assert client.get("/nope?lang=en").status_code == 404
