"""`preset list`, `preset load` and `deadlines`, on SQLite and PostgreSQL.

Dates: see tests/unit/test_presets.py (hand-checked against Python's calendar and domain §2).
"""
import json
import re
from datetime import date

import pytest

from klachtenloket.domain.organisation import Organisation, load_preset
from klachtenloket.models import Complaint, OrganisationConfig
from tests.integration.helpers import choose_who, file_complaint

PRESETS = {
    "bijstand-naar-werk": "Bijstand naar Werk",
    "ijmond-werkt": "IJmond Werkt!",
    "wij-heemstede": "WIJ Heemstede",
    "wil-lekstroom": "Werk en Inkomen Lekstroom",
}


def lines(result) -> list[str]:
    return result.stdout.strip().splitlines()


# --- preset list -----------------------------------------------------------------------------------

def test_preset_list_names_each_preset_with_its_organisation(runner):
    result = runner.invoke(args=["preset", "list"])
    assert result.exit_code == 0, result.output
    listed = [line.split(None, 1) for line in lines(result)]
    assert listed == [[name, title] for name, title in PRESETS.items()]


# --- preset load -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PRESETS)
def test_preset_load_stores_a_new_configuration(runner, name):
    result = runner.invoke(args=["preset", "load", name])
    assert result.exit_code == 0, result.output
    assert f"Loaded preset {name}: {PRESETS[name]}" in result.output
    rows = list(OrganisationConfig.select())
    assert len(rows) == 1
    stored = Organisation.from_dict(json.loads(rows[0].data_json))
    assert stored == Organisation.from_dict(load_preset(name))


