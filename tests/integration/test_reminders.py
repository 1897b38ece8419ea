"""The daily reminder to staff (`send-reminders`): who gets which complaints, overdue and due
soon apart, nothing to anyone with nothing due, once a day, in the staff member's language,
through the outbox — on SQLite and PostgreSQL."""
import re
import threading
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from klachtenloket.db import database
from klachtenloket.domain.roles import ADMINISTRATOR, COORDINATOR, HANDLER, READER
from klachtenloket.models import Complaint, OutboxMail, ReminderSent, Staff
from klachtenloket.services import casework, intake, reminders
from klachtenloket.web.organisation import current_organisation
from klachtenloket.web.staff_mail import reminder_mail
from tests.integration.helpers import make_staff

pytestmark = pytest.mark.usefixtures("cheap_hashing")

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONDAY = date(2026, 2, 23)
_numbers = iter(range(1, 100_000))


def add_complaint(due: date | None, state: str = "acknowledged", handler=None,
                  deadline: str = "decision", **values) -> str:
    """A complaint with its inbox projections set as casework would; returns its reference."""
    reference = f"KL-2026-{next(_numbers):05d}"
    values = {"name": "Inwoner", "description": "Te lang gewacht.", **values}
    Complaint.create(reference=reference, received_on=date(2026, 1, 5), state=state,
                     next_deadline=due, next_deadline_name=deadline if due else "",
                     handler_id=handler.id if handler else None, **values)
    return reference


def send_reminders(runner, day: date = MONDAY, *args: str):
    with time_machine.travel(datetime(day.year, day.month, day.day, 6, 30, tzinfo=AMSTERDAM),
                             tick=False):
        result = runner.invoke(args=["send-reminders", *args])
    assert result.exit_code == 0, result.output
    return result


def mails() -> dict[str, OutboxMail]:
    """The queued reminders by recipient (at most one each is expected)."""
    with database.connection_context():
        rows = list(OutboxMail.select().where(OutboxMail.kind == reminders.KIND))
    by_recipient = {m.recipient: m for m in rows}
    assert len(by_recipient) == len(rows), "one reminder per recipient"
    return by_recipient


def listed(body: str) -> list[str]:
    return re.findall(r"^- (KL-\d{4}-\d{5}):", body, re.M)


def section(body: str, heading: str) -> list[str]:
    """The references listed under a heading ("Te laat", "Loopt binnenkort af")."""
    match = re.search(rf"^{heading} \(\d+\)\n(.*?)(?:\n\n|\Z)", body, re.M | re.S)
    return listed(match.group(1)) if match else []


def test_a_handler_gets_their_own_and_each_coordinator_every_complaint(app, runner):
    make_staff(COORDINATOR, "corrie@example.nl", "Corrie Coördinator")
    make_staff(COORDINATOR, "cor@example.nl", "Cor Tweede")
    henk = make_staff(HANDLER, "henk@example.nl", "Henk Handel")
    hanna = make_staff(HANDLER, "hanna@example.nl", "Hanna Hulp")
    make_staff(HANDLER, "hugo@example.nl", "Hugo Niets")           # nothing assigned
    make_staff(READER, "rita@example.nl", "Rita Lezer")            # nothing assigned
    make_staff(ADMINISTRATOR, "bea@example.nl", "Bea Beheer")
    henks = add_complaint(MONDAY - timedelta(days=3), "in_handling", henk)
    hannas = add_complaint(MONDAY + timedelta(days=2), "in_handling", hanna)
    unassigned = add_complaint(MONDAY + timedelta(days=1), "received", deadline="acknowledgement")
    add_complaint(MONDAY + timedelta(days=30), "in_handling", henk)    # later: not yet
    add_complaint(MONDAY - timedelta(days=9), "decided", henk)         # decided: no deadline runs
    add_complaint(None, "withdrawn")

    result = send_reminders(runner)
    assert "Queued 4 reminder mail(s)" in result.output
    sent = mails()
    assert set(sent) == {"corrie@example.nl", "cor@example.nl", "henk@example.nl",
                         "hanna@example.nl"}
    assert listed(sent["henk@example.nl"].body) == [henks]
    assert listed(sent["hanna@example.nl"].body) == [hannas]
    everything = [henks, unassigned, hannas]        # the nearest deadline first
    assert listed(sent["corrie@example.nl"].body) == everything
    assert listed(sent["cor@example.nl"].body) == everything
    coordinators = sent["corrie@example.nl"].body
    assert "Behandelaar: Henk Handel" in coordinators and "Geen behandelaar" in coordinators
    assert "Behandelaar:" not in sent["henk@example.nl"].body, "a handler knows it is theirs"
    assert sent["corrie@example.nl"].body.startswith("Beste Corrie Coördinator,")


