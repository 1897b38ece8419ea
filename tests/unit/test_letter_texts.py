"""The letters' texts (klachtenloket.services.letters.compose): every kind in every language
filled from the case; declined names its ground in words, the extension its new date, and the
decision — like declined — always the second line, whatever the organisation's own text says.

No database: an unsaved complaint and the organisation are handed in."""
import json
import logging
from datetime import date

import pytest

from klachtenloket.domain.organisation import Organisation, load_preset
from klachtenloket.domain.states import CaseState
from klachtenloket.models import Complaint
from klachtenloket.services import letters

RECEIVED = date(2026, 2, 20)        # the domain notes' worked example: decision Tue 7 April
DECIDED = {"outcome": "partly_upheld", "findings": "Wij spraken met de medewerker.",
           "measures": "De medewerker volgt een training."}
DECLINED = {"ground": "older_than_a_year", "reason": "Het gesprek was in maart 2024."}
EXTENDED = {"weeks": 4, "reason": "Wij wachten op de medewerker.", "on": "2026-03-30",
            "decision_due": "2026-04-07"}
PAYLOADS = {"acknowledgement": {}, "declined": DECLINED, "extended": EXTENDED,
            "decided": DECIDED}


def organisation(preset="wil-lekstroom", **changes) -> Organisation:
    data = load_preset(preset)
    data.update(changes)
    return Organisation.from_dict(data)


def complaint(language="nl", **values) -> Complaint:
    org = organisation()
    fields = {"reference": "KL-2026-00042", "received_on": RECEIVED, "channel": "web",
              "language": language, "name": "Fatima el Amrani", "street": "Dorpsstraat 1",
              "postcode": "3431 AB", "city": "Nieuwegein", "email": "fatima@example.nl",
              "description": "De medewerker aan de balie was onbeleefd.",
              "procedure_json": json.dumps(org.procedure.to_dict()), **values}
    return Complaint(**fields)


def compose(kind, language="nl", org=None, payload=None, **values):
    return letters.compose(complaint(language, **values), kind,
                           PAYLOADS[kind] if payload is None else payload,
                           org or organisation(), CaseState(state="in_handling"),
                           on=date(2026, 3, 30))


@pytest.mark.parametrize("language, received, greeting", [
    ("nl", "vrijdag 20 februari 2026", "Beste Fatima el Amrani,"),
    ("en", "Friday, February 20, 2026", "Dear Fatima el Amrani,"),
])
@pytest.mark.parametrize("kind", letters.KINDS)
def test_every_kind_renders_in_every_language_with_the_case(kind, language, received, greeting):
    letter = compose(kind, language)
    assert letter.body.startswith(greeting)
    for text in ("KL-2026-00042", received, "Werk en Inkomen Lekstroom"):
        assert text in letter.body, text
    assert "KL-2026-00042" in letter.subject
    assert "{" not in letter.body and "\n\n\n" not in letter.body
    assert letter.addressee == ["Fatima el Amrani", "Dorpsstraat 1", "3431 AB Nieuwegein"]
    assert letter.dated == date(2026, 3, 30) and letter.language == language
    if language == "nl":    # the fixed parts are Dutch too, not English left untranslated
        assert not any(word in letter.body for word in ("Dear", "Your complaint", "Phone:"))


def test_the_acknowledgement_says_what_it_is_about_and_the_dates_ahead():
    body = compose("acknowledgement").body
    assert "De medewerker aan de balie was onbeleefd." in body
    assert "Ons antwoord: uiterlijk dinsdag 7 april 2026" in body      # the decision term
    assert "Wij nemen contact met u op: uiterlijk vrijdag 27 februari 2026" in body


def test_a_representative_is_addressed_and_the_complainant_named():
    letter = compose("acknowledgement", filed_by="representative",
                     representative_name="Jan Hulp")
    assert letter.body.startswith("Beste Jan Hulp,")
    assert "namens Fatima el Amrani" in letter.body
    assert letter.addressee == ["Jan Hulp"], "the address held is the complainant's, not his"


def test_the_handler_signs_when_one_is_assigned(monkeypatch):
    monkeypatch.setattr(letters, "_handler_name", lambda handler: "Henk de Vries")
    letter = letters.compose(complaint(), "decided", DECIDED, organisation(),
                             CaseState(state="decided", handler=7))
    assert "Met vriendelijke groet,\n\nHenk de Vries\nWerk en Inkomen Lekstroom" in letter.body


@pytest.mark.parametrize("language, words", [
    ("nl", "De gedraging was meer dan een jaar voor het indienen van de klacht (Awb 9:8(1)(b))."),
    ("en", "The conduct took place more than a year before you made the complaint "
           "(Awb 9:8(1)(b))."),
])
def test_declined_names_the_ground_in_words_with_the_reason_and_the_second_line(language,
                                                                                 words):
    body = compose("declined", language).body
    assert words in body
    assert "Het gesprek was in maart 2024." in body
    assert "Nationale ombudsman\nPostbus 93122\n2509 AC Den Haag" in body


