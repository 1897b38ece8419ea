"""Retention (issue 7, "Privacy (AVG)"): a finished complaint loses its personal data once the
organisation's retention period has passed; `flask --app app purge` runs this once a day.

A complaint is finished by its ending event (closed, forwarded, declined, withdrawn); the period
(Organisation.retention_months, [register] retention_months) counts from that event's day. What
goes:

- on the complaint row: every field that says who the complainant or the representative is, and
  everything written in free text (name and description become PLACEHOLDER, the others empty);
- the events' texts and the free text in their payloads (a reason, findings, measures, the
  recipient of a forwarded complaint): PLACEHOLDER, so the history still replays; the structured
  parts (kind, dates, outcome, ground, procedure, handler's id) stay;
- tracking tokens, letters, the outbox's mails about it, the draft it was sent from, and the
  attachments (overwritten with zeros, then klachtenloket.services.attachments.delete_for);
- the name and contact details of a call-back request that became this complaint (the request
  itself stays, so it is still counted);
- on SQLite, the name in the search index (complaint_name_search, kept by migration 0012's
  triggers; merged afterwards so the old entries leave the index's pages too).

What stays is the anonymous register row for the yearly report (reference, dates, channel, unit,
category, municipality, state, outcome) and the audit trail, which holds no complaint text (who,
when, what, an event id or a channel) and is append-only: the purge adds one row per complaint.

On SQLite `secure_delete` (klachtenloket.db) makes the database overwrite what it deletes with
zeros; after a purge the write-ahead log is checkpointed and truncated and the file vacuumed, so
the old values are gone from the files, not only from the tables. On PostgreSQL old row versions
stay in the table's pages until VACUUM (autovacuum, usually within minutes) reuses them; backups
keep their copy until they are rotated (docs/deploy.md).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime, time

from peewee import fn

from klachtenloket.db import database, is_sqlite
from klachtenloket.domain.states import FINAL
from klachtenloket.models import (CallbackRequest, Complaint, Draft, Event, Letter, OutboxMail,
                                  TrackingToken)
from klachtenloket.services import attachments, audit

PLACEHOLDER = "[verwijderd]"
PURGED = "purged"           # the audit action; the detail says which retention applied
BATCH = 200                 # complaints per transaction

# Complaint columns that identify someone or hold their words, and what each becomes.
PERSONAL_FIELDS = {
    "name": PLACEHOLDER, "description": PLACEHOLDER,
    "street": "", "postcode": "", "city": "", "phone": "", "email": "", "client_number": "",
    "representative_name": "", "representative_relation": "", "representative_phone": "",
    "representative_email": "", "employee_name": "", "desired_outcome": "", "event_time": "",
}
# Columns other modules may add that are free text too (the register's anonymous summary is
# written for publication, but by hand: after the retention it goes as well).
OPTIONAL_FREE_TEXT = ("summary",)
# Payload keys that hold structure, not words: kept so the history replays and the register's
# figures stay right. Every other string in a payload is free text and becomes PLACEHOLDER.
STRUCTURED_KEYS = frozenset({"channel", "on", "decision_due", "handler", "procedure", "ground",
                             "outcome", "weeks", "consent", "solved_directly", "second_line",
                             "category", "unit", "municipality"})


@dataclass
class PurgeResult:
    cutoff: date
    references: list[str] = field(default_factory=list)
    attachments: str = ""       # "deleted", or "" (a dry run)
    dry_run: bool = False

    @property
    def count(self) -> int:
        return len(self.references)


def months_before(day: date, months: int) -> date:
    """`day` moved back `months` calendar months (31 March - 1 month = 28/29 February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def due(today: date, retention_months: int) -> tuple[date, list[Complaint]]:
    """The cut-off day and the complaints finished before it that still hold personal data,
    oldest first (reference and id only)."""
    cutoff = months_before(today, retention_months)
    ended = (Event.select(Event.complaint, fn.MAX(Event.at).alias("ended"))
             .where(Event.kind.in_(FINAL)).group_by(Event.complaint).alias("endings"))
    query = (Complaint.select(Complaint.id, Complaint.reference)
             .join(ended, on=(ended.c.complaint_id == Complaint.id))
             .where(Complaint.state.in_(FINAL), Complaint.purged_on.is_null(),
                    ended.c.ended < datetime.combine(cutoff, time()))
             .order_by(Complaint.id))
    return cutoff, list(query)


def run(today: date, retention_months: int, dry_run: bool = False) -> PurgeResult:
    """Anonymise every complaint whose retention has passed (see the module's text)."""
    cutoff, complaints = due(today, retention_months)
    result = PurgeResult(cutoff=cutoff, references=[c.reference for c in complaints],
                         dry_run=dry_run)
    if dry_run or not complaints:
        return result
    detail = f"retention {retention_months} months, finished before {cutoff.isoformat()}"
    for start in range(0, len(complaints), BATCH):
        batch = complaints[start:start + BATCH]
        with database.atomic():
            anonymise([c.id for c in batch], today)
            for complaint in batch:
                audit.log(None, PURGED, complaint, detail=detail)
    result.attachments = delete_attachments([c.id for c in complaints])
    compact()
    return result


def anonymise(ids: list[int], today: date) -> None:
    """Remove the personal data of these complaints; inside the caller's transaction."""
    drafts = [key for (key,) in Complaint.select(Complaint.submission_key)
              .where(Complaint.id.in_(ids), Complaint.submission_key.is_null(False)).tuples()]
    if drafts:
        Draft.delete().where(Draft.key.in_(drafts)).execute()
    values = {getattr(Complaint, name): value for name, value in PERSONAL_FIELDS.items()}
    for name in OPTIONAL_FREE_TEXT:
        if name in Complaint._meta.fields:
            values[Complaint._meta.fields[name]] = ""
    values.update({Complaint.submission_key: None, Complaint.purged_on: today})
    Complaint.update(values).where(Complaint.id.in_(ids)).execute()

    for event in Event.select(Event.id, Event.text, Event.payload_json).where(
            Event.complaint.in_(ids)):
        payload = _blank_payload(event.payload)
        Event.update(text=PLACEHOLDER if event.text else "",
                     payload_json=json.dumps(payload, sort_keys=True)).where(
            Event.id == event.id).execute()

    TrackingToken.delete().where(TrackingToken.complaint.in_(ids)).execute()
    Letter.delete().where(Letter.complaint.in_(ids)).execute()
    OutboxMail.delete().where(OutboxMail.complaint.in_(ids)).execute()
    CallbackRequest.update(name=PLACEHOLDER, phone="", best_time="", subject="",
                           closing_note="").where(CallbackRequest.complaint.in_(ids)).execute()


def _blank_payload(payload: dict) -> dict:
    return {key: (PLACEHOLDER if isinstance(value, str) and value and key not in STRUCTURED_KEYS
                  else value)
            for key, value in payload.items()}


def delete_attachments(ids: list[int]) -> str:
    """The complaints' uploaded files: overwritten with zeros, then removed."""
    _overwrite(ids)
    attachments.delete_for(ids)
    return "deleted"


def _overwrite(ids: list[int]) -> None:
    """Zeros over each file before it is unlinked, so its bytes do not linger in the folder's
    free blocks (best effort: a copy-on-write file system or an SSD may keep old blocks)."""
    for complaint in Complaint.select(Complaint.id).where(Complaint.id.in_(ids)):
        for item in attachments.for_complaint(complaint):
            try:
                path = attachments.path_of(item)
                size = path.stat().st_size
                with open(path, "r+b") as fh:
                    fh.write(b"\0" * size)
                    fh.flush()
                    os.fsync(fh.fileno())
            except OSError:
                continue        # already gone: delete_for has nothing to do for it either


def compact() -> None:
    """After a purge: leave no old value in the database's files (see the module's text)."""
    if not is_sqlite():
        return
    # Merge the search index's segments, so the old names' entries leave its pages.
    has_search = database.execute_sql("SELECT 1 FROM sqlite_master WHERE name = "
                                      "'complaint_name_search'").fetchone()
    if has_search:
        with database.atomic():
            database.execute_sql("INSERT INTO complaint_name_search (complaint_name_search) "
                                 "VALUES ('optimize')")
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.execute_sql("VACUUM")
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
