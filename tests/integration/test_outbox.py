"""The mail outbox against a real SMTP server (aiosmtpd), on SQLite and on PostgreSQL.

Every test talks SMTP over a socket: nothing in smtplib or the outbox is mocked.
"""
import asyncio
import socket
import threading
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from email import message_from_bytes
from email.utils import parseaddr

import pytest
import time_machine
from aiosmtpd.controller import Controller

from klachtenloket.db import database
from klachtenloket.models import Complaint, Event, OutboxMail
from klachtenloket.models.base import utcnow
from klachtenloket.services import intake, outbox
from klachtenloket.web.mail import acknowledgement_mails
from klachtenloket.web.organisation import current_organisation

SENDER = "klachten@gemeente.test"


# --- a real SMTP server we can stop, restart and make refuse ----------------------------------

class Recorder:
    """aiosmtpd handler: keeps what arrived; refuses recipients listed in `refuse`."""

    def __init__(self, refuse=None, delay=0.0):
        self.refuse = dict(refuse or {})  # address -> SMTP reply, e.g. "550 no such user"
        self.refuse_sender = ""  # a reply to MAIL FROM, e.g. "451 try later"
        self.delay = delay
        self.rcpt_attempts = Counter()
        self.messages = []

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.refuse_sender:
            return self.refuse_sender
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.rcpt_attempts[address] += 1
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)  # a slow server widens the window for races
        msg = message_from_bytes(envelope.original_content or envelope.content)
        msg["X-RcptTo"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(msg)
        return "250 Message accepted for delivery"


class BoundController(Controller):
    """aiosmtpd on port 0 (a free port); `.port` is the bound port once started."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()

    @property
    def running(self):
        return self._thread is not None


@pytest.fixture
def smtp():
    """start(handler, port=0) -> a running server; every server still running is stopped."""
    started = []

    def start(handler, port=0):
        controller = BoundController(handler, hostname="127.0.0.1", port=port)
        controller.start()
        controller.messages = handler.messages
        started.append(controller)
        return controller

    yield start
    for controller in started:
        if controller.running:
            controller.stop()


def closed_port() -> int:
    """A port nobody listens on: bound by us a moment ago, then released."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def settings(port, **kwargs) -> outbox.SmtpSettings:
    kwargs.setdefault("timeout", 5.0)
    return outbox.SmtpSettings(host="127.0.0.1", port=port, sender=SENDER, **kwargs)


# --- data ---------------------------------------------------------------------------------------

@pytest.fixture
def db(app):
    # Not connection_context(): a request context's teardown closes the connection, and
    # peewee reconnects on the next query.
    database.connect(reuse_if_open=True)
    yield
    if not database.is_closed():
        database.close()


_keys = iter(range(10**6))


def submit(app, email="resident@example.org", representative_email="", name="A. de Vries"):
    """A complaint through the real intake, acknowledgement mails rendered by the web layer."""
    data = {"filed_by": "representative" if representative_email else "self", "name": name,
            "email": email, "representative_name": "R. Helper" if representative_email else "",
            "representative_email": representative_email, "reply_by": "email",
            "description": "Ik heb drie keer gebeld en niemand belde terug.",
            "desired_outcome": "Excuses", "event_date": ""}
    with app.test_request_context(), database.connection_context():
        submitted = intake.submit(f"draft-{next(_keys)}", data, current_organisation(), "nl",
                                  date.today(), acknowledgement_mails)
    assert submitted.created
    return Complaint.get_by_id(submitted.complaint.id)


def mail_for(complaint) -> OutboxMail:
    (row,) = OutboxMail.select().where(OutboxMail.complaint == complaint)
    return row


def event_kinds(complaint) -> list[str]:
    return [e.kind for e in Event.select().where(Event.complaint == complaint).order_by(Event.id)]


def body(msg) -> str:
    text = msg.get_payload(decode=True).decode(msg.get_content_charset() or "utf-8")
    return text.replace("\r\n", "\n")  # SMTP carries CRLF line ends


# --- delivery -----------------------------------------------------------------------------------

def test_queued_mail_is_delivered_once_and_acknowledges_the_complaint(app, db, smtp_server):
    complaint = submit(app, email="resident@example.org")
    row = mail_for(complaint)
    assert (row.status, row.attempts, row.kind) == (OutboxMail.PENDING, 0, "acknowledgement")
    assert complaint.state == "received"
    assert smtp_server.messages == [], "submitting only queues the mail"

    result = outbox.send_pending(settings(smtp_server.port))

    assert (result.sent, result.retrying, result.failed) == (1, 0, 0)
    (msg,) = smtp_server.messages
    assert parseaddr(msg["To"])[1] == "resident@example.org"
    assert msg["X-RcptTo"] == "resident@example.org", "the envelope goes to the resident"
    assert parseaddr(msg["From"])[1] == SENDER
    assert msg["Subject"] == row.subject and complaint.reference in msg["Subject"]
    text = body(msg)
    assert text == row.body
    assert complaint.reference in text and "http://klachten.test/" in text, "reference and link"
    assert msg["Message-ID"] and msg["Message-ID"].startswith("<") and "@gemeente.test>" in msg["Message-ID"]
    assert msg["Date"]

    row = OutboxMail.get_by_id(row.id)
    assert (row.status, row.attempts, row.last_error) == (OutboxMail.SENT, 1, "")
    assert row.sent_at is not None
    complaint = Complaint.get_by_id(complaint.id)
    assert complaint.state == "acknowledged"
    assert event_kinds(complaint) == ["received", "acknowledged"]
    ack = Event.get(Event.complaint == complaint, Event.kind == "acknowledged")
    assert ack.actor == "system"

    # A second run (and one long after) finds nothing to do.
    again = outbox.send_pending(settings(smtp_server.port))
    later = outbox.send_pending(settings(smtp_server.port), now=utcnow() + timedelta(days=2))
    assert (again.sent, again.retrying, again.failed) == (0, 0, 0)
    assert (later.sent, later.retrying, later.failed) == (0, 0, 0)
    assert len(smtp_server.messages) == 1
    assert event_kinds(complaint) == ["received", "acknowledged"]


def test_two_recipients_get_a_mail_each_but_one_acknowledgement(app, db, smtp_server):
    complaint = submit(app, email="resident@example.org", representative_email="helper@example.org")
    assert OutboxMail.select().where(OutboxMail.complaint == complaint).count() == 2

    result = outbox.send_pending(settings(smtp_server.port))

    assert result.sent == 2
    assert sorted(m["X-RcptTo"] for m in smtp_server.messages) == [
        "helper@example.org", "resident@example.org"]
    assert len({m["Message-ID"] for m in smtp_server.messages}) == 2
    assert Complaint.get_by_id(complaint.id).state == "acknowledged"
    assert event_kinds(complaint) == ["received", "acknowledged"]


# --- the mail server is down ----------------------------------------------------------------------

def test_smtp_outage_loses_nothing_and_mail_goes_out_once_when_back(app, db, smtp):
    server = smtp(Recorder())
    port = server.port
    server.stop()  # the mail server is down

    complaint = submit(app)
    before = utcnow()
    result = outbox.send_pending(settings(port))

    assert (result.sent, result.retrying, result.failed) == (0, 1, 0)
    complaint = Complaint.get_by_id(complaint.id)  # the complaint is stored all the same
    assert complaint.state == "received" and event_kinds(complaint) == ["received"]
    row = mail_for(complaint)
    assert (row.status, row.attempts) == (OutboxMail.PENDING, 1)
    assert "ConnectionRefusedError" in row.last_error
    assert row.next_attempt_at > utcnow(), "the next attempt waits for the backoff"
    assert row.next_attempt_at >= before + timedelta(minutes=1)

    back = smtp(Recorder(), port=port)  # the server comes back on the same port
    early = outbox.send_pending(settings(port))
    assert (early.sent, early.retrying, early.failed) == (0, 0, 0), "the backoff is respected"
    assert back.messages == []

    with time_machine.travel(datetime.now(timezone.utc) + timedelta(minutes=2), tick=True):
        result = outbox.send_pending(settings(port))
        again = outbox.send_pending(settings(port))

    assert (result.sent, result.retrying, result.failed) == (1, 0, 0)
    assert (again.sent, again.retrying, again.failed) == (0, 0, 0)
    assert [m["X-RcptTo"] for m in back.messages] == ["resident@example.org"]
    row = OutboxMail.get_by_id(row.id)
    assert (row.status, row.attempts, row.last_error) == (OutboxMail.SENT, 2, "")
    assert Complaint.get_by_id(complaint.id).state == "acknowledged"


def test_an_outage_stops_the_round_but_every_mail_follows_later(app, db, smtp):
    """Several queued mails during an outage: none is lost, none is sent twice."""
    port = closed_port()
    complaints = [submit(app, email=f"r{n}@example.org") for n in range(3)]
    t0 = utcnow()

    down = outbox.send_pending(settings(port), now=t0)
    assert (down.sent, down.retrying) == (0, 1), "one refused connection ends the round"
    assert OutboxMail.select().where(OutboxMail.status == OutboxMail.PENDING).count() == 3

    server = smtp(Recorder())
    up = outbox.send_pending(settings(server.port), now=t0 + timedelta(minutes=2))
    assert up.sent == 3
    assert sorted(m["X-RcptTo"] for m in server.messages) == [f"r{n}@example.org" for n in range(3)]
    assert all(Complaint.get_by_id(c.id).state == "acknowledged" for c in complaints)


def test_backoff_doubles_up_to_an_hour_then_the_mail_is_failed(app, db):
    port = closed_port()
    config = outbox.SmtpSettings.from_config(app.config)
    assert config.max_attempts == 8  # MAIL_MAX_ATTEMPTS' default
    s = settings(port, max_attempts=config.max_attempts)
    complaint = submit(app)
    row = mail_for(complaint)
    now = utcnow()
    waits = []
    for attempt in range(1, 8):
        result = outbox.send_pending(s, now=now)
        assert (result.sent, result.retrying, result.failed) == (0, 1, 0)
        row = OutboxMail.get_by_id(row.id)
        assert (row.status, row.attempts) == (OutboxMail.PENDING, attempt)
        assert row.last_error
        waits.append(row.next_attempt_at - now)
        # Not due a second before the backoff ends: nothing is tried.
        early = outbox.send_pending(s, now=row.next_attempt_at - timedelta(seconds=1))
        assert (early.sent, early.retrying, early.failed) == (0, 0, 0)
        assert OutboxMail.get_by_id(row.id).attempts == attempt
        now = row.next_attempt_at

    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 60)]

    result = outbox.send_pending(s, now=now)  # the 8th attempt is the last
    assert (result.sent, result.retrying, result.failed) == (0, 0, 1)
    row = OutboxMail.get_by_id(row.id)
    assert (row.status, row.attempts) == (OutboxMail.FAILED, 8)
    assert row.last_error

    later = outbox.send_pending(s, now=now + timedelta(days=7))
    assert (later.sent, later.retrying, later.failed) == (0, 0, 0)
    # Staff find it among the failed mails, with the reason.
    failed = list(OutboxMail.select().where(OutboxMail.status == OutboxMail.FAILED))
    assert [(m.id, m.recipient) for m in failed] == [(row.id, "resident@example.org")]
    assert Complaint.get_by_id(complaint.id).state == "received", "not acknowledged: not sent"