def test_preset_load_prints_what_it_loaded(runner):
    result = runner.invoke(args=["preset", "load", "ijmond-werkt"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "phone 0251-279 080" in out
    assert "first contact: web 3 working_days, phone 3 working_days, letter 7 working_days" in out
    assert "decline notice: 2 weeks" in out and "decision: 4 weeks, extension: 4 weeks" in out
    assert "answer by: letter, phone" in out
    assert "second line: Nationale ombudsman (ombudsman)" in out


def test_the_newest_load_wins(runner):
    for name in ("wij-heemstede", "bijstand-naar-werk"):
        assert runner.invoke(args=["preset", "load", name]).exit_code == 0
    assert OrganisationConfig.select().count() == 2
    newest = OrganisationConfig.select().order_by(OrganisationConfig.id.desc()).first()
    assert json.loads(newest.data_json)["organisation"]["name"] == "Bijstand naar Werk"


def test_preset_load_of_an_unknown_name_names_the_known_ones(runner):
    result = runner.invoke(args=["preset", "load", "gemeente-nergens"])
    assert result.exit_code == 2
    assert "no preset 'gemeente-nergens'" in result.output
    for name in PRESETS:
        assert name in result.output
    assert OrganisationConfig.select().count() == 0


def test_preset_load_refuses_an_invalid_preset(runner, monkeypatch):
    broken = load_preset("wil-lekstroom")
    broken["second_line"]["kind"] = "judge"
    monkeypatch.setattr("klachtenloket.cli.presets.load_preset", lambda name: broken)
    result = runner.invoke(args=["preset", "load", "wil-lekstroom"])
    assert result.exit_code == 1
    assert "not valid" in result.output and "second_line kind" in result.output
    assert OrganisationConfig.select().count() == 0


def test_preset_load_stores_closed_days_as_json(runner, monkeypatch):
    data = load_preset("wil-lekstroom")
    data["procedure"]["closed_days"] = [date(2026, 12, 24)]     # as TOML gives a bare date
    monkeypatch.setattr("klachtenloket.cli.presets.load_preset", lambda name: data)
    result = runner.invoke(args=["preset", "load", "wil-lekstroom"])
    assert result.exit_code == 0, result.output
    assert "closed days: 2026-12-24" in result.output
    stored = json.loads(OrganisationConfig.get().data_json)
    assert stored["procedure"]["closed_days"] == ["2026-12-24"]


# --- what the resident sees -----------------------------------------------------------------------

def test_preset_load_changes_the_start_page(runner, client):
    before = client.get("/").text
    assert "Werk en Inkomen Lekstroom" in before and "030 - 7022 330" in before

    assert runner.invoke(args=["preset", "load", "wij-heemstede"]).exit_code == 0
    page = client.get("/").text
    assert "Werk en Inkomen Lekstroom" not in page and "030 - 7022 330" not in page
    assert "WIJ Heemstede" in page
    assert 'href="tel:0235483828"' in page
    assert "info@wijheemstede.nl" in page and "Receptie Wij de Luifel" in page
    assert "Binnen 6 weken krijgt u ons antwoord op schrift." in page

    assert runner.invoke(args=["preset", "load", "ijmond-werkt"]).exit_code == 0
    page = client.get("/").text
    assert "IJmond Werkt!" in page and "WIJ Heemstede" not in page
    assert "Stationsplein 48a" in page
    assert "Binnen 3 werkdagen nemen wij contact met u op" in page
    assert "Binnen 4 weken krijgt u ons antwoord op schrift." in page


def test_the_form_offers_only_the_presets_ways_to_answer(runner, client):
    assert runner.invoke(args=["preset", "load", "ijmond-werkt"]).exit_code == 0
    choose_who(client)
    page = client.get("/klacht/gegevens").text
    assert re.findall(r'name="reply_by" value="(\w+)"', page) == ["letter", "phone"]


def test_a_complaint_keeps_the_terms_it_was_received_under(runner, client, monkeypatch):
    # Received Thu 17 Dec 2026 under WIL: first contact 5 working days = Thu 24 Dec; decline
    # notice 4 weeks = Thu 14 Jan 2027; decision 6 weeks = Thu 28 Jan 2027. IJmond's would be
    # first contact Tue 22 Dec (3 working days) and decline notice Thu 31 Dec (2 weeks).
    monkeypatch.setattr("views.public.today", lambda: date(2026, 12, 17))
    _confirmation, link = file_complaint(client)
    complaint = Complaint.get()
    wil = Organisation.from_dict(load_preset("wil-lekstroom")).procedure.to_dict()
    assert complaint.procedure == wil

    assert runner.invoke(args=["preset", "load", "ijmond-werkt"]).exit_code == 0
    page = client.get(link).text
    assert "IJmond Werkt!" in page                      # the portal is IJmond's now...
    for shown in ("24 december 2026", "14 januari 2027", "28 januari 2027"):
        assert shown in page                            # ...this complaint keeps WIL's terms
    for not_shown in ("22 december 2026", "31 december 2026"):
        assert not_shown not in page
    assert Complaint.get().procedure == wil

    # A complaint filed now gets IJmond's terms.
    client.get("/")
    file_complaint(client, reply_by="phone")
    newest = Complaint.select().order_by(Complaint.id.desc()).first()
    assert newest.procedure["decision"] == "4 weeks"
    assert newest.procedure["first_contact"]["letter"] == "7 working_days"


@pytest.mark.parametrize("name", PRESETS)
def test_demo_data_loads_on_top_of_any_preset(runner, name):
    assert runner.invoke(args=["preset", "load", name]).exit_code == 0
    result = runner.invoke(args=["demo-data", "--count", "6"])
    assert result.exit_code == 0, result.output
    org = Organisation.from_dict(load_preset(name))
    complaints = list(Complaint.select())
    assert len(complaints) == 6
    for complaint in complaints:
        assert complaint.unit in (org.units or ("",))
        assert complaint.reply_by in org.reply_by
        assert complaint.procedure == org.procedure.to_dict()
    if org.units:
        assert {c.unit for c in complaints} <= set(org.units)
        assert all(c.unit for c in complaints)


# --- deadlines ------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    (["--preset", "ijmond-werkt", "--received", "2026-02-20", "--channel", "letter"], [
        "first_contact: 2026-03-03", "decline_notice: 2026-03-06", "decision: 2026-03-20",
        "extended_decision: 2026-04-17"]),
    (["--preset", "bijstand-naar-werk", "--received", "2026-02-20"], [
        "acknowledgement: 2026-03-06", "decline_notice: 2026-03-20", "decision: 2026-04-07",
        "extended_decision: 2026-05-01"]),
    (["--preset", "wij-heemstede", "--received", "2026-03-24", "--channel", "email"], [
        "acknowledgement: 2026-03-31", "decline_notice: 2026-04-21", "decision: 2026-05-06",
        "extended_decision: 2026-06-02"]),
    # WIL by phone on Thu 2 Apr 2026: first contact over Easter Mon 13 Apr; decision 14 May is
    # Ascension, 15 May a decree day -> Mon 18 May; 10 weeks = Thu 11 Jun; call-back Wed 8 Apr.
    (["--preset", "wil-lekstroom", "--received", "2026-04-02", "--channel", "phone"], [
        "acknowledgement: 2026-04-02", "first_contact: 2026-04-13", "decline_notice: 2026-04-30",
        "decision: 2026-05-18", "extended_decision: 2026-06-11", "callback: 2026-04-08"]),
])
def test_deadlines_of_a_preset(runner, args, expected):
    result = runner.invoke(args=["deadlines", *args])
    assert result.exit_code == 0, result.output
    assert lines(result) == expected


def test_deadlines_without_preset_use_the_current_configuration(runner):
    # Nothing stored: the configured default preset (WIL). Web channel: no call-back line.
    result = runner.invoke(args=["deadlines", "--received", "2026-02-20"])
    assert lines(result) == [
        "acknowledgement: 2026-02-20", "first_contact: 2026-02-27", "decline_notice: 2026-03-20",
        "decision: 2026-04-07", "extended_decision: 2026-05-01"]
    assert runner.invoke(args=["preset", "load", "ijmond-werkt"]).exit_code == 0
    result = runner.invoke(args=["deadlines", "--received", "2026-02-20", "--channel", "letter"])
    assert result.exit_code == 0, result.output
    assert lines(result)[0] == "first_contact: 2026-03-03"


@pytest.mark.parametrize("args, message", [
    (["--received", "2026-02-30"], "not a day in the calendar"),
    (["--received", "20-02-2026"], "YYYY-MM-DD"),
    (["--received", "tomorrow"], "YYYY-MM-DD"),
    (["--received", "2026-02-20", "--channel", "fax"], "'fax' is not one of"),
    (["--received", "2026-02-20", "--preset", "nergens"], "known presets: bijstand-naar-werk"),
    ([], "Missing option '--received'"),
])
def test_deadlines_bad_input_is_a_usage_error(runner, args, message):
    result = runner.invoke(args=["deadlines", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
