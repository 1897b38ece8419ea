"""The four shipped presets, each against its seed document (domain README §3).

Every expected date was worked out by hand from Python's `calendar.month(...)` and the Atw days
of domain §2: Good Friday 3 Apr 2026, Easter Monday 6 Apr 2026, King's Day Mon 27 Apr 2026,
5 May (every year), Ascension Thu 14 May 2026 + decree day Fri 15 May 2026, Christmas Fri 25 and
Sat 26 Dec 2026, New Year Fri 1 Jan 2027, Ascension Thu 6 May 2027 + decree day Fri 7 May 2027,
Christmas Wed 25 / Thu 26 Dec 2024 + decree day Fri 27 Dec 2024.
"""
import json
import os
import re
from datetime import date
from pathlib import Path

import pytest

from klachtenloket.domain.calendar import DEFAULT_CALENDAR, AtwCalendar, calendar_for
from klachtenloket.domain.organisation import (
    NATIONALE_OMBUDSMAN,
    AWB_DECLINE_GROUNDS, DEFAULT_OUTCOMES, Organisation, json_ready, load_preset, preset_names,
)
from klachtenloket.domain.terms import Procedure, Term, deadlines, procedure_calendar, term_end

PRESETS = ("bijstand-naar-werk", "ijmond-werkt", "wij-heemstede", "wil-lekstroom")
SEEDS = {   # which seed documents each preset rests on
    "wil-lekstroom": ("000", "002"),
    "bijstand-naar-werk": ("001",),
    "ijmond-werkt": ("003",),
    "wij-heemstede": ("004",),
}
# shared/ lies beside the work tree (also in CI's clone).
# The domain specification sits beside the checkout (../shared); a clone elsewhere can point
# KLACHTENLOKET_SEEDS at it. Without it, the seed-text checks are skipped with the reason.
SEEDS_DIR = Path(os.environ.get("KLACHTENLOKET_SEEDS", "")
                 or next((p / "shared" / "domain" / "seeds"
                          for p in (Path(__file__).resolve().parents[3], Path("/work"))
                          if (p / "shared" / "domain" / "seeds").is_dir()),
                         Path(__file__).resolve().parents[3] / "shared" / "domain" / "seeds"))


def org(name: str) -> Organisation:
    return Organisation.from_dict(load_preset(name))


def dates(name: str, received: date, channel: str = "web", extended: bool = True) -> dict:
    """{deadline name: date} from the engine the application uses."""
    procedure = org(name).procedure
    return {d.name: d.due for d in deadlines(received, procedure, channel, extended=extended)}


# --- the presets exist and are valid ------------------------------------------------------------

def test_the_four_presets_ship():
    assert preset_names() == list(PRESETS)


@pytest.mark.parametrize("name", PRESETS)
def test_preset_is_valid_and_survives_being_stored_as_json(name):
    data = load_preset(name)
    stored = json.loads(json.dumps(json_ready(data)))
    assert Organisation.from_dict(stored) == Organisation.from_dict(data)
    # The snapshot a complaint keeps reads back as the same procedure.
    procedure = org(name).procedure
    assert Procedure.from_dict(json.loads(json.dumps(procedure.to_dict()))) == procedure
    assert procedure.atw_shift, "the Atw applies to every term the system keeps (domain §2)"


# --- the terms, as each seed states them -----------------------------------------------------------

def test_wil_lekstroom_terms_seed_000_002():
    p = org("wil-lekstroom").procedure
    assert p.first_contact == {ch: Term(5, "working_days")
                               for ch in ("web", "phone", "letter", "email", "desk")}
    assert p.callback == Term(2, "working_days")
    assert (p.decision, p.extension) == (Term(6, "weeks"), Term(4, "weeks"))
    assert p.acknowledgement == Term(0, "days")              # "on receipt"
    assert p.decline_notice == Term(4, "weeks")              # Awb 9:8(3) default


def test_bijstand_naar_werk_terms_seed_001():
    p = org("bijstand-naar-werk").procedure
    assert p.acknowledgement == Term(2, "weeks")
    assert p.decline_notice == Term(4, "weeks")
    assert p.decision == Term(6, "weeks")
    assert p.extension == Term(4, "weeks")                   # "gemotiveerd verlengen": Awb length
    assert p.first_contact == {} and p.callback is None      # "het is mogelijk dat..." : no term


