"""The steps on the complaint page, through the pages as staff use them, on SQLite and
PostgreSQL: the whole formal procedure, declining and forwarding, the refusals in words,
the conflict page when someone else changed the complaint, classification, and who may take
which step (a complaint about the coordinator goes to a manager)."""
import re
from datetime import date, timedelta

import pytest

from klachtenloket.domain.roles import COORDINATOR, HANDLER, READER
from klachtenloket.models import Complaint
from klachtenloket.services import casework
from tests.integration.helpers import (error_summary, logged_in, make_staff, page_of, page_token,
                                       registered)

pytestmark = pytest.mark.usefixtures("cheap_hashing")


def recent(app, staff, **kwargs) -> Complaint:
    """A phone complaint received ten days ago: its terms still run."""
    return registered(app, staff, received_on=date.today() - timedelta(days=10), **kwargs)


def seen_on_page(html: str, step: str) -> str:
    return re.search(rf'name="{step}-seen" value="(\d*)"', html).group(1)


def post_step(client, complaint, slug: str, lang: str = "en", **fields):
    """A step's form sent as the page sends it: field names carry the step's prefix."""
    return client.post(f"{page_of(complaint)}/{slug}?lang={lang}",
                       data={**fields, "csrf_token": page_token(client)})


def kinds(complaint) -> list[str]:
    return [kind for kind, _payload in casework._history(complaint)]


def test_the_whole_formal_procedure_through_the_pages(app):
    coordinator = make_staff(COORDINATOR)
    handler = make_staff(HANDLER, name="Hanna Handelaar")
    complaint = recent(app, coordinator)
    boss = logged_in(app, coordinator)
    assert post_step(boss, complaint, "ontvangst-bevestigd").status_code == 303
    assert post_step(boss, complaint, "toewijzen", **{"assign-handler": handler.id}).status_code == 303

    worker = logged_in(app, handler)
    html = worker.get(page_of(complaint) + "?lang=en").text
    for title in ("Choose the procedure", "Plan the hearing", "Extend the decision term",
                  "Decision", "Pause the term"):
        assert title in html, title
    assert "Close the complaint" not in html and "Do not handle" not in html, "coordinator's"
    planned = (date.today() + timedelta(days=7)).strftime("%d-%m-%Y")
    for slug, fields in (
            ("procedure", {"procedure-procedure": "formal"}),
            ("kopie-verstuurd", {}),
            ("hoorzitting-gepland", {"hearing_planned-planned_on": planned,
                                     "hearing_planned-text": "Op kantoor, kamer 2"}),
            ("gehoord", {"hearing_held-on": date.today().strftime("%d-%m-%Y"),
                         "hearing_held-text": "Mevrouw vertelde dat zij niet werd teruggebeld."}),
            ("verlengen", {"extend-weeks": "3", "extend-reason": "We wachten op een collega."}),
            ("beslissen", {"decide-outcome": "partly_upheld",
                           "decide-findings": "Er is niet teruggebeld. De afspraak was wel "
                                              "duidelijk.",
                           "decide-measures": "Het team bespreekt terugbellen.",
                           "decide-summary": "Een klant werd niet teruggebeld."})):
        response = post_step(worker, complaint, slug, **fields)
        assert response.status_code == 303, (slug, error_summary(response.text))
    assert post_step(boss, complaint, "afsluiten").status_code == 303

    case = casework.case_state(complaint)
    assert (case.state, case.procedure, case.hearing, case.extension_weeks, case.outcome) == \
        ("closed", "formal", "held", 3, "partly_upheld")
    assert kinds(complaint) == ["received", "acknowledged", "assigned", "procedure_chosen",
                                "copy_sent", "hearing_planned", "hearing_held", "extended",
                                "decided", "closed"]
    page = boss.get(page_of(complaint) + "?lang=en").text
    for text in ("Procedure: Formal", "Hearing held on", "Mevrouw vertelde",
                 "Decision term extended by 3 weeks", "Decided: Gedeeltelijk gegrond",
                 "Het team bespreekt terugbellen.", "Decision, extended"):
        assert text in page, text


