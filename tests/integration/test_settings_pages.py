"""The administrator's settings pages (issue 5), on SQLite and PostgreSQL:

- each page stores the whole configuration through configuration.save: a new row, audited;
- refused input stores nothing, and the page keeps what was typed, the reason at the field;
- a complaint received before a term change keeps its deadlines, a new one gets the new ones;
- the preview shows the dates `flask deadlines` prints (the worked example of the domain notes);
- the accent colour: a light one refused with its contrast ratio, a dark one stored and served
  as /huisstijl.css.
"""
import re
from datetime import date

import pytest

from forms.settings import TermsForm
from klachtenloket.domain.organisation import load_preset
from klachtenloket.domain.roles import ADMINISTRATOR, COORDINATOR
from klachtenloket.models import AuditEntry, OrganisationConfig
from klachtenloket.services import configuration
from klachtenloket.services.deadlines import for_complaint
from tests.conftest import csrf_token
from tests.integration.helpers import error_summary, logged_in, make_staff, registered

pytestmark = pytest.mark.usefixtures("cheap_hashing")

TERMS = "/beheer/instellingen/termijnen"
PREVIEW = "/beheer/instellingen/termijnen/voorbeeld"
ORGANISATION = "/beheer/instellingen/organisatie"
LISTS = "/beheer/instellingen/lijsten"


@pytest.fixture
def admin(app):
    return logged_in(app, make_staff(ADMINISTRATOR))


def terms_data(**changes) -> dict:
    """The terms form as the preset fills it, with `changes`; the checkbox as a browser sends it."""
    values = TermsForm.initial(load_preset("wil-lekstroom")["procedure"])
    values.update(changes)
    if values.pop("atw_shift"):
        values["atw_shift"] = "y"
    return values


def post(client, url, data, lang="en"):
    page = client.get(f"{url}?lang={lang}")
    return client.post(url, data={**data, "csrf_token": csrf_token(page.text)})


def changes() -> tuple[int, int]:
    return (OrganisationConfig.select().count(),
            AuditEntry.select().where(AuditEntry.action == configuration.CHANGED).count())


# --- terms ---------------------------------------------------------------------------------------

def test_the_terms_page_shows_the_terms_that_apply(admin):
    page = admin.get(TERMS + "?lang=en")
    assert page.status_code == 200
    assert re.search(r'id="decision_amount"[^>]*value="6"|value="6"[^>]*id="decision_amount"',
                     page.text)
    assert '<option value="weeks" selected>' in page.text


def test_saving_the_terms_stores_the_whole_configuration_audited(admin):
    response = post(admin, TERMS, terms_data(decision_amount="8", closed_days="31-12-2026\n"
                                                                           "2026-12-24"))
    assert response.status_code == 303 and response.headers["Location"] == TERMS
    assert changes() == (1, 1)
    stored = configuration.stored()
    assert stored["procedure"]["decision"] == "8 weeks"
    assert stored["procedure"]["closed_days"] == ["2026-12-24", "2026-12-31"]
    assert stored["organisation"]["name"] == "Werk en Inkomen Lekstroom", "the rest is kept"
    entry = AuditEntry.get(AuditEntry.action == configuration.CHANGED)
    assert entry.detail == "settings: terms" and entry.staff_name == "Test administrator"
    assert "Saved" in admin.get(TERMS + "?lang=en").text


def test_a_term_switched_off_is_stored_as_no_term(admin):
    post(admin, TERMS, terms_data(first_contact_desk_unit="off", callback_unit="off",
                                  atw_shift=False))
    procedure = configuration.stored()["procedure"]
    assert "desk" not in procedure["first_contact"] and procedure["callback"] is None
    assert procedure["atw_shift"] is False


@pytest.mark.parametrize("fields, field_id, message", [
    ({"decision_amount": "zes"}, "decision_amount", "Enter a whole number, like 6"),
    ({"decision_amount": ""}, "decision_amount", "Enter a number, or choose “no term”"),
    ({"extension_amount": "999"}, "extension_amount", "Enter a number from 0 to 365"),
    ({"extension_unit": "working_days"}, "extension_unit",
     "count both in working days, or both in weeks or calendar days"),
    ({"decision_unit": "off"}, "extension_unit", "An extension needs a decision term"),
    ({"closed_days": "31-12-2026\n31-02-2026\nmorgen"}, "closed_days",
     "Lines 2 (“31-02-2026”), 3 (“morgen”) are not dates"),
])
def test_refused_terms_store_nothing_and_keep_what_was_typed(admin, fields, field_id, message):
    response = post(admin, TERMS, terms_data(**fields))
    assert response.status_code == 200
    summary = error_summary(response.text)
    assert message in summary and f'href="#{field_id}"' in response.text
    assert changes() == (0, 0)
    for value in fields.values():
        if value not in ("", "off", "working_days"):
            assert value.split("\n")[-1] in response.text, "what was typed stays"