def test_ijmond_werkt_terms_seed_003():
    p = org("ijmond-werkt").procedure
    assert p.first_contact["web"] == p.first_contact["phone"] == Term(3, "working_days")
    assert p.first_contact["letter"] == Term(7, "working_days")
    assert p.decline_notice == Term(2, "weeks")
    assert p.decision == Term(4, "weeks")
    assert p.extension == Term(4, "weeks")                   # Awb 9:11(2) default
    assert p.acknowledgement is None                         # Awb 9:6: no term


def test_wij_heemstede_terms_seed_004():
    p = org("wij-heemstede").procedure
    assert p.acknowledgement == Term(1, "weeks")
    assert (p.decision, p.extension) == (Term(6, "weeks"), Term(4, "weeks"))
    assert p.decline_notice == Term(4, "weeks")              # Awb 9:8(3) default
    assert p.first_contact == {}                             # the one-week contact is the ack


# --- whole schedules on the README's worked example: Friday 20 February 2026, by letter ----------

@pytest.mark.parametrize("name, expected", [
    ("wil-lekstroom", {
        "acknowledgement": date(2026, 2, 20),     # 0 days: the day itself
        "first_contact": date(2026, 2, 27),       # Mon 23 .. Fri 27 Feb: 5 working days
        "decline_notice": date(2026, 3, 20),      # 4 weeks
        "decision": date(2026, 4, 7),             # Good Fri 3 Apr -> weekend -> Easter Mon -> Tue
        "extended_decision": date(2026, 5, 1),    # 10 weeks: Fri 1 May, a working day
    }),
    ("bijstand-naar-werk", {
        "acknowledgement": date(2026, 3, 6),      # 2 weeks
        "decline_notice": date(2026, 3, 20),
        "decision": date(2026, 4, 7),
        "extended_decision": date(2026, 5, 1),
    }),
    ("ijmond-werkt", {
        "first_contact": date(2026, 3, 3),        # 7 working days: Mon 23 .. Fri 27, Mon 2, Tue 3
        "decline_notice": date(2026, 3, 6),       # 2 weeks
        "decision": date(2026, 3, 20),            # 4 weeks
        "extended_decision": date(2026, 4, 17),   # 8 weeks
    }),
    ("wij-heemstede", {
        "acknowledgement": date(2026, 2, 27),     # 1 week
        "decline_notice": date(2026, 3, 20),
        "decision": date(2026, 4, 7),
        "extended_decision": date(2026, 5, 1),
    }),
])
def test_schedule_for_a_letter_received_20_february_2026(name, expected):
    result = dates(name, date(2026, 2, 20), "letter")
    assert result == expected
    assert list(result) == list(expected), "deadlines come in the engine's fixed order"


# --- working days across the holidays ----------------------------------------------------------

def test_working_days_across_easter():
    # Wed 1 Apr 2026. IJmond by web, 3 working days: Thu 2, (Good Fri, Easter Mon), Tue 7, Wed 8.
    assert dates("ijmond-werkt", date(2026, 4, 1), "web")["first_contact"] == date(2026, 4, 8)
    # By letter, 7: Thu 2, Tue 7, Wed 8, Thu 9, Fri 10, Mon 13, Tue 14.
    assert dates("ijmond-werkt", date(2026, 4, 1), "letter")["first_contact"] == date(2026, 4, 14)
    # WIL by phone on Thu 2 Apr: 5 working days -> Tue 7, Wed 8, Thu 9, Fri 10, Mon 13.
    assert dates("wil-lekstroom", date(2026, 4, 2), "phone")["first_contact"] == date(2026, 4, 13)
    # WIL's call-back, requested Thu 2 Apr: 2 working days -> Tue 7, Wed 8.
    p = org("wil-lekstroom").procedure
    assert term_end(date(2026, 4, 2), p.callback, procedure_calendar(p)) == date(2026, 4, 8)