def test_declining_needs_a_ground_and_a_reason_and_keeps_what_was_typed(app):
    coordinator = make_staff(COORDINATOR)
    complaint = recent(app, coordinator)
    client = logged_in(app, coordinator)
    missing = post_step(client, complaint, "niet-behandelen",
                        **{"decline-reason": "Het gebeurde in 2023."})
    assert missing.status_code == 200 and "Choose the ground" in error_summary(missing.text)
    assert "Het gebeurde in 2023." in missing.text, "the reason is kept"
    assert "<details class=\"step\" open>" in missing.text, "the step with the error is open"
    done = post_step(client, complaint, "niet-behandelen", **{
        "decline-ground": "older_than_a_year", "decline-reason": "Het gebeurde in 2023."})
    assert done.status_code == 303
    assert Complaint.get_by_id(complaint.id).state == "declined"
    page = client.get(page_of(complaint) + "?lang=en").text
    assert "Not handled: De gedraging was meer dan een jaar" in page
    assert "Decision" not in re.sub(r".*<h2>Timeline", "", page, flags=re.S).split("Steps")[-1] \
        or "Save the decision" not in page, "a declined complaint offers no decision"


def test_forwarding_ends_the_complaint_with_the_recipient(app):
    coordinator = make_staff(COORDINATOR)
    complaint = recent(app, coordinator)
    client = logged_in(app, coordinator)
    assert post_step(client, complaint, "doorsturen",
                     **{"forward-recipient": "UWV"}).status_code == 303
    assert casework.case_state(complaint).forwarded_to == "UWV"
    assert "Forwarded to UWV" in client.get(page_of(complaint) + "?lang=en").text


def test_refusals_are_said_in_words_at_the_step(app):
    coordinator = make_staff(COORDINATOR)
    complaint = recent(app, coordinator)
    client = logged_in(app, coordinator)
    early = post_step(client, complaint, "beslissen", **{
        "decide-outcome": "upheld", "decide-findings": "Klopt.",
        "decide-summary": "Een brief bleef liggen."})
    assert early.status_code == 200
    assert "confirm the receipt" in error_summary(early.text)
    assert "Klopt." in early.text
    post_step(client, complaint, "ontvangst-bevestigd")
    post_step(client, complaint, "opschorten", **{"suspend-on": date.today().strftime("%d-%m-%Y"),
                                                   "suspend-text": "Wacht op stukken."})
    assert "Tick the box" in error_summary(post_step(
        client, complaint, "opschorten", **{"suspend-text": "Wacht op stukken."}).text)
    paused = post_step(client, complaint, "opschorten", **{
        "suspend-on": date.today().strftime("%d-%m-%Y"), "suspend-consent": "y",
        "suspend-text": "Wacht op stukken."})
    assert paused.status_code == 303
    blocked = post_step(client, complaint, "beslissen", **{
        "decide-outcome": "upheld", "decide-findings": "Klopt.",
        "decide-summary": "Een brief bleef liggen."})
    assert "The term is paused" in error_summary(blocked.text)
    assert post_step(client, complaint, "verlengen", **{"extend-weeks": "5",
                                                        "extend-reason": "x"}).status_code == 200


def test_an_extension_after_the_term_ended_is_refused(app):
    coordinator = make_staff(COORDINATOR)
    complaint = registered(app, coordinator, received_on=date.today() - timedelta(days=120))
    client = logged_in(app, coordinator)
    post_step(client, complaint, "ontvangst-bevestigd")
    late = post_step(client, complaint, "verlengen", **{"extend-weeks": "4",
                                                        "extend-reason": "Drukte."})
    assert late.status_code == 200 and "already ended" in error_summary(late.text)
    assert not casework.case_state(complaint).extended