def test_refused_terms_are_said_in_dutch(admin):
    response = post(admin, TERMS, terms_data(decision_unit="off"), lang="nl")
    assert "Een verlenging heeft een termijn voor de beslissing nodig" in error_summary(
        response.text)


def test_an_expired_token_keeps_everything_typed(admin):
    admin.get(TERMS + "?lang=en")
    response = admin.post(TERMS, data={**terms_data(decision_amount="7"), "csrf_token": "old"})
    assert response.status_code == 400
    assert "open for a long time" in error_summary(response.text)
    assert re.search(r'id="decision_amount"[^>]*value="7"', response.text)
    assert changes() == (0, 0)


def test_a_complaint_keeps_its_terms_and_a_new_one_gets_the_new_ones(app, admin):
    coordinator = make_staff(COORDINATOR)
    before = registered(app, coordinator, received_on=date(2026, 2, 20))
    old = {d.name: d.due for d in for_complaint(before)}
    assert old["decision"] == date(2026, 4, 7)     # the worked example of domain section 2

    assert post(admin, TERMS, terms_data(decision_amount="8",
                                         first_contact_phone_amount="3")).status_code == 303

    assert {d.name: d.due for d in for_complaint(before)} == old
    after = registered(app, coordinator, received_on=date(2026, 2, 20))
    new = {d.name: d.due for d in for_complaint(after)}
    assert new["decision"] == date(2026, 4, 17)    # 8 weeks: Friday 17 April
    assert new["first_contact"] == date(2026, 2, 25)   # 3 working days from Friday 20 February


# --- the preview --------------------------------------------------------------------------------

def preview_dates(html: str) -> list[str]:
    return re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})">', html)


@pytest.mark.parametrize("channel", ["web", "phone", "letter"])
def test_the_preview_shows_what_flask_deadlines_prints(admin, runner, channel):
    printed = runner.invoke(args=["deadlines", "--preset", "wil-lekstroom",
                                  "--received", "2026-02-20", "--channel", channel])
    assert printed.exit_code == 0, printed.output
    expected = [line.split(": ")[1] for line in printed.output.splitlines()]

    page = admin.get(f"{PREVIEW}?received=20-02-2026&channel={channel}&lang=en")
    assert page.status_code == 200
    assert preview_dates(page.text) == expected
    # The worked example: six weeks end on Good Friday, Easter Monday follows: Tuesday 7 April.
    assert "Tuesday, April 7, 2026" in page.text and "6 weeks after receipt" in page.text


def test_the_preview_uses_the_saved_terms(admin):
    post(admin, TERMS, terms_data(decision_amount="8"))
    page = admin.get(f"{PREVIEW}?received=2026-02-20&channel=web&lang=nl")
    assert "2026-04-17" in preview_dates(page.text)
    assert "vrijdag 17 april 2026" in page.text


def test_the_terms_page_tries_the_typed_terms_without_saving(admin):
    response = post(admin, TERMS, terms_data(decision_amount="8", try_received="20-02-2026",
                                             try_channel="letter", action="preview"))
    assert response.status_code == 200
    tried = response.text[response.text.index('id="tried"'):]
    assert "2026-04-17" in preview_dates(tried), "the decision after the 8 weeks typed"
    assert "2026-04-07" not in preview_dates(tried)
    assert re.search(r'id="decision_amount"[^>]*value="8"', response.text), "the form keeps it"
    assert changes() == (0, 0)

    wrong = post(admin, TERMS, terms_data(try_received="gisteren", action="preview"))
    assert "Enter the date like 20-02-2026" in error_summary(wrong.text)
    saved = post(admin, TERMS, terms_data(try_received="gisteren"))
    assert saved.status_code == 303, "the date to try is only checked when trying"


def test_the_preview_says_what_is_wrong_with_the_date(admin):
    page = admin.get(f"{PREVIEW}?received=30-02-2026&channel=web&lang=en")
    assert page.status_code == 200
    assert "Enter the date like 20-02-2026" in error_summary(page.text)
    assert 'value="30-02-2026"' in page.text and not preview_dates(page.text)


# --- the organisation and its colour ------------------------------------------------------------

ORG = {"name": "Werk en Inkomen Lekstroom", "short_name": "WIL",
       "website": "https://www.wil-lekstroom.nl", "objection_url": "https://www.wil-lekstroom.nl/bezwaar",
       "privacy_url": "https://www.wil-lekstroom.nl/privacy", "accent_colour": ""}