def test_working_days_across_kings_day_and_fifth_of_may():
    # Fri 24 Apr 2026, IJmond by web: (King's Day Mon 27) Tue 28, Wed 29, Thu 30.
    assert dates("ijmond-werkt", date(2026, 4, 24), "web")["first_contact"] == date(2026, 4, 30)
    # By letter: Tue 28, Wed 29, Thu 30, Fri 1, Mon 4, (5 May) Wed 6, Thu 7 May.
    assert dates("ijmond-werkt", date(2026, 4, 24), "letter")["first_contact"] == date(2026, 5, 7)
    # WIL on Thu 23 Apr: Fri 24, (Mon 27) Tue 28, Wed 29, Thu 30, Fri 1 May.
    assert dates("wil-lekstroom", date(2026, 4, 23), "web")["first_contact"] == date(2026, 5, 1)


def test_working_days_across_christmas_and_new_year():
    # WIL on Mon 21 Dec 2026: Tue 22, Wed 23, Thu 24, (Christmas Fri 25, Sat 26) Mon 28, Tue 29.
    assert dates("wil-lekstroom", date(2026, 12, 21), "email")["first_contact"] == date(2026, 12, 29)
    # IJmond letter on Wed 23 Dec 2026: Thu 24, Mon 28, Tue 29, Wed 30, Thu 31, (New Year Fri 1 Jan)
    # Mon 4, Tue 5 Jan 2027.
    assert dates("ijmond-werkt", date(2026, 12, 23), "letter")["first_contact"] == date(2027, 1, 5)


# --- the Atw shift on each organisation's own terms --------------------------------------------

def test_atw_shift_over_easter():
    # Bijstand: Fri 20 Mar 2026 + 2 weeks = Good Friday 3 Apr -> Sat, Sun, Easter Mon -> Tue 7 Apr.
    assert dates("bijstand-naar-werk", date(2026, 3, 20))["acknowledgement"] == date(2026, 4, 7)
    # WIJ: Fri 27 Mar 2026 + 1 week = Good Friday -> Tue 7 Apr.
    assert dates("wij-heemstede", date(2026, 3, 27))["acknowledgement"] == date(2026, 4, 7)
    # Received on Saturday 7 Mar 2026: + 4 weeks = Sat 4 Apr -> Sun, Easter Mon -> Tue 7 Apr.
    assert dates("bijstand-naar-werk", date(2026, 3, 7))["decline_notice"] == date(2026, 4, 7)


def test_atw_shift_over_kings_day_and_fifth_of_may():
    # IJmond: Mon 13 Apr 2026 + 2 weeks = King's Day Mon 27 Apr -> Tue 28 Apr.
    assert dates("ijmond-werkt", date(2026, 4, 13))["decline_notice"] == date(2026, 4, 28)
    # IJmond: Tue 7 Apr 2026 + 4 weeks = Tue 5 May -> Wed 6 May.
    assert dates("ijmond-werkt", date(2026, 4, 7))["decision"] == date(2026, 5, 6)
    # WIJ: Tue 24 Mar 2026 + 6 weeks = Tue 5 May -> Wed 6 May; + 10 weeks = Tue 2 Jun, no shift.
    wij = dates("wij-heemstede", date(2026, 3, 24))
    assert (wij["decision"], wij["extended_decision"]) == (date(2026, 5, 6), date(2026, 6, 2))
    # Bijstand: Wed 24 Mar 2027 + 6 weeks = Wed 5 May 2027 -> Ascension Thu 6 -> decree day
    # Fri 7 -> weekend -> Mon 10 May 2027.
    assert dates("bijstand-naar-werk", date(2027, 3, 24))["decision"] == date(2027, 5, 10)


def test_atw_shift_over_christmas():
    # WIJ: Fri 18 Dec 2026 + 1 week = Christmas Fri 25 -> Sat 26, Sun 27 -> Mon 28 Dec.
    assert dates("wij-heemstede", date(2026, 12, 18))["acknowledgement"] == date(2026, 12, 28)
    # Bijstand: Wed 11 Dec 2024 + 2 weeks = Christmas Wed 25 -> Thu 26 -> decree day Fri 27 ->
    # weekend -> Mon 30 Dec 2024.
    assert dates("bijstand-naar-werk", date(2024, 12, 11))["acknowledgement"] == date(2024, 12, 30)


