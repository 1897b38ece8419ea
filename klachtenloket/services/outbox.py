"""The transactional outbox: mail rows are written with the change that causes them,
and a separate sender delivers them — an SMTP outage never loses or blocks a complaint.

Delivery is at most once: a row is claimed by one sender with a conditional UPDATE
before it is handed to SMTP. A row left "sending" by a crashed sender may or may not
have gone out, so it is marked failed for staff to check instead of being sent again.
"""
from __future__ import annotations

import logging
import smtplib
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import policy as email_policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from klachtenloket.db import database
from klachtenloket.domain import states
from klachtenloket.models import Complaint, Event, OutboxMail
from klachtenloket.models.base import utcnow

log = logging.getLogger(__name__)

SMTP_POLICY = email_policy.SMTP  # CRLF line ends, as the wire wants them
STALE_CLAIM = timedelta(minutes=15)
MAX_BACKOFF = timedelta(hours=1)


def enqueue(kind: str, recipient: str, subject: str, body: str,
            complaint: Complaint | None = None) -> OutboxMail:
    """Call inside the transaction that makes the change the mail is about."""
    return OutboxMail.create(kind=kind, recipient=recipient, subject=subject, body=body,
                             complaint=complaint)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 … minutes after each failed attempt, at most an hour."""
    # Capping the exponent too: from 2**41 minutes on, timedelta() raises OverflowError.
    return min(timedelta(minutes=2 ** min(max(attempts - 1, 0), 30)), MAX_BACKOFF)


@dataclass
class SmtpSettings:
    host: str
    port: int
    sender: str
    username: str = ""
    password: str = ""
    starttls: bool = False
    timeout: float = 10.0
    max_attempts: int = 8

    @classmethod
    def from_config(cls, config) -> SmtpSettings:
        return cls(host=config["MAIL_HOST"], port=config["MAIL_PORT"], sender=config["MAIL_FROM"],
                   username=config["MAIL_USERNAME"], password=config["MAIL_PASSWORD"],
                   starttls=config["MAIL_STARTTLS"], timeout=config["MAIL_TIMEOUT"],
                   max_attempts=config["MAIL_MAX_ATTEMPTS"])


def _message(mail: OutboxMail, settings: SmtpSettings) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = settings.sender
    msg["To"] = mail.recipient
    msg["Subject"] = mail.subject
    msg["Date"] = format_datetime(datetime.now().astimezone())
    domain = parseaddr(settings.sender)[1].rpartition("@")[2] or "localhost"
    msg["Message-ID"] = make_msgid(idstring=f"outbox-{mail.id}", domain=domain)
    # Quoted-printable keeps the message 7-bit, so any server takes it without 8BITMIME.
    msg.set_content(mail.body, cte="quoted-printable")
    return msg


def _deliver(mail: OutboxMail, settings: SmtpSettings) -> None:
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.username:
            smtp.login(settings.username, settings.password)
        message = _message(mail, settings)
        # Everything before the message's data can safely be tried again. Once the data is on
        # its way, a lost connection may hide a delivered mail: that one is never resent.
        smtp.ehlo_or_helo_if_needed()
        envelope_sender = parseaddr(settings.sender)[1]   # MAIL_FROM may carry a display name
        code, reply = smtp.mail(envelope_sender)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, reply, envelope_sender)
        code, reply = smtp.rcpt(mail.recipient)
        if code not in (250, 251):
            raise smtplib.SMTPRecipientsRefused({mail.recipient: (code, reply)})
        try:
            code, reply = smtp.data(message.as_bytes(policy=SMTP_POLICY))
        except smtplib.SMTPDataError:
            raise
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            raise DeliveryUncertain(f"connection lost while sending the message: {exc}") from exc
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)


class DeliveryUncertain(Exception):
    """The server may have accepted the mail: sending it again could deliver it twice."""


def _claim(now: datetime) -> OutboxMail | None:
    due = (OutboxMail.select(OutboxMail.id)
           .where(OutboxMail.status == OutboxMail.PENDING, OutboxMail.next_attempt_at <= now)
           .order_by(OutboxMail.next_attempt_at, OutboxMail.id).limit(20))
    for row in list(due):
        with database.atomic():
            claimed = (OutboxMail.update(status=OutboxMail.SENDING, claimed_at=now)
                       .where(OutboxMail.id == row.id, OutboxMail.status == OutboxMail.PENDING)
                       .execute())
        if claimed:
            return OutboxMail.get_by_id(row.id)
    return None


def _mark_sent(mail: OutboxMail, now: datetime) -> None:
    with database.atomic():
        OutboxMail.update(status=OutboxMail.SENT, sent_at=now, attempts=mail.attempts + 1,
                          last_error="").where(OutboxMail.id == mail.id).execute()
        if mail.kind == "acknowledgement" and mail.complaint_id:
            _record_acknowledged(mail.complaint_id, now)


def _record_acknowledged(complaint_id: int, now: datetime) -> None:
    """The written acknowledgement (Awb 9:6) is given when its mail is accepted for delivery."""
    complaint = Complaint.get_by_id(complaint_id)
    try:
        new_state = states.apply(complaint.state, "acknowledged")
    except states.TransitionError:
        return  # already acknowledged (a second recipient) or withdrawn meanwhile
    Event.create(complaint=complaint, at=now, actor="system", kind="acknowledged")
    Complaint.update(state=new_state).where(Complaint.id == complaint_id).execute()


def _mark_failed_attempt(mail: OutboxMail, now: datetime, error: str, permanent: bool,
                         settings: SmtpSettings) -> str:
    attempts = mail.attempts + 1
    if permanent or attempts >= settings.max_attempts:
        status, next_at = OutboxMail.FAILED, mail.next_attempt_at
    else:
        status, next_at = OutboxMail.PENDING, now + backoff(attempts)
    OutboxMail.update(status=status, attempts=attempts, next_attempt_at=next_at,
                      last_error=error[:500]).where(OutboxMail.id == mail.id).execute()
    return status


def release_stale(now: datetime) -> int:
    """Rows claimed long ago by a sender that died: perhaps sent, so never retried blindly."""
    return (OutboxMail.update(status=OutboxMail.FAILED,
                              last_error="sender stopped while sending; check before resending")
            .where(OutboxMail.status == OutboxMail.SENDING,
                   OutboxMail.claimed_at < now - STALE_CLAIM).execute())


@dataclass
class RunResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def send_pending(settings: SmtpSettings, now: datetime | None = None, limit: int = 100) -> RunResult:
    """Deliver what is due; returns counts. Safe to run in several processes at once."""
    result = RunResult()
    release_stale(now or utcnow())
    for _ in range(limit):
        current = now or utcnow()
        mail = _claim(current)
        if mail is None:
            break
        try:
            _deliver(mail, settings)
        except DeliveryUncertain as exc:
            status = _mark_failed_attempt(mail, current, f"{exc}; check before resending", True,
                                          settings)
        except smtplib.SMTPRecipientsRefused as exc:
            # 5xx: the address will never work; 4xx (greylisting, a full mailbox): try later.
            permanent = all(500 <= code < 600 for code, _ in exc.recipients.values())
            status = _mark_failed_attempt(mail, current, f"refused: {exc}", permanent, settings)
        except smtplib.SMTPSenderRefused as exc:
            permanent = 500 <= exc.smtp_code < 600
            status = _mark_failed_attempt(mail, current, f"refused: {exc}", permanent, settings)
        except smtplib.SMTPResponseException as exc:
            permanent = 500 <= exc.smtp_code < 600
            status = _mark_failed_attempt(mail, current, f"SMTP {exc.smtp_code}", permanent, settings)
        except (OSError, smtplib.SMTPException, socket.timeout) as exc:
            # The mail server is down or unreachable: try again later.
            status = _mark_failed_attempt(mail, current, f"{type(exc).__name__}: {exc}", False, settings)
        else:
            _mark_sent(mail, current)
            result.sent += 1
            continue
        if status == OutboxMail.FAILED:
            result.failed += 1
            log.warning("mail %s failed for good after %s attempts", mail.id, mail.attempts + 1)
        else:
            result.retrying += 1
        if status == OutboxMail.PENDING:
            # Server trouble hits every mail alike: stop this round, the backoff decides.
            break
    return result