@pytest.mark.parametrize("lang, message", [
    ("en", "White text on this colour has a contrast of 2.91:1. It needs at least 4.5:1"),
    ("nl", "heeft een contrast van 2,91:1"),
])
def test_a_light_accent_colour_is_refused_with_its_contrast_ratio(admin, lang, message):
    response = post(admin, ORGANISATION, {**ORG, "accent_colour": "#4a9eda"}, lang=lang)
    assert response.status_code == 200
    assert message in error_summary(response.text)
    assert 'value="#4a9eda"' in response.text
    assert changes() == (0, 0)


def test_a_dark_accent_colour_is_stored_and_served_as_a_stylesheet(admin, client):
    response = post(admin, ORGANISATION, {**ORG, "accent_colour": "#1D4F91",
                                          "name": "WIL Lekstroom"})
    assert response.status_code == 303
    assert changes() == (1, 1)
    stored = configuration.stored()["organisation"]
    assert stored["accent_colour"] == "#1d4f91" and stored["name"] == "WIL Lekstroom"
    assert stored["objection_url"] == ORG["objection_url"]
    assert AuditEntry.get(AuditEntry.action == configuration.CHANGED).detail == \
        "settings: organisation"

    css = client.get("/huisstijl.css")
    assert css.status_code == 200 and css.mimetype == "text/css"
    assert "--accent: #1d4f91;" in css.text
    again = client.get("/huisstijl.css", headers={"If-None-Match": css.headers["ETag"]})
    assert again.status_code == 304
    start = client.get("/")
    assert 'href="/huisstijl.css?v=1d4f91"' in start.text and "WIL Lekstroom" in start.text


def test_without_an_accent_colour_pages_load_no_extra_stylesheet(client):
    assert "huisstijl" not in client.get("/").text
    assert "--accent" not in client.get("/huisstijl.css").text


@pytest.mark.parametrize("field, value, message", [
    ("name", "", "Enter the name of the organisation"),
    ("website", "www.example.nl", "Enter a web address that starts with https://"),
    ("accent_colour", "blue", "Enter a colour like #1d4f91"),
])
def test_refused_organisation_details_store_nothing(admin, field, value, message):
    response = post(admin, ORGANISATION, {**ORG, field: value})
    assert message in error_summary(response.text)
    assert changes() == (0, 0)


# --- lists --------------------------------------------------------------------------------------

def test_saving_the_lists_keeps_keys_and_makes_new_ones(admin):
    page = admin.get(LISTS + "?lang=en")
    assert "upheld: Gegrond" in page.text and "already_handled: Over deze" in page.text
    outcomes = ("upheld: Gegrond\npartly_upheld: Deels gegrond\nnot_upheld: Ongegrond\n"
                "Opgelost in overleg")
    grounds = "already_handled: Al eerder behandeld\nolder_than_a_year: Ouder dan een jaar"
    response = post(admin, LISTS, {"categories": "Bejegening\n\nWachttijd\n",
                                   "units": "Werk\nInkomen", "municipalities": "Houten",
                                   "outcomes": outcomes, "decline_grounds": grounds})
    assert response.status_code == 303
    data = configuration.stored()
    assert data["register"]["categories"] == ["Bejegening", "Wachttijd"]
    assert data["intake"]["units"] == ["Werk", "Inkomen"]
    assert [o["key"] for o in data["outcomes"]] == ["upheld", "partly_upheld", "not_upheld",
                                                     "opgelost_in_overleg"]
    assert data["outcomes"][1]["label"] == "Deels gegrond"
    assert data["decline_grounds"][0] == {"key": "already_handled",
                                          "label": "Al eerder behandeld",
                                          "article": "Awb 9:8(1)(a)"}, "the article is kept"
    assert AuditEntry.get(AuditEntry.action == configuration.CHANGED).detail == "settings: lists"


@pytest.mark.parametrize("field, value, message", [
    ("categories", "Werk\nwerk", "This is in the list more than once: “werk”"),
    ("outcomes", "", "Give at least one, one per line"),
    ("outcomes", "upheld: Gegrond\nupheld: Ook gegrond", "more than once: “upheld”"),
])
def test_refused_lists_store_nothing(admin, field, value, message):
    data = {"categories": "", "units": "", "municipalities": "", "outcomes": "upheld: Gegrond",
            "decline_grounds": "court: Rechter", field: value}
    response = post(admin, LISTS, data)
    assert message in error_summary(response.text)
    assert changes() == (0, 0)
