"""An access request (inzageverzoek, AVG article 15; issue 7 "Privacy (AVG)"): everything stored
about one person, as one ZIP file the coordinator checks and hands over.

The coordinator finds the person's complaints (`search`: name, e-mail address, phone number or
client number), ticks the ones that are theirs, and downloads `archive`. Per complaint the ZIP
holds:

- complaint.json: every field, every event (notes included), the letters and the audit rows of
  who opened or changed it, for a machine;
- complaint.html: the same, readable in a browser;
- letters/letter-N.txt (its text) and letter-N.pdf (the letter as sent, when the PDF can be made);
- attachments/: the files the person sent (klachtenloket.services.attachments).

Other people's names (third parties in notes and texts, and every staff member) are marked
"[[REDACT? …]]" (klachtenloket.domain.redaction) for the privacy officer to weigh before release;
README.txt in the ZIP says how. The PDFs are the letters as the person received them and are not
marked. The export itself is written to the audit trail, one row per complaint.
"""
from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable, Iterable

from peewee import fn

from klachtenloket import models
from klachtenloket.db import database
from klachtenloket.domain.organisation import Organisation
from klachtenloket.domain.redaction import count_marks, mark
from klachtenloket.models import AuditEntry, CallbackRequest, Complaint, Event, Letter, Staff
from klachtenloket.services import attachments, audit

log = logging.getLogger(__name__)

EXPORTED = "exported:access_request"
MAX_RESULTS = 100
MAX_PDFS = 30          # above this many letters the PDFs are left out (their text is there)

# The complaint's fields in the export, in the order of the form.
FIELDS = ("reference", "received_on", "channel", "language", "state", "filed_by", "name", "street",
          "postcode", "city", "phone", "email", "reply_by", "client_number",
          "representative_name", "representative_relation", "representative_phone",
          "representative_email", "consent", "description", "event_date", "event_time", "unit",
          "category", "municipality", "employee_name", "desired_outcome")
# Free text written by the person or by staff: names of others in it are marked.
FREE_TEXT = ("description", "desired_outcome")
# The person complained about is a third party: the whole field is marked.
THIRD_PARTY = ("employee_name",)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def search(term: str) -> list[Complaint]:
    """Complaints whose complainant or representative matches `term`: part of the name, the
    whole e-mail address, the phone number (digits only compared) or the client number. Purged
    complaints hold nothing to find. At most MAX_RESULTS, newest first."""
    term = " ".join((term or "").split())
    if len(term) < 2:
        return []
    lowered = term.lower()
    conditions = [fn.LOWER(Complaint.name).contains(lowered),
                  fn.LOWER(Complaint.representative_name).contains(lowered),
                  fn.LOWER(Complaint.email) == lowered,
                  fn.LOWER(Complaint.representative_email) == lowered,
                  Complaint.client_number == term]
    digits = _digits(term)
    phone_matches = []
    if len(digits) >= 6:
        # Phone numbers are stored as typed ("06 12345678", "06-123 456 78"): compare digits.
        phone_matches = [c.id for c in Complaint.select(Complaint.id, Complaint.phone,
                                                        Complaint.representative_phone)
                         .where(Complaint.purged_on.is_null(),
                                (Complaint.phone != "") | (Complaint.representative_phone != ""))
                         if digits in (_digits(c.phone), _digits(c.representative_phone))]
    query = Complaint.select().where(Complaint.purged_on.is_null())
    condition = conditions[0]
    for other in conditions[1:]:
        condition = condition | other
    if phone_matches:
        condition = condition | Complaint.id.in_(phone_matches)
    return list(query.where(condition).order_by(Complaint.received_on.desc(), Complaint.id.desc())
                .limit(MAX_RESULTS))


@dataclass
class Archive:
    filename: str
    data: bytes
    complaints: int
    marks: int          # how many names are marked for redaction