def test_an_organisations_own_ground_reads_as_its_label():
    org = organisation(decline_grounds=[{"key": "no_client", "label": "U bent geen klant"}])
    body = compose("declined", org=org, payload={"ground": "no_client", "reason": "x"}).body
    assert "U bent geen klant." in body


@pytest.mark.parametrize("weeks, new_date", [
    (4, "vrijdag 1 mei 2026"),       # ten weeks after Friday 20 February
    (2, "vrijdag 17 april 2026"),    # eight weeks: the weeks staff chose, not the longest
])
def test_the_extension_states_the_old_and_the_new_date_and_the_reason(weeks, new_date):
    body = compose("extended", payload={**EXTENDED, "weeks": weeks}).body
    assert "uiterlijk dinsdag 7 april 2026 antwoord" in body
    assert f"U krijgt uiterlijk {new_date} ons antwoord." in body
    assert f"{weeks} weken langer" in body
    assert "Wij wachten op de medewerker." in body


def test_the_extension_counts_suspended_days_too():
    letter = letters.compose(complaint(), "extended", EXTENDED, organisation(),
                             CaseState(state="in_handling", suspended_days=7))
    assert "vrijdag 8 mei 2026" in letter.body


@pytest.mark.parametrize("language, outcome", [
    ("nl", "Uw klacht is gedeeltelijk gegrond."),
    ("en", "Your complaint is partly upheld."),
])
def test_the_decision_gives_findings_outcome_in_words_and_measures(language, outcome):
    body = compose("decided", language).body
    for text in (outcome, DECIDED["findings"], DECIDED["measures"]):
        assert text in body


def test_the_decision_leaves_out_measures_when_there_are_none():
    body = compose("decided", payload={**DECIDED, "measures": ""}).body
    assert "Wat wij gaan doen" not in body


OMBUDSMAN = ("Nationale ombudsman", "Postbus 93122", "2509 AC Den Haag", "0800 33 55 555",
             "https://www.nationaleombudsman.nl", "binnen een jaar")


@pytest.mark.parametrize("own_text", [
    None,
    "Beste {{ name }},\n\nUw klacht is klaar. Groet, {{ organisation }}",   # the ombudsman left out
])
def test_the_decision_always_names_the_second_line_and_how_to_reach_it(own_text):
    org = organisation(letters={"decided": {"nl": own_text}} if own_text else {})
    body = compose("decided", org=org).body
    if own_text:
        assert "Uw klacht is klaar." in body, "the organisation's own text is used"
    for text in OMBUDSMAN:
        assert text in body, text
    assert body.rstrip().endswith("https://www.nationaleombudsman.nl"), "after the own text"


def test_the_second_line_is_the_organisations_own_when_it_has_one():
    committee = compose("decided", org=organisation("wij-heemstede")).body
    for text in ("onafhankelijke klachtencommissie van WIJ Heemstede", "t.a.v. Klachtencommissie",
                 "Herenweg 96", "E-mail: info@wijheemstede.nl"):
        assert text in committee, text
    assert "ombudsman" not in committee

    party = compose("decided", org=organisation("bijstand-naar-werk"),
                    payload={**DECIDED, "second_line": "uwv"}).body
    assert "opdrachtgever van Bijstand naar Werk" in party
    assert "Voor uw klacht is dat: UWV." in party


def test_an_override_is_preferred_nested_or_flat_per_kind_and_language():
    nested = organisation(letters={"extended": {"en": "Own English text"}})
    flat = organisation(**{"letters.extended.nl": "Eigen tekst"})
    assert letters.letter_template(nested, "extended", "en") == "Own English text"
    assert letters.letter_template(nested, "extended", "nl") == \
        letters.default_template("extended", "nl")
    assert letters.letter_template(flat, "extended", "nl") == "Eigen tekst"
    assert letters.letter_template(None, "decided", "fr") == \
        letters.default_template("decided", "nl"), "no template in a language: the Dutch one"


@pytest.mark.parametrize("broken", [
    "Beste {{ naam }},",                          # a placeholder that does not exist
    "Beste {{ name ",                             # a syntax error
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",  # reaching out of the sandbox
])
def test_an_override_that_does_not_render_falls_back_to_the_default(broken, caplog):
    org = organisation(letters={"decided": {"nl": broken}})
    with caplog.at_level(logging.WARNING, logger="klachtenloket.services.letters"):
        body = compose("decided", org=org).body
    assert body == compose("decided").body
    assert "does not render" in caplog.text
    assert letters.check_template(broken) is not None


def test_check_template_accepts_every_shipped_text():
    for kind in letters.KINDS:
        for language in ("nl", "en"):
            assert letters.check_template(letters.default_template(kind, language)) is None