def test_a_preset_without_atw_shift_keeps_the_plain_end():
    data = load_preset("bijstand-naar-werk")
    data["procedure"]["atw_shift"] = False
    procedure = Organisation.from_dict(data).procedure
    due = {d.name: d.due for d in deadlines(date(2026, 3, 20), procedure, "web")}
    assert due["acknowledgement"] == date(2026, 4, 3)        # Good Friday itself


# --- closed days ---------------------------------------------------------------------------------

def with_closed_days(name: str, *days) -> Procedure:
    data = load_preset(name)
    data["procedure"]["closed_days"] = list(days)
    return Organisation.from_dict(data).procedure


def test_closed_days_are_skipped_when_counting_working_days():
    # WIL on Mon 21 Dec 2026, closed Thu 24 Dec: Tue 22, Wed 23, (24 closed, 25 Christmas)
    # Mon 28, Tue 29, Wed 30.
    procedure = with_closed_days("wil-lekstroom", date(2026, 12, 24))   # a TOML date
    due = {d.name: d.due for d in deadlines(date(2026, 12, 21), procedure, "web")}
    assert due["first_contact"] == date(2026, 12, 30)
    # The same as ISO text, as stored in JSON.
    assert with_closed_days("wil-lekstroom", "2026-12-24") == procedure


def test_a_closed_day_never_moves_the_end_of_a_term():
    # Thu 19 Nov 2026 + 6 weeks = Thu 31 Dec 2026, a closed day but no Atw day: it stays.
    procedure = with_closed_days("wij-heemstede", "2026-12-31")
    due = {d.name: d.due for d in deadlines(date(2026, 11, 19), procedure, "web")}
    assert due["decision"] == date(2026, 12, 31)


def test_closed_days_travel_in_the_complaint_snapshot():
    procedure = with_closed_days("ijmond-werkt", "2026-12-24", "2026-12-24", date(2026, 12, 28))
    snapshot = json.loads(json.dumps(procedure.to_dict()))
    assert snapshot["closed_days"] == ["2026-12-24", "2026-12-28"]   # sorted, no doubles
    stored = Procedure.from_dict(snapshot)
    assert stored.closed_days == (date(2026, 12, 24), date(2026, 12, 28))
    # IJmond web on Tue 22 Dec 2026: Wed 23, (24 closed, 25/26 Christmas, 28 closed) Tue 29, Wed 30.
    due = {d.name: d.due for d in deadlines(date(2026, 12, 22), stored, "web")}
    assert due["first_contact"] == date(2026, 12, 30)


def test_snapshot_without_closed_days_is_unchanged():
    # Complaints stored before closed days existed keep reading; none are written when empty.
    assert "closed_days" not in org("wil-lekstroom").procedure.to_dict()
    assert Procedure.from_dict({"decision": "6 weeks"}).closed_days == ()


def test_one_cached_calendar_without_closed_days():
    assert procedure_calendar(org("wil-lekstroom").procedure) is DEFAULT_CALENDAR
    assert calendar_for(()) is DEFAULT_CALENDAR
    closed = with_closed_days("wil-lekstroom", "2026-12-24")
    assert procedure_calendar(closed) is procedure_calendar(closed)   # cached too
    assert procedure_calendar(closed).closed_days == {date(2026, 12, 24)}
    # A calendar passed in keeps its own closed days and gains the procedure's.
    merged = procedure_calendar(closed, AtwCalendar(closed_days=[date(2026, 12, 31)]))
    assert merged.closed_days == {date(2026, 12, 24), date(2026, 12, 31)}


@pytest.mark.parametrize("value", ["2026-13-01", "24-12-2026", 20261224, "2026-12-24T10:00"])
def test_bad_closed_days_are_refused(value):
    with pytest.raises(ValueError, match="closed day"):
        Procedure.from_dict({"closed_days": [value]})


def test_closed_days_must_be_a_list():
    with pytest.raises(ValueError, match="list of dates"):
        Procedure.from_dict({"closed_days": "2026-12-24"})


# --- channels and contact data ---------------------------------------------------------------