def test_backoff_stays_an_hour_when_many_attempts_are_allowed(app, db):
    """MAIL_MAX_ATTEMPTS=48 (two days of hourly retries) must not overflow the backoff."""
    port = closed_port()
    s = settings(port, max_attempts=48)
    row = mail_for(submit(app))
    now = utcnow()
    for attempt in range(1, 48):
        result = outbox.send_pending(s, now=now)
        assert result.retrying == 1, f"attempt {attempt}"
        row = OutboxMail.get_by_id(row.id)
        assert (row.status, row.attempts) == (OutboxMail.PENDING, attempt)
        if attempt >= 7:
            assert row.next_attempt_at - now == timedelta(hours=1)
        now = row.next_attempt_at
    result = outbox.send_pending(s, now=now)
    assert result.failed == 1
    assert OutboxMail.get_by_id(row.id).status == OutboxMail.FAILED


# --- the server refuses --------------------------------------------------------------------------

def test_permanent_refusal_fails_the_mail_at_once_without_retry(app, db, smtp):
    handler = Recorder(refuse={"nobody@example.org": "550 5.1.1 no such user"})
    server = smtp(handler)
    refused = submit(app, email="nobody@example.org")
    accepted = submit(app, email="resident@example.org")
    now = utcnow()

    result = outbox.send_pending(settings(server.port), now=now)

    assert (result.sent, result.retrying, result.failed) == (1, 0, 1)
    row = mail_for(refused)
    assert (row.status, row.attempts) == (OutboxMail.FAILED, 1)
    assert "550" in row.last_error
    assert [m["X-RcptTo"] for m in handler.messages] == ["resident@example.org"]
    assert Complaint.get_by_id(refused.id).state == "received"
    assert Complaint.get_by_id(accepted.id).state == "acknowledged"

    for later in (timedelta(minutes=2), timedelta(hours=2), timedelta(days=3)):
        again = outbox.send_pending(settings(server.port), now=now + later)
        assert (again.sent, again.retrying, again.failed) == (0, 0, 0)
    assert handler.rcpt_attempts["nobody@example.org"] == 1, "never asked again"
    assert OutboxMail.get_by_id(row.id).status == OutboxMail.FAILED