def test_a_step_from_an_old_view_gets_the_conflict_page_and_keeps_the_text(app):
    coordinator = make_staff(COORDINATOR)
    other = make_staff(COORDINATOR, email="tweede@example.nl", name="Tweede Coördinator")
    complaint = recent(app, coordinator)
    casework.record(complaint, "acknowledged", {}, coordinator)
    client = logged_in(app, coordinator)
    seen = seen_on_page(client.get(page_of(complaint)).text, "decide")
    casework.record(complaint, "note_added", {"text": "Klager belde: er is een nieuwe brief."},
                    other)
    findings = "Mijn lange tekst over wat ik vond."
    fields = {"decide-outcome": "upheld", "decide-findings": findings, "decide-seen": seen,
              "decide-summary": "Een brief bleef liggen."}
    conflict = post_step(client, complaint, "beslissen", **fields)
    assert conflict.status_code == 409
    assert "Someone else changed this complaint" in conflict.text
    assert "Klager belde: er is een nieuwe brief." in conflict.text
    assert "Tweede Coördinator" in conflict.text
    assert findings in conflict.text, "nothing typed is lost"
    assert casework.case_state(complaint).state == "acknowledged", "nothing stored yet"
    again = post_step(client, complaint, "beslissen",
                      **{**fields, "decide-seen": seen_on_page(conflict.text, "decide")})
    assert again.status_code == 303
    assert casework.case_state(complaint).outcome == "upheld"


def test_a_note_never_conflicts(app):
    coordinator = make_staff(COORDINATOR)
    complaint = recent(app, coordinator)
    client = logged_in(app, coordinator)
    seen = seen_on_page(client.get(page_of(complaint)).text, "note")
    casework.record(complaint, "note_added", {"text": "eerste"}, coordinator)
    assert post_step(client, complaint, "notitie", **{"note-text": "tweede",
                                                      "note-seen": seen}).status_code == 303


def test_classification_from_the_organisations_lists(app):
    coordinator = make_staff(COORDINATOR)
    complaint = recent(app, coordinator)
    client = logged_in(app, coordinator)
    html = client.get(page_of(complaint) + "?lang=en").text
    categories = re.findall(r'<select id="classify-category".*?</select>', html, re.S)[0]
    choice = re.findall(r'<option value="([^"]+)"', categories)[0]
    assert post_step(client, complaint, "indelen", **{"classify-category": choice,
                                                      "classify-unit": "Werk"}).status_code == 303
    stored = Complaint.get_by_id(complaint.id)
    assert (stored.category, stored.unit) == (choice, "Werk")
    assert choice in client.get(page_of(complaint) + "?lang=en").text
    invented = post_step(client, complaint, "indelen", **{"classify-category": "Verzonnen"})
    assert invented.status_code == 200 and Complaint.get_by_id(complaint.id).category == choice


def test_a_complaint_about_the_coordinator_goes_to_a_manager_who_then_handles_it(app):
    coordinator = make_staff(COORDINATOR, name="Corrie Coördinator")
    handler = make_staff(HANDLER)
    manager = make_staff(READER, name="Manon Manager")
    complaint = recent(app, coordinator, employee_name="Corrie Coördinator")
    casework.record(complaint, "acknowledged", {}, coordinator)
    client = logged_in(app, coordinator)
    refused = post_step(client, complaint, "toewijzen", **{"assign-handler": handler.id})
    assert "Only a manager can handle it" in error_summary(refused.text)
    assert post_step(client, complaint, "toewijzen",
                     **{"assign-handler": manager.id}).status_code == 303

    boss = logged_in(app, manager)
    assert "Save the decision" in boss.get(page_of(complaint) + "?lang=en").text
    assert post_step(boss, complaint, "beslissen", **{
        "decide-outcome": "not_upheld", "decide-findings": "Geen fout gevonden."}).status_code == 303
    other = recent(app, coordinator)
    assert post_step(boss, other, "notitie", **{"note-text": "x"}).status_code == 403, \
        "a manager takes steps only on the complaints assigned to them"


def test_a_handler_cannot_take_the_coordinators_steps(app):
    coordinator = make_staff(COORDINATOR)
    handler = make_staff(HANDLER)
    complaint = recent(app, coordinator)
    casework.record(complaint, "acknowledged", {}, coordinator)
    casework.record(complaint, "assigned", {"handler": handler.id}, coordinator)
    client = logged_in(app, handler)
    for slug in ("afsluiten", "doorsturen", "niet-behandelen", "indelen", "toewijzen"):
        assert post_step(client, complaint, slug).status_code == 403, slug