def test_wil_channels():
    o = org("wil-lekstroom")
    phone = o.channel("phone")
    assert phone.value == "030 - 7022 330" and phone.callback
    assert [(h.days, h.opens, h.closes) for h in phone.hours] == [("mon-fri", "08:30", "12:30")]
    assert o.channel("letter").address == ()                 # the seed gives none
    assert not o.channel("email").value                      # nor an address
    assert o.second_line.kind == "ombudsman" and o.second_line.name == "Nationale ombudsman"


def test_bijstand_naar_werk_channels():
    o = org("bijstand-naar-werk")
    assert o.kind == "private"
    assert o.channel("phone").value == "06 20 76 36 88"
    assert o.channel("email").value == "info@bijstandnaarwerk.nl"
    assert o.channel("letter").address == ("Postbus 170", "5240 AD Rosmalen")
    assert o.channel("web") is None and o.channel("desk") is None


def test_ijmond_werkt_channels_and_intake():
    o = org("ijmond-werkt")
    assert o.channel("phone").value == "0251-279 080"
    assert o.channel("letter").address == ("Klachtenservice", "Stationsplein 48a",
                                           "1948 LC Beverwijk")
    assert o.channel("email") is None
    assert o.reply_by == ("letter", "phone")                 # an answer by letter or phone only
    assert o.on_behalf
    assert o.handling.handler == "manager"
    assert o.handling.decline_also_inform == ("coordinator",)


def test_wij_heemstede_channels_and_intake():
    o = org("wij-heemstede")
    assert o.kind == "foundation"
    phone = o.channel("phone")
    assert phone.value == "023-548 38 28"
    assert [(h.days, h.opens, h.closes) for h in phone.hours] == [
        ("mon-thu", "09:00", "16:00"), ("fri", "09:00", "13:00")]
    assert o.channel("email").value == "info@wijheemstede.nl"
    assert o.channel("letter").address == ("Herenweg 96", "2101 MP Heemstede")
    assert o.channel("desk").usable and "Herenweg 96" in o.channel("desk").address
    assert o.reply_by == ("letter", "email")                 # "schriftelijk antwoord"
    assert o.handling.handler == "named_person" and o.handling.names_handler


def _seed_text(name: str) -> str:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"the seed documents are not at {SEEDS_DIR}")
    text = " ".join(p.read_text() for prefix in SEEDS[name] for p in SEEDS_DIR.glob(f"{prefix}_*"))
    return " ".join(text.split())


@pytest.mark.parametrize("name", PRESETS)
def test_contact_data_comes_from_the_seed(name):
    """Never invented: every number, address line, e-mail address and site is in the seed."""
    o = org(name)
    seed = _seed_text(name)
    given = [o.second_line.phone, o.second_line.email, *o.second_line.address]
    urls = [o.website, o.objection_url, o.privacy_url, o.second_line.url]
    if o.second_line.kind == "ombudsman":
        # The national body's own details, the same for every public body (organisation.py).
        given, urls = [], urls[:3]
        assert (o.second_line.url, o.second_line.address) == (
            NATIONALE_OMBUDSMAN["url"], NATIONALE_OMBUDSMAN["address"])
    for channel in o.channels:
        given += [channel.value, *channel.address]
    for value in filter(None, given):
        assert " ".join(value.split()) in seed, f"{value!r} is not in the seed of {name}"
    for url in filter(None, urls):
        host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0]
        assert host in seed, f"{url!r} is not in the seed of {name}"


# --- intake, register, outcomes, decline grounds, second line ----------------------------------

def test_wil_units_categories_municipalities_seed_002():
    o = org("wil-lekstroom")
    assert o.units == ("Inkomen", "SHV", "Inkomensondersteuning", "Werk", "Bedrijfsvoering")
    assert o.categories == ("Bejegening", "Gebrekkige informatie / nalatigheid", "Afhandelingsduur")
    assert o.municipalities == ("IJsselstein", "Houten", "Nieuwegein", "Lopik")
    assert o.handling.about_coordinator == "concern_manager"


@pytest.mark.parametrize("name", ["bijstand-naar-werk", "ijmond-werkt", "wij-heemstede"])
def test_others_name_no_units(name):
    o = org(name)
    assert o.units == o.categories == o.municipalities == ()


