"""The register as open data (Woo): `flask export-register` and the readers' page give every
complaint received or handled in the period, as CSV and JSON, and nothing personal — not a
name, address, phone number, e-mail address or client number, wherever it was typed."""
import csv
import io
import json
import re
from datetime import date, datetime

import pytest

from tests.conftest import csrf_token
from tests.integration.helpers import logged_in, make_staff

pytestmark = pytest.mark.usefixtures("cheap_hashing")

# Planted in every personal field, the description, notes, findings, measures and the
# representative's fields: none of it may leave in an export.
PLANTED = {
    "name": "Zebedeus Quaxelbaum", "street": "Quaxelsteeg 77", "postcode": "9999 ZQ",
    "city": "Quaxeldorp", "phone": "06-9876 5432", "email": "zebedeus.quaxel@example.nl",
    "client_number": "QX-771199", "representative_name": "Ottoline Vrijbuiter",
    "representative_relation": "Buurvrouw Vrijbuiter", "representative_phone": "030 112 2334",
    "representative_email": "ottoline.vrijbuiter@example.nl",
    "employee_name": "Medewerker Pluimstaart",
}
TEXT = ("Zebedeus Quaxelbaum, Quaxelsteeg 77, 9999ZQ Quaxeldorp, tel. 0698765432, "
        "zebedeus.quaxel@example.nl, klantnummer QX-771199; namens hem Ottoline Vrijbuiter "
        "(030-1122334, ottoline.vrijbuiter@example.nl). Pluimstaart was onvriendelijk.")
# What must not appear, in any case or spacing.
WORDS = ("quaxel", "zebedeus", "vrijbuiter", "ottoline", "pluimstaart", "9999 zq", "9999zq",
         "771199", "@", "example.nl", "onvriendelijk")
DIGITS = ("0698765432", "0301122334", "771199")


def _received(app, coordinator, received_on, **fields):
    from klachtenloket.models import Complaint, Event
    from klachtenloket.services import intake
    from klachtenloket.web.organisation import current_organisation
    data = {**PLANTED, "filed_by": "representative", "consent": True, "reply_by": "phone",
            "description": TEXT, "desired_outcome": TEXT, "unit": "Werk",
            "event_date": received_on.isoformat(), **fields}
    with app.test_request_context():
        complaint = intake.register(data, current_organisation(), coordinator, "phone",
                                    received_on, date.today(), "nl",
                                    lambda c, t: []).complaint
    moment = datetime.combine(received_on, datetime.min.time().replace(hour=9))
    Complaint.update(received_at=moment).where(Complaint.id == complaint.id).execute()
    Event.update(at=moment).where(Event.complaint == complaint.id).execute()
    return complaint


def _handled(app, complaint, staff, on, outcome="upheld"):
    """Every step carries the planted text where a step has text."""
    from klachtenloket.services import casework
    from klachtenloket.web.organisation import current_organisation
    at = datetime.combine(on, datetime.min.time().replace(hour=12))
    with app.test_request_context():
        org = current_organisation()
        for kind, payload in (
                ("acknowledged", {}), ("note_added", {"text": TEXT}),
                ("classified", {"category": "Bejegening", "unit": "Werk",
                                "municipality": "Nieuwegein"}),
                ("procedure_chosen", {"procedure": "formal"}),
                ("decided", {"outcome": outcome, "findings": TEXT, "measures": TEXT,
                             "summary": TEXT})):
            casework.record(complaint, kind, payload, staff, org, at=at)
    try:
        from klachtenloket.models import Measure
    except ImportError:
        return
    Measure.create(complaint=complaint, text=TEXT)


@pytest.fixture
def register(app):
    """Four complaints around the year 2024: received before and handled in it, received
    and handled in it, received in it and still open, and one outside it."""
    coordinator = make_staff("coordinator")
    across = _received(app, coordinator, date(2023, 12, 4))
    _handled(app, across, coordinator, date(2024, 1, 10))
    inside = _received(app, coordinator, date(2024, 3, 5))
    _handled(app, inside, coordinator, date(2024, 3, 20), outcome="not_upheld")
    still_open = _received(app, coordinator, date(2024, 12, 20))
    outside = _received(app, coordinator, date(2023, 5, 1))
    _handled(app, outside, coordinator, date(2023, 5, 20))
    return {"across": across, "inside": inside, "open": still_open, "outside": outside,
            "coordinator": coordinator}


def _export(runner, fmt, tmp_path=None, start="2024-01-01", end="2024-12-31"):
    args = ["export-register", "--from", start, "--to", end, "--format", fmt]
    if tmp_path is None:
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
        return result.stdout
    target = tmp_path / f"register.{fmt}"
    result = runner.invoke(args=args + ["--output", str(target)])
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8")


def _csv_rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def assert_nothing_personal(text: str) -> None:
    lowered = " ".join(text.casefold().split())
    leaked = [word for word in WORDS if word in lowered]
    assert not leaked, f"personal data in the export: {leaked}"
    # Phone and client numbers, whatever their separators: per value, digits only.
    for value in re.findall(r"[\d][\d \-./()]*", text):
        digits = re.sub(r"\D", "", value)
        assert not any(number in digits for number in DIGITS), value


