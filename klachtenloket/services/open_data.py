"""The register as open data (Woo; Awb 9:12a): one row per complaint received or handled in a
period, without personal data, as CSV or JSON, for publication (the reader pages and
`flask export-register`, which cron can run).

Only the register's anonymous columns leave the database: the reference, the dates, channel,
unit, category, municipality, procedure, outcome and whether the decision came within its
term. Nothing a person typed is exported — no name, address, phone, e-mail, client number,
description, note, finding or measure text. Measures are exported as a number only
(`measure_counts`). The publication line (`summary`) is the yearly report's, not part of this
export (the issue names the columns above).

Rows are read in batches by id and written as they come, so an export of a million complaints
never holds them all in memory (`rows`, `csv_chunks`, `json_chunks`).
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Iterable, Iterator

from peewee import fn

from klachtenloket.models import Complaint, Measure

FORMATS = ("csv", "json")
BATCH = 1000
EXPORTED = "exported:open_data"     # the audit trail's action for an export

# The columns, in order; every one is anonymous.
COLUMNS = ("reference", "received_on", "handled_on", "channel", "unit", "category",
           "municipality", "procedure", "outcome", "within_term", "measures")
# What ended a complaint without a decision, as its outcome in the export (the yearly report
# counts a withdrawn complaint as "withdrawn" likewise).
ENDINGS = ("withdrawn", "declined", "forwarded")


def measure_counts():
    """A subquery counting each complaint's measures. Only the number is exported: a
    measure's text is written freely and may name people."""
    return (Measure.select(fn.COUNT(Measure.id)).where(Measure.complaint == Complaint.id))


def _query(start: date, end: date):
    columns = [Complaint.id, Complaint.reference, Complaint.received_on, Complaint.handled_on,
               Complaint.channel, Complaint.unit, Complaint.category, Complaint.municipality,
               Complaint.formal, Complaint.outcome, Complaint.state, Complaint.days_late,
               measure_counts().alias("measures")]
    received = Complaint.received_on.between(start, end)
    handled = Complaint.handled_on.between(start, end)
    return Complaint.select(*columns).where(received | handled)


def count(start: date, end: date) -> int:
    """How many complaints the export of this period holds."""
    received = Complaint.received_on.between(start, end)
    handled = Complaint.handled_on.between(start, end)
    return Complaint.select().where(received | handled).count()


def _row(record: dict) -> dict:
    outcome = record["outcome"] or (record["state"] if record["state"] in ENDINGS else "")
    late = record["days_late"]
    return {
        "reference": record["reference"],
        "received_on": _iso(record["received_on"]),
        "handled_on": _iso(record["handled_on"]),
        "channel": record["channel"],
        "unit": record["unit"],
        "category": record["category"],
        "municipality": record["municipality"],
        "procedure": "formal" if record["formal"] else "informal",
        "outcome": outcome,
        "within_term": "" if late is None else ("yes" if late == 0 else "no"),
        "measures": record.get("measures"),
    }


def _iso(value) -> str:
    if value is None or value == "":
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def rows(start: date, end: date, batch: int = BATCH) -> Iterator[dict]:
    """Each complaint received or handled from `start` up to and including `end`, in the order
    it was stored, read `batch` at a time (never the whole register at once)."""
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    last = 0
    while True:
        page = list(_query(start, end).where(Complaint.id > last)
                    .order_by(Complaint.id).limit(batch).dicts())
        for record in page:
            yield _row(record)
        if len(page) < batch:
            return
        last = page[-1]["id"]


def csv_chunks(records: Iterable[dict]) -> Iterator[str]:
    """The rows as CSV text (a header line first), a line at a time."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        yield _flush(buffer)
        writer.writerow({k: ("" if v is None else v) for k, v in record.items()})
    yield _flush(buffer)


def _flush(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def json_chunks(records: Iterable[dict], start: date, end: date, organisation: str = "") -> \
        Iterator[str]:
    """The rows as one JSON document — the period, the columns and the complaints — written
    a row at a time."""
    head = {"organisation": organisation, "from": start.isoformat(), "to": end.isoformat(),
            "columns": list(COLUMNS)}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "complaints": ['
    separator = "\n"
    for record in records:
        yield separator + json.dumps(record, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


def chunks(fmt: str, start: date, end: date, organisation: str = "") -> Iterator[str]:
    """The export of the period in `fmt` ("csv" or "json"), as text chunks to write out."""
    if fmt not in FORMATS:
        raise ValueError(f"the format is one of {', '.join(FORMATS)}, not {fmt!r}")
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    records = rows(start, end)
    return csv_chunks(records) if fmt == "csv" else json_chunks(records, start, end,
                                                                 organisation)


def file_name(fmt: str, start: date, end: date) -> str:
    return f"klachtenregister-{start.isoformat()}-{end.isoformat()}.{fmt}"


def describe(fmt: str, start: date, end: date) -> str:
    """The audit row's detail: what was exported (never what it holds)."""
    return f"{fmt} {start.isoformat()}..{end.isoformat()}"