def test_a_manager_handling_a_complaint_about_the_coordinator_hears_of_it(app, runner):
    make_staff(COORDINATOR)
    manager = make_staff(READER, "manager@example.nl", "Mia Manager")
    theirs = add_complaint(MONDAY, "in_handling", manager)
    send_reminders(runner)
    sent = mails()
    assert listed(sent["manager@example.nl"].body) == [theirs]
    assert listed(sent["coordinator@example.nl"].body) == [theirs]


def test_overdue_and_due_soon_apart_and_later_left_out(app, runner):
    make_staff(COORDINATOR)
    yesterday = add_complaint(MONDAY - timedelta(days=1))
    today = add_complaint(MONDAY, deadline="first_contact")
    in_five = add_complaint(MONDAY + timedelta(days=5))
    in_six = add_complaint(MONDAY + timedelta(days=6))

    send_reminders(runner)
    mail = mails()["coordinator@example.nl"]
    assert section(mail.body, "Te laat") == [yesterday]
    assert section(mail.body, "Loopt binnenkort af") == [today, in_five]
    assert in_six not in mail.body, "5 calendar days by default"
    assert mail.subject == "Herinnering klachten: 1 te laat, 2 binnenkort"
    assert f"- {yesterday}: Afhandeling (Awb 9:11), zondag 22 februari 2026 (1 dag te laat)" \
        in mail.body
    assert f"- {today}: Eerste contact, maandag 23 februari 2026 (Vandaag de laatste dag)" \
        in mail.body
    assert f"- {in_five}: Afhandeling (Awb 9:11), zaterdag 28 februari 2026 " \
        "(Bijna te laat: nog 5 dagen)" in mail.body
    assert "uiterlijk op zaterdag 28 februari 2026." in mail.body


def test_days_can_be_set_and_counted_as_working_days(app, runner):
    make_staff(COORDINATOR)
    friday = date(2026, 2, 27)
    monday = add_complaint(friday + timedelta(days=3))
    tuesday = add_complaint(friday + timedelta(days=4))

    send_reminders(runner, friday, "--days", "1")
    assert mails() == {}, "one calendar day after Friday is Saturday"
    send_reminders(runner, friday, "--days", "1", "--working-days")
    assert listed(mails()["coordinator@example.nl"].body) == [monday]
    assert tuesday not in mails()["coordinator@example.nl"].body


def test_nobody_gets_a_mail_when_nothing_is_due(app, runner):
    make_staff(COORDINATOR)
    henk = make_staff(HANDLER)
    add_complaint(MONDAY + timedelta(days=20), "in_handling", henk)
    add_complaint(MONDAY - timedelta(days=2), "closed")
    result = send_reminders(runner)
    assert "Queued 0 reminder mail(s)" in result.output
    assert mails() == {}
    with database.connection_context():
        assert ReminderSent.select().count() == 0


def test_running_twice_on_a_day_queues_each_mail_once(app, runner):
    make_staff(COORDINATOR)
    henk = make_staff(HANDLER)
    add_complaint(MONDAY, "in_handling", henk)
    assert "Queued 2 reminder mail(s)" in send_reminders(runner).output
    again = send_reminders(runner)
    assert "Queued 0 reminder mail(s)" in again.output and "2 already queued today" in again.output
    assert len(mails()) == 2

    # Something new falls due the same day: still no second mail that day …
    add_complaint(MONDAY + timedelta(days=1))
    assert "Queued 0" in send_reminders(runner).output
    # … the next day everyone hears again.
    assert "Queued 2" in send_reminders(runner, MONDAY + timedelta(days=1)).output
    with database.connection_context():
        assert OutboxMail.select().count() == 4


def test_two_runs_at_once_queue_each_mail_once(app):
    make_staff(COORDINATOR)
    for n in range(3):
        make_staff(HANDLER, f"handler{n}@example.nl", f"Handler {n}")
    for member in Staff.select().where(Staff.role == HANDLER):
        add_complaint(MONDAY - timedelta(days=1), "in_handling", member)
    errors, results, barrier = [], [], threading.Barrier(2)

    def run():
        try:
            with app.test_request_context(), database.connection_context():
                barrier.wait()
                results.append(reminders.queue(MONDAY, MONDAY + timedelta(days=5), reminder_mail))
        except Exception as exc:  # noqa: BLE001 — collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(r.queued for r in results) == 4 and sum(r.already for r in results) == 4
    assert len(mails()) == 4


