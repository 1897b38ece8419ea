"""Files residents send with a complaint or with information they add later.

A file is checked completely before anything is written (klachtenloket.services.file_checks:
type, content and structure; clamav when CLAMD_SOCKET is set, failing closed), then stored in
the uploads folder (backup.uploads_dir: UPLOAD_FOLDER or instance/uploads, outside static/)
under a random name, mode 0600. Its own name is kept only as display text.

While a complaint is written, its files are pending: tied to the draft's key, so they survive
the check page and a form shown again with errors. Sending the complaint claims them (`claim`);
pending files of drafts nobody finished go after drafts.KEEP, as the drafts do.

The privacy helpers use `for_complaint`, `path_of` and `delete_for`.
"""
from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l

from klachtenloket.db import database
from klachtenloket.models import Attachment, Complaint, Draft, HeldSubmission
from klachtenloket.models.base import utcnow
from klachtenloket.services import clamav, file_checks
from klachtenloket.services.backup import uploads_dir
from klachtenloket.services.drafts import KEEP
from klachtenloket.services.file_checks import Refused

MB = 1024 * 1024
MAX_FILES = 10          # per complaint, with the size caps (ATTACHMENT_MAX_FILE, _TOTAL)

SCANNER_DOWN = _l("We cannot check files for viruses right now, so we did not keep this file. "
                  "Try again later. Everything else you typed is kept.")
INFECTED = _l("This file contains a virus. We did not keep it.")


def _megabytes(size: int) -> str:
    return f"{size / MB:g} MB"


def accept(name: str, data: bytes, used: list[Attachment], config) -> file_checks.Checked:
    """Checks one file against the caps (`used`: the files the complaint already has), its type
    and content, and the virus scanner. Raises Refused with the reason for the resident."""
    per_file, total = config["ATTACHMENT_MAX_FILE"], config["ATTACHMENT_MAX_TOTAL"]
    if len(used) >= MAX_FILES:
        raise Refused(_l("You can send at most %(count)d files.", count=MAX_FILES))
    if len(data) > per_file:
        raise Refused(_l("This file is larger than %(size)s. Send a smaller file.",
                         size=_megabytes(per_file)))
    if sum(a.size for a in used) + len(data) > total:
        raise Refused(_l("All files together may be at most %(size)s. Remove a file or send a "
                         "smaller one.", size=_megabytes(total)))
    checked = file_checks.check(name, data)
    if config.get("CLAMD_SOCKET"):
        try:
            clamav.scan(config["CLAMD_SOCKET"], data)
        except clamav.Infected as infected:
            current_app.logger.warning("attachment refused: virus %s", infected.signature)
            raise Refused(INFECTED) from None
        except clamav.Unavailable as down:
            current_app.logger.error("attachment refused: virus scanner unavailable (%s)", down)
            raise Refused(SCANNER_DOWN) from None
    return checked


def _write(data: bytes, config) -> str:
    folder = uploads_dir(config)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stored_name = secrets.token_hex(16)
    fd = os.open(folder / stored_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return stored_name


def _store(checked: file_checks.Checked, data: bytes, config, **owner) -> Attachment:
    stored_name = _write(data, config)
    try:
        with database.atomic():
            return Attachment.create(stored_name=stored_name, filename=checked.filename,
                                     content_type=checked.content_type, size=len(data),
                                     sha256=hashlib.sha256(data).hexdigest(), **owner)
    except Exception:
        (uploads_dir(config) / stored_name).unlink(missing_ok=True)
        raise


def pending(draft_key: str | None) -> list[Attachment]:
    if not draft_key:
        return []
    return list(Attachment.select().where(Attachment.draft_key == draft_key,
                                          Attachment.complaint.is_null())
                .order_by(Attachment.id))


def store_pending(draft_key: str, name: str, data: bytes, config) -> Attachment:
    """A file for the complaint being written under `draft_key`; raises Refused."""
    forget_stale(config)
    checked = accept(name, data, pending(draft_key), config)
    return _store(checked, data, config, draft_key=draft_key)


def accept_all(complaint: Complaint, files: list[tuple[str, bytes]], config) -> list[tuple]:
    """Checks files to add to a stored complaint, together: (name, the reason) for each refused
    one, or [] when all may be kept. Nothing is written."""
    used, refused = for_complaint(complaint), []
    for name, data in files:
        try:
            accept(name, data, used, config)
            used.append(Attachment(size=len(data)))
        except Refused as problem:
            refused.append((file_checks.display_name(name), problem.message))
    return refused


def store_for_complaint(complaint: Complaint, files: list[tuple[str, bytes]], config,
                        event=None) -> list[Attachment]:
    """Files the resident adds to a stored complaint (with `event`, the information added),
    after accept_all found them all fit; raises Refused should one fail after all."""
    stored = []
    for name, data in files:
        checked = file_checks.check(name, data)    # cheap; the virus scan ran in accept_all
        stored.append(_store(checked, data, config, complaint=complaint, event=event))
    return stored


def remove_pending(draft_key: str, attachment_id: int, config) -> Attachment | None:
    found = Attachment.get_or_none(Attachment.id == attachment_id,
                                   Attachment.draft_key == draft_key,
                                   Attachment.complaint.is_null())
    if found is not None:
        with database.atomic():
            found.delete_instance()
        (uploads_dir(config) / found.stored_name).unlink(missing_ok=True)
    return found


def claim(draft_key: str, complaint: Complaint) -> int:
    """Ties the draft's pending files to the sent complaint (inside the caller's transaction)."""
    return (Attachment.update(complaint=complaint)
            .where(Attachment.draft_key == draft_key, Attachment.complaint.is_null())
            .execute())


def delete_pending(draft_key: str, config) -> int:
    """Removes the pending files of a draft or held submission; returns the files removed."""
    return _delete(list(Attachment.select().where(Attachment.draft_key == draft_key,
                                                  Attachment.complaint.is_null())), config)


def forget_stale(config) -> int:
    """Pending files whose draft expired (and that no held submission keeps)."""
    stale = (Attachment.select()
             .where(Attachment.complaint.is_null(), Attachment.uploaded_at < utcnow() - KEEP,
                    Attachment.draft_key.not_in(Draft.select(Draft.key)),
                    Attachment.draft_key.not_in(HeldSubmission.select(
                        HeldSubmission.submission_key))))
    return _delete(list(stale), config)


def for_complaint(complaint: Complaint) -> list[Attachment]:
    """The complaint's files, oldest first."""
    return list(Attachment.select().where(Attachment.complaint == complaint)
                .order_by(Attachment.uploaded_at, Attachment.id))


def find(complaint: Complaint, attachment_id: int) -> Attachment | None:
    return Attachment.get_or_none(Attachment.id == attachment_id,
                                  Attachment.complaint == complaint)


def path_of(attachment: Attachment, config=None) -> Path:
    """Where the file is on disk (in the app's uploads folder)."""
    return uploads_dir(config or current_app.config) / attachment.stored_name


def delete_for(complaint_ids: list[int], config=None) -> int:
    """Removes the files and rows of these complaints' attachments; returns the files removed."""
    if not complaint_ids:
        return 0
    return _delete(list(Attachment.select().where(Attachment.complaint.in_(complaint_ids))),
                   config or current_app.config)


def _delete(found: list[Attachment], config) -> int:
    removed = 0
    with database.atomic():
        if found:
            Attachment.delete().where(Attachment.id.in_([a.id for a in found])).execute()
    for attachment in found:
        path = uploads_dir(config) / attachment.stored_name
        if path.exists():
            path.unlink()
            removed += 1
    return removed