def test_the_csv_holds_every_complaint_received_or_handled_in_the_period(register, runner):
    rows = _csv_rows(_export(runner, "csv"))
    assert [row["reference"] for row in rows] == [
        register["across"].reference, register["inside"].reference, register["open"].reference]
    across = rows[0]
    assert across == {
        "reference": register["across"].reference, "received_on": "2023-12-04",
        "handled_on": "2024-01-10", "channel": "phone", "unit": "Werk",
        "category": "Bejegening", "municipality": "Nieuwegein", "procedure": "formal",
        "outcome": "upheld", "within_term": "yes", "measures": across["measures"]}
    assert across["measures"] in ("1", ""), "the number of measures, never their text"
    assert rows[2]["handled_on"] == "" and rows[2]["within_term"] == ""


def test_the_json_holds_the_same_rows_with_the_period(register, runner, tmp_path):
    document = json.loads(_export(runner, "json", tmp_path))
    assert (document["from"], document["to"]) == ("2024-01-01", "2024-12-31")
    assert document["columns"][:3] == ["reference", "received_on", "handled_on"]
    csv_rows = _csv_rows(_export(runner, "csv"))
    assert [row["reference"] for row in document["complaints"]] == \
        [row["reference"] for row in csv_rows]
    assert document["complaints"][1]["outcome"] == "not_upheld"


def test_a_withdrawn_complaint_says_so(app, runner):
    from klachtenloket.services import casework
    from klachtenloket.web.organisation import current_organisation
    coordinator = make_staff("coordinator")
    complaint = _received(app, coordinator, date(2024, 2, 1))
    with app.test_request_context():
        casework.record(complaint, "withdrawn", {"text": TEXT}, coordinator,
                        current_organisation(), at=datetime(2024, 2, 5, 10))
    [row] = _csv_rows(_export(runner, "csv"))
    assert (row["handled_on"], row["outcome"], row["within_term"]) == \
        ("2024-02-05", "withdrawn", "")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_no_planted_personal_data_reaches_the_command_line_export(register, runner, fmt,
                                                                   tmp_path):
    assert_nothing_personal(_export(runner, fmt))
    assert_nothing_personal(_export(runner, fmt, tmp_path))
    # The data really was there to leak: the complaint holds it.
    assert register["inside"].name == PLANTED["name"]


def _download(client, fmt, date_from="01-01-2024", date_to="31-12-2024"):
    page = client.get(f"/beheer/open-data?date_from={date_from}&date_to={date_to}")
    assert page.status_code == 200
    return client.post("/beheer/open-data/download", data={
        "date_from": date_from, "date_to": date_to, "format": fmt,
        "csrf_token": csrf_token(page.text)})


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_no_planted_personal_data_reaches_the_pages_download(app, register, fmt):
    reader = logged_in(app, make_staff("reader"))
    response = _download(reader, fmt)
    assert response.status_code == 200
    assert f'filename="klachtenregister-2024-01-01-2024-12-31.{fmt}"' in \
        response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    text = response.get_data(as_text=True)
    assert register["inside"].reference in text
    assert_nothing_personal(text)


def test_the_page_counts_the_period_and_each_download_is_audited(app, register):
    from klachtenloket.models import AuditEntry
    from klachtenloket.services import open_data
    coordinator = logged_in(app, register["coordinator"])
    page = coordinator.get("/beheer/open-data?date_from=01-01-2024&date_to=31-12-2024")
    assert "3 complaints in this period" in page.text or "3 klachten" in page.text
    assert _download(coordinator, "csv").status_code == 200
    entry = AuditEntry.select().where(AuditEntry.action == open_data.EXPORTED).get()
    assert entry.staff_id == register["coordinator"].id
    assert entry.detail == "csv 2024-01-01..2024-12-31"


def test_a_period_that_ends_before_it_starts_is_refused_with_the_reason(app):
    reader = logged_in(app, make_staff("reader"))
    page = reader.get("/beheer/open-data?date_from=31-12-2024&date_to=01-01-2024&lang=en")
    assert page.status_code == 200
    assert "The end date cannot be before the start date" in page.text
    assert "open-data/download" not in page.text


def test_a_download_needs_its_token_and_a_valid_period(app):
    reader = logged_in(app, make_staff("reader"))
    page_token = csrf_token(reader.get("/beheer/open-data").text)
    assert reader.post("/beheer/open-data/download", data={
        "date_from": "01-01-2024", "date_to": "31-12-2024", "format": "csv"}).status_code == 400
    assert reader.post("/beheer/open-data/download", data={
        "date_from": "01-01-2024", "date_to": "31-12-2024", "format": "xml",
        "csrf_token": page_token}).status_code == 400


def test_handlers_do_not_get_the_page(app):
    handler = logged_in(app, make_staff("handler"))
    assert handler.get("/beheer/open-data").status_code == 403


def test_rows_are_read_in_batches_and_none_is_lost(app):
    from klachtenloket.services import open_data
    coordinator = make_staff("coordinator")
    made = [_received(app, coordinator, date(2024, 1, day)).reference for day in range(2, 9)]
    assert [row["reference"] for row in open_data.rows(date(2024, 1, 1), date(2024, 1, 31),
                                                       batch=3)] == made


def test_the_command_refuses_a_period_that_ends_before_it_starts(runner):
    result = runner.invoke(args=["export-register", "--from", "2024-12-31", "--to",
                                 "2024-01-01"])
    assert result.exit_code == 2 and "before it starts" in result.output