def test_inactive_staff_get_nothing(app, runner):
    make_staff(COORDINATOR)
    gone = make_staff(COORDINATOR, "gone@example.nl", "Oud Coördinator")
    henk = make_staff(HANDLER)
    add_complaint(MONDAY - timedelta(days=1), "in_handling", henk)
    with database.connection_context():
        Staff.update(active=False).where(Staff.id.in_([gone.id, henk.id])).execute()
    send_reminders(runner)
    assert set(mails()) == {"coordinator@example.nl"}, "the coordinator still hears of it"


def test_the_mail_names_the_reference_and_links_to_the_complaint_but_not_the_complainant(
        app, runner):
    make_staff(COORDINATOR)
    reference = add_complaint(MONDAY, name="Fatima el Amrani", email="fatima@example.nl",
                              phone="06 12345678", street="Dorpsstraat 1", city="Nieuwegein",
                              description="De medewerker aan de balie was onbeleefd.",
                              employee_name="Mevrouw Jansen")
    send_reminders(runner)
    mail = mails()["coordinator@example.nl"]
    assert f"http://klachten.test/beheer/klachten/{reference}" in mail.body
    for private in ("Fatima", "fatima@", "06 12345678", "Dorpsstraat", "Nieuwegein",
                    "onbeleefd", "Jansen"):
        assert private not in mail.body and private not in mail.subject
    assert mail.complaint_id is None


def test_dutch_by_default_and_the_staff_members_language_when_accounts_have_one(
        app, runner, monkeypatch):
    make_staff(COORDINATOR, name="Corrie")
    add_complaint(MONDAY - timedelta(days=2))
    send_reminders(runner)
    dutch = mails()["coordinator@example.nl"]
    assert dutch.subject.startswith("Herinnering klachten")
    assert "Beste Corrie," in dutch.body and "2 dagen te laat" in dutch.body

    with database.connection_context():
        OutboxMail.delete().execute()
        ReminderSent.delete().execute()
    # Accounts carry no language yet; once they do, the mail follows it.
    monkeypatch.setattr(Staff, "language", "en", raising=False)
    send_reminders(runner)
    english = mails()["coordinator@example.nl"]
    assert english.subject == "Complaints reminder: 1 overdue, 0 due soon"
    assert "Dear Corrie," in english.body
    assert "Decision (Awb 9:11), Saturday, February 21, 2026 (Overdue by 2 days)" in english.body


def test_a_complaint_assigned_through_casework_reaches_its_handler(app, runner):
    coordinator = make_staff(COORDINATOR)
    handler = make_staff(HANDLER)
    received = MONDAY - timedelta(weeks=6)
    data = {"name": "Piet Bellen", "phone": "06 87654321", "reply_by": "phone",
            "description": "Ik werd niet teruggebeld."}
    with app.test_request_context():
        complaint = intake.register(data, current_organisation(), coordinator, "phone", received,
                                    received, "nl", lambda complaint, token: []).complaint
    casework.record(complaint, "acknowledged", {"on": received}, coordinator)
    casework.record(complaint, "first_contact_made", {}, coordinator)
    casework.record(complaint, "assigned", {"handler": handler.id}, coordinator)
    send_reminders(runner)
    body = mails()["handler@example.nl"].body
    assert listed(body) == [complaint.reference] and "Afhandeling (Awb 9:11)" in body


def test_the_command_needs_public_url_for_its_links(app, runner):
    make_staff(COORDINATOR)
    add_complaint(MONDAY)
    app.config["PUBLIC_URL"] = ""
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 1 and "PUBLIC_URL" in result.output
    assert mails() == {}


def test_send_mail_delivers_the_reminder(app, runner, smtp_server):
    make_staff(COORDINATOR)
    add_complaint(MONDAY)
    send_reminders(runner)
    app.config["MAIL_HOST"], app.config["MAIL_PORT"] = "127.0.0.1", smtp_server.port
    assert runner.invoke(args=["send-mail"]).output.strip() == "sent 1, to retry 0, failed 0"
    (message,) = smtp_server.messages
    assert message["To"] == "coordinator@example.nl"
    assert message["Subject"] == "Herinnering klachten: 0 te laat, 1 binnenkort"
