"""The staff-views log for the privacy officer (issue 7, "Privacy (AVG)"): the whole audit trail
(klachtenloket.models.audit), every view, download, step and export, chosen per period and per
staff member, on a page and as CSV. Only reads: the trail is append-only (migration 0008's
triggers), and no route changes or removes a row. Each CSV export is itself a row (EXPORTED)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from peewee import JOIN

from klachtenloket.db import database
from klachtenloket.models import AuditEntry, Complaint, Staff
from klachtenloket.services import audit
from klachtenloket.services.paging import Paged, position

PAGE_SIZE = 50
ZONE = ZoneInfo("Europe/Amsterdam")
EXPORTED = "exported:audit_log"


@dataclass
class LogPage(Paged):
    entries: list[AuditEntry]


def _utc(day: date) -> datetime:
    """Midnight of `day` in Amsterdam, as the naive UTC the trail stores."""
    return datetime.combine(day, time(), ZONE).astimezone(timezone.utc).replace(tzinfo=None)


def select(start: date | None = None, end: date | None = None, staff_id: int | None = None):
    """The rows of the period (Amsterdam days, both included) and staff member, newest first,
    each with its complaint's `reference` ("" or None when it is not about one)."""
    query = (AuditEntry.select(AuditEntry, Complaint.reference.alias("reference"))
             .join(Complaint, join_type=JOIN.LEFT_OUTER,
                   on=(AuditEntry.complaint == Complaint.id))
             .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).objects())
    if start:
        query = query.where(AuditEntry.at >= _utc(start))
    if end:
        query = query.where(AuditEntry.at < _utc(end + timedelta(days=1)))
    if staff_id is not None:
        query = query.where(AuditEntry.staff_id == staff_id)
    return query


def page(start=None, end=None, staff_id=None, number: int = 1) -> LogPage:
    where, entries = position(select(start, end, staff_id), number, PAGE_SIZE)
    return LogPage(entries=entries, **where)


def staff_members() -> list[Staff]:
    return list(Staff.select(Staff.id, Staff.name).order_by(Staff.name, Staff.id))


def describe(start=None, end=None, staff_id=None) -> str:
    """The selection in a few words, for the audit row of its export."""
    parts = [f"from {start.isoformat()}" if start else "", f"to {end.isoformat()}" if end else "",
             f"staff #{staff_id}" if staff_id is not None else ""]
    return " ".join(p for p in parts if p) or "everything"


def export_csv(staff: Staff, action_text, start=None, end=None, staff_id=None,
               headers: tuple[str, ...] = ()) -> str:
    """The selection as CSV (one row per audit row, oldest first), written to the trail as
    `staff`'s export in the same transaction that reads it. `action_text` puts an action in
    words; `headers` are the column names in the reader's language."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers or ("when", "staff_id", "staff_name", "complaint", "action",
                                "action_code", "detail"))
    with database.atomic():
        query = select(start, end, staff_id).order_by(AuditEntry.at, AuditEntry.id)
        for entry in query.iterator():
            local = entry.at.replace(tzinfo=timezone.utc).astimezone(ZONE)
            writer.writerow([_cell(local.strftime("%Y-%m-%d %H:%M:%S")),
                             entry.staff_id if entry.staff_id is not None else "",
                             _cell(entry.staff_name), _cell(_reference(entry)),
                             _cell(action_text(entry)), _cell(entry.action),
                             _cell(entry.detail)])
        audit.log(staff, EXPORTED, detail=describe(start, end, staff_id))
    return out.getvalue()


def _reference(entry: AuditEntry) -> str:
    return getattr(entry, "reference", None) or ""


def _cell(value) -> str:
    # A cell starting with = + - @ is a formula in a spreadsheet (CSV injection): quote it.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