def _iso(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


class _Marker:
    """Marks names for one complaint: the person's own names are theirs, staff names are not."""

    def __init__(self, complaint: Complaint, staff_names: list[str], known: list[str]):
        self.own = [n for n in (complaint.name, complaint.representative_name) if n]
        self.staff = staff_names
        self.known = known
        self.marks = 0

    def __call__(self, text: str) -> str:
        marked = mark(text or "", own_names=self.own, staff_names=self.staff,
                      known_words=self.known)
        self.marks += count_marks(marked)
        return marked

    def whole(self, text: str) -> str:
        """A value that is another person's name as a whole (a staff member, the person
        complained about)."""
        if not text or text in ("system", "complainant"):
            return text
        if any(" ".join(text.split()).casefold() == " ".join(own.split()).casefold()
               for own in self.own):
            return text
        self.marks += 1
        return f"[[REDACT? {text}]]"


def complaint_record(complaint: Complaint, marker: _Marker, staff_by_id: dict[int, str]) -> dict:
    """Everything stored about `complaint`, with other people's names marked."""
    record = {}
    for name in FIELDS:
        value = _iso(getattr(complaint, name, ""))
        if name in FREE_TEXT:
            value = marker(value)
        elif name in THIRD_PARTY:
            value = marker.whole(value)
        record[name] = value
    events = []
    for event in Event.select().where(Event.complaint == complaint).order_by(Event.at, Event.id):
        payload = {}
        for key, value in event.payload.items():
            if key == "handler" and isinstance(value, int):
                value = marker.whole(staff_by_id.get(value, f"#{value}"))
            elif isinstance(value, str):
                value = marker(value)
            payload[key] = value
        actor = event.actor
        if actor.startswith("staff:") and actor[6:].isdigit():     # intake.staff_actor
            actor = staff_by_id.get(int(actor[6:]), actor)
        events.append({"at": _iso(event.at), "kind": event.kind,
                       "by": marker.whole(actor), "internal": not event.public,
                       "text": marker(event.text), "details": payload})
    record["events"] = events
    record["notes"] = [e for e in events if e["kind"] == "note_added"]
    record["letters"] = [
        {"number": letter.number, "kind": letter.kind, "dated": _iso(letter.dated),
         "subject": marker(letter.subject), "text": marker(letter.body),
         "addressee": letter.addressee_lines, "sent_by_email_to": letter.email_to}
        for letter in Letter.select().where(Letter.complaint == complaint)
        .order_by(Letter.number)]
    record["call_back_requests"] = [
        {"requested_on": _iso(c.requested_on), "name": c.name, "phone": c.phone,
         "best_time": c.best_time, "subject": marker(c.subject), "state": c.state,
         "closing_note": marker(c.closing_note)}
        for c in CallbackRequest.select().where(CallbackRequest.complaint == complaint)]
    record["viewed_and_changed_by"] = [
        {"at": _iso(row.at), "who": marker.whole(row.staff_name) if row.staff_name else "system",
         "action": row.action}
        for row in AuditEntry.select().where(AuditEntry.complaint == complaint)
        .order_by(AuditEntry.at, AuditEntry.id)]
    measure_model = getattr(models, "Measure", None)     # the measures taken (issue 6)
    record["measures"] = [] if measure_model is None else [
        {"text": marker(m.text), "status": m.status, "due_on": _iso(m.due_on),
         "done_on": _iso(m.done_on)}
        for m in measure_model.select().where(measure_model.complaint == complaint)
        .order_by(measure_model.id)]
    record["attachments"] = []
    return record


def archive(complaint_ids: Iterable[int], staff: Staff, organisation: Organisation,
            render_html: Callable[[dict], str], readme: str,
            letter_pdf: Callable[[Letter, Complaint], bytes] | None = None) -> Archive:
    """The ZIP for these complaints; writes one audit row per complaint (EXPORTED) in the same
    transaction in which the data is read, so the trail says exactly what left the system.
    `render_html` makes a complaint's readable page from its record; `readme` is README.txt."""
    ids = sorted(set(int(i) for i in complaint_ids))
    staff_rows = list(Staff.select(Staff.id, Staff.name))
    staff_names = [s.name for s in staff_rows]
    staff_by_id = {s.id: s.name for s in staff_rows}
    known = [organisation.name, organisation.short_name, *organisation.units,
             *organisation.municipalities, *organisation.categories]
    buffer = io.BytesIO()
    marks = 0
    pdfs_left = MAX_PDFS
    with database.atomic():
        complaints = list(Complaint.select().where(Complaint.id.in_(ids),
                                                   Complaint.purged_on.is_null())
                          .order_by(Complaint.received_on, Complaint.id))
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("README.txt", readme)
            for complaint in complaints:
                folder = complaint.reference
                marker = _Marker(complaint, staff_names, known)
                record = complaint_record(complaint, marker, staff_by_id)
                for letter in Letter.select().where(Letter.complaint == complaint):
                    zf.writestr(f"{folder}/letters/letter-{letter.number}.txt",
                                marker(f"{letter.subject}\n\n{letter.body}\n"))
                    if letter_pdf and pdfs_left > 0:
                        try:
                            zf.writestr(f"{folder}/letters/letter-{letter.number}.pdf",
                                        letter_pdf(letter, complaint))
                            pdfs_left -= 1
                        except Exception:  # noqa: BLE001 — the text is there; say so, go on
                            log.exception("letter PDF for the access request failed")
                record["attachments"] = _add_attachments(zf, folder, complaint)
                marks += marker.marks
                zf.writestr(f"{folder}/complaint.json",
                            json.dumps(record, ensure_ascii=False, indent=2))
                zf.writestr(f"{folder}/complaint.html", render_html(record))
                audit.log(staff, EXPORTED, complaint,
                          detail=f"access request, {len(complaints)} complaint(s)")
    stamp = date.today().isoformat()
    return Archive(filename=f"inzageverzoek-{stamp}.zip", data=buffer.getvalue(),
                   complaints=len(complaints), marks=marks)


def _add_attachments(zf: zipfile.ZipFile, folder: str, complaint) -> list[dict]:
    """The complaint's files (klachtenloket.services.attachments)."""
    listed = []
    for number, item in enumerate(attachments.for_complaint(complaint), start=1):
        original = item.filename or f"file-{number}"
        safe = re.sub(r"[^\w.\-]+", "_", original.rsplit("/", 1)[-1])[:100] or f"file-{number}"
        path = attachments.path_of(item)
        try:
            with open(path, "rb") as fh:
                zf.writestr(f"{folder}/attachments/{number}-{safe}", fh.read())
        except OSError:
            log.warning("an attachment of %s could not be read", complaint.reference)
            continue
        listed.append({"file": f"attachments/{number}-{safe}", "name": original})
    return listed