@pytest.mark.parametrize("stage, reply", [
    ("RCPT", "450 4.2.0 greylisted, try again later"),
    ("MAIL", "451 4.3.0 temporary local problem"),
])
def test_temporary_refusal_is_retried_not_failed(app, db, smtp, stage, reply):
    """A 4xx (greylisting, a full mailbox) says "try later": the mail must not be given up."""
    handler = Recorder()
    if stage == "RCPT":
        handler.refuse["resident@example.org"] = reply
    else:
        handler.refuse_sender = reply
    server = smtp(handler)
    complaint = submit(app, email="resident@example.org")
    now = utcnow()

    result = outbox.send_pending(settings(server.port), now=now)

    assert (result.sent, result.retrying, result.failed) == (0, 1, 0)
    row = mail_for(complaint)
    assert (row.status, row.attempts) == (OutboxMail.PENDING, 1)
    assert reply[:3] in row.last_error
    assert row.next_attempt_at == now + timedelta(minutes=1)

    handler.refuse.clear()  # the greylist lets it through now
    handler.refuse_sender = ""
    result = outbox.send_pending(settings(server.port), now=now + timedelta(minutes=1))
    assert (result.sent, result.retrying, result.failed) == (1, 0, 0)
    assert [m["X-RcptTo"] for m in handler.messages] == ["resident@example.org"]
    assert OutboxMail.get_by_id(row.id).status == OutboxMail.SENT
    assert Complaint.get_by_id(complaint.id).state == "acknowledged"


