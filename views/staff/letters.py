"""A complaint's letters in the back office (klachtenloket.services.letters): the list the
complaint page includes (templates/staff/_letters.html, through the template global
`letters_for`) and each letter as a PDF for the post.

Who may open a letter is who may open the complaint: the coordinator and readers every one, a
handler those assigned to them (casework.may_see). Opening one is written to the audit trail.
"""
from flask import Response, abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from klachtenloket.db import database
from klachtenloket.domain.roles import COMPLAINT_ROLES
from klachtenloket.models import Complaint, OutboxMail
from klachtenloket.services import audit, letters
from klachtenloket.web.access import role_required
from views.staff import bp
from views.staff.casework import visible_complaint

# What staff call each kind of letter.
KIND_LABELS = {"acknowledgement": _l("Confirmation of receipt"),
               "declined": _l("Not handled (Awb 9:8)"),
               "extended": _l("Extension (Awb 9:11)"),
               "decided": _l("Decision (Awb 9:12)")}
# How far its e-mail got (OutboxMail.status).
MAIL_LABELS = {OutboxMail.PENDING: _l("waiting to be sent"),
               OutboxMail.SENDING: _l("being sent"),
               OutboxMail.SENT: _l("sent"),
               OutboxMail.FAILED: _l("failed: send it by post")}


@bp.app_template_global("letters_for")
def letters_for(complaint: Complaint) -> list:
    """The complaint's letters, oldest first (for templates/staff/_letters.html)."""
    return letters.for_complaint_letters(complaint)


@bp.app_template_filter("letter_kind_label")
def letter_kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


@bp.app_template_filter("letter_mail_label")
def letter_mail_label(status: str) -> str:
    return str(MAIL_LABELS.get(status, status))


def pdf_response(letter, complaint: Complaint) -> Response:
    """The letter as a PDF download (never cached: it holds personal data)."""
    name = f"{complaint.reference}-{letter.number}.pdf"
    return Response(letters.pdf(letter, complaint), mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/klachten/<reference>/brieven/<int:number>")
@role_required(*COMPLAINT_ROLES)
def letter_pdf(reference: str, number: int):
    complaint = visible_complaint(reference)
    letter = letters.find(complaint, number)
    if letter is None:
        abort(404)
    with database.atomic():
        audit.log(current_user, audit.VIEWED, complaint, detail=f"letter {number} (PDF)")
    return pdf_response(letter, complaint)
