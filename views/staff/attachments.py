"""A complaint's files in the back office: the list the complaint page includes
(templates/staff/_attachments.html, through the template global `attachments_for`) and each file
as a download.

Who may download a file is who may open the complaint (casework.may_see). The file goes out as
an attachment (never shown inline, so a file that slipped past the checks cannot run in the
portal's origin), with nosniff, uncached; each download is written to the audit trail.
"""
from flask import abort, send_file
from flask_login import current_user

from klachtenloket.db import database
from klachtenloket.domain.roles import COMPLAINT_ROLES
from klachtenloket.models import Complaint
from klachtenloket.services import attachments, audit
from klachtenloket.web.access import role_required
from views.staff import bp
from views.staff.casework import visible_complaint


@bp.app_template_global("attachments_for")
def attachments_for(complaint: Complaint) -> list:
    return attachments.for_complaint(complaint)


@bp.get("/klachten/<reference>/bestanden/<int:attachment_id>")
@role_required(*COMPLAINT_ROLES)
def attachment_download(reference: str, attachment_id: int):
    complaint = visible_complaint(reference)
    found = attachments.find(complaint, attachment_id)
    path = attachments.path_of(found) if found else None
    if path is None or not path.is_file():
        abort(404)
    with database.atomic():
        audit.log(current_user, audit.VIEWED, complaint, detail=f"file {found.id} (download)")
    response = send_file(path, mimetype=found.content_type, as_attachment=True,
                         download_name=found.filename, max_age=0, conditional=False,
                         etag=False)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response