# --- several senders ----------------------------------------------------------------------------

def test_two_senders_at_once_deliver_every_mail_exactly_once(app, db, smtp):
    handler = Recorder(delay=0.02)
    server = smtp(handler)
    complaints = [submit(app, email=f"resident{n}@example.org") for n in range(20)]
    s = settings(server.port)
    start = threading.Barrier(2)
    results, errors = {}, []

    def sender(name):
        try:
            with database.connection_context():  # this thread's own connection
                start.wait(timeout=10)
                results[name] = outbox.send_pending(s)
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)

    threads = [threading.Thread(target=sender, args=(name,)) for name in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    assert errors == []

    by_id = Counter(m["Message-ID"] for m in handler.messages)
    by_recipient = Counter(m["X-RcptTo"] for m in handler.messages)
    assert len(handler.messages) == 20
    assert set(by_id.values()) == {1}
    assert by_recipient == Counter(f"resident{n}@example.org" for n in range(20))
    assert results["a"].sent + results["b"].sent == 20
    assert results["a"].sent > 0 and results["b"].sent > 0, "both senders took part"
    assert OutboxMail.select().where(OutboxMail.status == OutboxMail.SENT,
                                     OutboxMail.attempts == 1).count() == 20
    for c in complaints:
        assert event_kinds(c) == ["received", "acknowledged"]


# --- a sender that died ---------------------------------------------------------------------------

def test_mail_stuck_in_sending_is_failed_never_resent(app, db, smtp):
    handler = Recorder()
    server = smtp(handler)
    now = utcnow()
    stuck = mail_for(submit(app, email="stuck@example.org"))
    busy = mail_for(submit(app, email="busy@example.org"))
    OutboxMail.update(status=OutboxMail.SENDING, claimed_at=now - timedelta(minutes=16)).where(
        OutboxMail.id == stuck.id).execute()
    OutboxMail.update(status=OutboxMail.SENDING, claimed_at=now - timedelta(minutes=5)).where(
        OutboxMail.id == busy.id).execute()

    result = outbox.send_pending(settings(server.port), now=now)

    assert (result.sent, result.retrying, result.failed) == (0, 0, 0)
    stuck = OutboxMail.get_by_id(stuck.id)
    assert stuck.status == OutboxMail.FAILED
    assert "check" in stuck.last_error
    assert OutboxMail.get_by_id(busy.id).status == OutboxMail.SENDING, \
        "a sender busy for 5 minutes is left alone"

    outbox.send_pending(settings(server.port), now=now + timedelta(minutes=11))
    assert OutboxMail.get_by_id(busy.id).status == OutboxMail.FAILED
    outbox.send_pending(settings(server.port), now=now + timedelta(days=1))
    assert handler.messages == [] and handler.rcpt_attempts == Counter(), "never resent"
    assert {m.status for m in OutboxMail.select()} == {OutboxMail.FAILED}


# --- the command ----------------------------------------------------------------------------------

def test_send_mail_command_prints_counts_and_delivers(app, runner, smtp_server):
    submit(app, email="one@example.org")
    submit(app, email="two@example.org")

    app.config["MAIL_HOST"], app.config["MAIL_PORT"] = "127.0.0.1", closed_port()
    down = runner.invoke(args=["send-mail"])
    assert down.exit_code == 0, down.output
    assert down.output.strip() == "sent 0, to retry 1, failed 0"
    assert smtp_server.messages == []

    app.config["MAIL_PORT"] = smtp_server.port
    with database.connection_context():
        OutboxMail.update(next_attempt_at=utcnow()).execute()  # as if the backoff has passed
    result = runner.invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "sent 2, to retry 0, failed 0"
    assert sorted(m["X-RcptTo"] for m in smtp_server.messages) == ["one@example.org", "two@example.org"]

    again = runner.invoke(args=["send-mail"])
    assert again.output.strip() == "sent 0, to retry 0, failed 0"
    assert len(smtp_server.messages) == 2
    with database.connection_context():
        assert {c.state for c in Complaint.select()} == {"acknowledged"}


def test_a_connection_lost_after_the_message_data_is_never_resent(app, monkeypatch):
    """The server may have accepted it: marked failed for staff to check, not sent twice."""
    import smtplib

    from klachtenloket.models import OutboxMail
    from klachtenloket.services import outbox

    class DropsAfterData:
        def __init__(self, *args, **kwargs):
            self.calls = []

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def ehlo_or_helo_if_needed(self):
            pass

        def mail(self, sender):
            return 250, b"ok"

        def rcpt(self, recipient):
            return 250, b"ok"

        def data(self, message):
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(outbox.smtplib, "SMTP", DropsAfterData)
    with app.app_context():
        from klachtenloket import db
        with db.database.connection_context():
            OutboxMail.create(kind="link", recipient="a@example.nl", subject="s", body="b")
            settings = outbox.SmtpSettings(host="127.0.0.1", port=1, sender="k@example.nl")
            result = outbox.send_pending(settings)
            mail = OutboxMail.get()
    assert result.failed == 1 and mail.status == OutboxMail.FAILED
    assert "check before resending" in mail.last_error