def test_wil_outcome_labels_seed_002():
    assert [(o.key, o.label) for o in org("wil-lekstroom").outcomes] == [
        ("upheld", "Gegrond"), ("partly_upheld", "Gedeeltelijk gegrond"),
        ("not_upheld", "Ongegrond"), ("resolved_by_agreement", "Wederzijdse overeenstemming"),
        ("withdrawn", "Ingetrokken"), ("not_admissible", "Niet ontvankelijk")]


@pytest.mark.parametrize("name", PRESETS)
def test_outcomes_and_decline_grounds(name):
    o = org(name)
    assert o.outcomes == DEFAULT_OUTCOMES                    # WIL's own equal the default
    assert o.decline_grounds == AWB_DECLINE_GROUNDS          # no seed names another list
    assert o.decline_ground("older_than_a_year").article == "Awb 9:8(1)(b)"
    assert [g.article for g in o.decline_grounds] == [
        "Awb 9:8(1)(a)", "Awb 9:8(1)(b)", "Awb 9:8(1)(c)", "Awb 9:8(1)(d)", "Awb 9:8(1)(e)",
        "Awb 9:8(1)(f)", "Awb 9:8(2)"]


def test_bijstand_naar_werk_second_line_is_the_commissioning_party():
    second = org("bijstand-naar-werk").second_line
    assert second.kind == "commissioning_party"
    assert [(o.key, o.label) for o in second.options] == [
        ("employer", "Werkgever"), ("municipality", "Gemeente"), ("uwv", "UWV")]


def test_wij_heemstede_second_line_is_the_complaints_committee():
    second = org("wij-heemstede").second_line
    assert second.kind == "committee"
    assert second.address == ("Wij Heemstede", "t.a.v. Klachtencommissie", "Herenweg 96",
                              "2101 MP Heemstede")
    assert second.email == "info@wijheemstede.nl"


def test_ijmond_second_line_is_the_awb_default():
    second = org("ijmond-werkt").second_line
    assert (second.kind, second.name) == ("ombudsman", "Nationale ombudsman")


# --- the schema stays backward compatible and refuses nonsense ---------------------------------

FIRST_VERSION = {   # a configuration stored before outcomes, grounds, handling and closed days
    "organisation": {"name": "Gemeente Voorbeeld"},
    "channels": [{"kind": "phone", "value": "012-3456789"}],
    "procedure": {"decision": "6 weeks", "extension": "4 weeks"},
    "second_line": {"kind": "ombudsman", "name": "Nationale ombudsman"},
}


def test_a_first_version_configuration_still_reads():
    o = Organisation.from_dict(FIRST_VERSION)
    assert o.kind == "public" and o.reply_by == ("letter", "email", "phone")
    assert o.outcomes == DEFAULT_OUTCOMES and o.decline_grounds == AWB_DECLINE_GROUNDS
    assert o.handling.handler == "not_involved" and o.procedure.closed_days == ()


@pytest.mark.parametrize("change, message", [
    ({"organisation": {"name": "X", "kind": "church"}}, "organisation kind"),
    ({"intake": {"reply_by": ["fax"]}}, "reply_by option"),
    ({"intake": {"reply_by": []}}, "at least one"),
    ({"second_line": {"kind": "judge", "name": "X"}}, "second_line kind"),
    ({"second_line": {"kind": "commissioning_party", "name": "X"}}, "options"),
    ({"outcomes": [{"key": "a", "label": "A"}, {"key": "a", "label": "B"}]}, "more than once"),
    ({"outcomes": [{"key": "a"}]}, "a key and a label"),
    ({"outcomes": []}, "empty"),
    ({"decline_grounds": [{"key": "a", "label": "A", "law": "x"}]}, "unknown key"),
    ({"handling": {"handler": "nobody"}}, "handling.handler"),
    ({"handling": {"handlr": "manager"}}, "unknown handling key"),
])
def test_invalid_configuration_is_refused(change, message):
    with pytest.raises(ValueError, match=message):
        Organisation.from_dict({**FIRST_VERSION, **change})