def test_the_resident_follows_the_steps_in_plain_words_and_sees_the_extended_date(app):
    from klachtenloket.services import intake
    from klachtenloket.web.organisation import current_organisation
    coordinator = make_staff(COORDINATOR)
    received = date.today() - timedelta(days=10)
    with app.test_request_context():
        submitted = intake.register(
            {"name": "Piet", "description": "x", "reply_by": "phone", "phone": "0612345678"},
            current_organisation(), coordinator, "phone", received, date.today(), "nl",
            lambda c, t: [])
    complaint = submitted.complaint
    client = logged_in(app, coordinator)
    post_step(client, complaint, "ontvangst-bevestigd")
    post_step(client, complaint, "kopie-verstuurd")
    before = [d for d in casework.deadlines_for(complaint) if d.name == "extended_decision"]
    assert post_step(client, complaint, "verlengen", **{"extend-weeks": "4",
                                                        "extend-reason": "Drukte."}).status_code == 303
    extended = [d for d in casework.deadlines_for(complaint) if d.name == "extended_decision"][0]
    assert not before
    with app.test_request_context("/?lang=en"):
        from klachtenloket.web.formatting import format_date_long
        shown = format_date_long(extended.due)
    tracking = app.test_client().get(f"/volgen/{submitted.token}?lang=en").text
    assert "We need more time" in tracking
    assert shown in tracking, "the resident sees the new date"
    assert "copy" not in tracking.lower() and "kopie" not in tracking.lower(), "internal step"


def test_a_step_sent_with_an_expired_token_comes_back_with_its_text(app):
    coordinator = make_staff(COORDINATOR)
    complaint = recent(app, coordinator)
    client = logged_in(app, coordinator)
    response = client.post(f"{page_of(complaint)}/notitie?lang=en",
                           data={"note-text": "Een lange notitie die niet verloren mag gaan.",
                                 "csrf_token": "expired"})
    assert response.status_code == 400
    assert "open for a long time" in error_summary(response.text)
    assert "Een lange notitie die niet verloren mag gaan." in response.text
    assert kinds(complaint) == ["received"], "nothing stored"


def test_the_extended_date_follows_the_weeks_chosen(app):
    coordinator = make_staff(COORDINATOR)
    complaint = recent(app, coordinator)
    casework.record(complaint, "acknowledged", {}, coordinator)
    full = {d.name: d.due for d in casework.deadlines_for(complaint, today=date.today())}
    client = logged_in(app, coordinator)
    assert post_step(client, complaint, "verlengen", **{"extend-weeks": "2",
                                                        "extend-reason": "Drukte."}).status_code == 303
    after = {d.name: d.due for d in casework.deadlines_for(complaint, today=date.today())}
    # Two weeks after the decision date, give or take the Atw shift of either end.
    assert timedelta(days=12) <= after["extended_decision"] - full["decision"] <= timedelta(days=16)


def test_a_commissioning_party_is_chosen_with_the_decision_and_named_in_the_letter(app):
    from klachtenloket.domain.organisation import load_preset
    from klachtenloket.models import Letter
    from klachtenloket.services import configuration
    configuration.save(load_preset("bijstand-naar-werk"))
    coordinator = make_staff(COORDINATOR)
    complaint = recent(app, coordinator)
    casework.record(complaint, "acknowledged", {}, coordinator)
    client = logged_in(app, coordinator)
    decision = {"decide-outcome": "not_upheld", "decide-findings": "Geen fout gevonden."}
    missing = post_step(client, complaint, "beslissen", **decision)
    assert "Choose where the complainant can go next" in error_summary(missing.text)
    assert post_step(client, complaint, "beslissen", **decision,
                     **{"decide-second_line": "uwv"}).status_code == 303
    letter = Letter.select().where(Letter.complaint == complaint,
                                   Letter.kind == "decided").get()
    assert "UWV" in letter.body
