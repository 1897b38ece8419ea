"""A complaint's audit trail, for the coordinator: who opened or changed it, and when; newest
first, 50 a page (klachtenloket.services.audit). Readers and handlers do not see it: it tells
who looked at a complaint, which is the coordinator's to check (issue 4, "Audit")."""
from flask import abort, render_template, request
from flask_babel import gettext as _, lazy_gettext as _l

from klachtenloket.domain.roles import COORDINATOR
from klachtenloket.models import Complaint
from klachtenloket.services import audit
from klachtenloket.web.access import role_required
from klachtenloket.web.labels import CHANNELS
from views.staff import bp

# What a stored step is called in the trail (klachtenloket.domain.states.TRANSITIONS).
STEPS = {
    "received": _l("Complaint received"),
    "acknowledged": _l("Receipt confirmed"),
    "first_contact_made": _l("First contact made"),
    "assigned": _l("Handler chosen"),
    "procedure_chosen": _l("Procedure chosen"),
    "copy_sent": _l("Copy sent to the person the complaint is about"),
    "hearing_planned": _l("Hearing planned"),
    "hearing_held": _l("Hearing held"),
    "hearing_waived": _l("Decided not to hold a hearing"),
    "suspended": _l("Term paused"),
    "resumed": _l("Term running again"),
    "extended": _l("Term extended"),
    "information_added": _l("The complainant added information"),
    "forwarded": _l("Complaint forwarded"),
    "declined": _l("Decided not to handle the complaint"),
    "withdrawn": _l("Complaint withdrawn"),
    "decided": _l("Decision made"),
    "closed": _l("Complaint closed"),
    "link_sent": _l("A new link to the complaint was sent"),
    "note_added": _l("Internal note added"),
    "classified": _l("Classification changed"),
}


def action_text(entry) -> str:
    """The row's action in words; a code without words yet is shown as stored."""
    if entry.action == audit.VIEWED:
        return _("Opened the complaint")
    if entry.action == audit.REGISTERED:
        channel = CHANNELS.get(entry.detail)
        return _("Registered the complaint (%(channel)s)", channel=channel) if channel \
            else _("Registered the complaint")
    if entry.action.startswith(audit.STEP):
        kind = entry.action[len(audit.STEP):]
        return _("Step: %(step)s", step=STEPS.get(kind, kind))
    return entry.action


@bp.get("/klachten/<reference>/logboek")
@role_required(COORDINATOR)
def audit_trail(reference: str):
    complaint = Complaint.get_or_none(Complaint.reference == reference)
    if complaint is None:
        abort(404)
    trail = audit.trail(complaint, page=request.args.get("page", 1, type=int))
    return render_template("staff/audit.html", complaint=complaint, trail=trail,
                           action_text=action_text)
