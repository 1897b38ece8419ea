"""A complaint's audit trail, for the coordinator: who opened or changed it, and when; newest
first, 50 a page (klachtenloket.services.audit). Readers and handlers do not see it: it tells
who looked at a complaint, which is the coordinator's to check (issue 4, "Audit").

The staff-views log (issue 7, "Privacy (AVG)"): the whole trail for the privacy officer, chosen
per period and per staff member, and that selection as CSV (klachtenloket.services.staff_log);
the export is itself written to the trail. No route here or anywhere changes or removes a row,
and the database refuses it (migration 0008)."""
from datetime import date

from flask import Response, abort, render_template, request
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user

from forms.privacy import LogExport, LogFilter
from klachtenloket.domain.roles import COORDINATOR
from klachtenloket.services import access_request, audit, purge, staff_log
from klachtenloket.web.access import role_required
from klachtenloket.web.labels import CHANNELS
from views.staff import bp
from views.staff.casework import complaint_or_404

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
    words = OTHER_ACTIONS.get(entry.action)
    return str(words) if words else entry.action


# Actions of the privacy work (issue 7) and of the letters; the others are shown as stored.
OTHER_ACTIONS = {
    purge.PURGED: _l("Personal data removed (retention period over)"),
    access_request.EXPORTED: _l("Exported for an access request"),
    staff_log.EXPORTED: _l("Downloaded the staff-views log"),
    "exported:open_data": _l("Downloaded the open data"),
    audit.STAFF_CREATED: _l("Staff account created"),
    audit.STAFF_DISABLED: _l("Staff account disabled"),
    audit.STAFF_ENABLED: _l("Staff account enabled again"),
    audit.STAFF_PASSWORD_SET: _l("Password of a staff account set"),
    audit.STAFF_ROLE_CHANGED: _l("Role of a staff account changed"),
    audit.STAFF_SESSIONS_ENDED: _l("All sessions of a staff account ended"),
    "staff:two_factor_enrolled": _l("Two-step login set up"),
    "staff:two_factor_reset": _l("Two-step login reset"),
    "configuration:changed": _l("Configuration changed"),
    "measure:added": _l("Measure added"),
    "measure:status": _l("Measure changed"),
    "report:text_saved": _l("Yearly report text saved"),
    "spam:released": _l("Held submission released"),
    "spam:deleted": _l("Held submission deleted"),
}


@bp.get("/klachten/<reference>/logboek")
@role_required(COORDINATOR)
def audit_trail(reference: str):
    complaint = complaint_or_404(reference)
    trail = audit.trail(complaint, page=request.args.get("page", 1, type=int))
    return render_template("staff/audit.html", complaint=complaint, trail=trail,
                           action_text=action_text)


def _log_filter() -> LogFilter:
    return LogFilter(request.args, staff_members=staff_log.staff_members())


@bp.get("/privacy/logboek")
@role_required(COORDINATOR)
def staff_views_log():
    filters = _log_filter()
    valid = filters.validate()
    selection = filters.selection if valid else {}
    log_page = staff_log.page(number=request.args.get("page", 1, type=int), **selection)
    export = LogExport(data=filters.query_args)
    return render_template("staff/audit.html", complaint=None, trail=log_page, filters=filters,
                           export=export, action_text=action_text, valid=valid,
                           today=date.today())


@bp.post("/privacy/logboek/csv")
@role_required(COORDINATOR)
def staff_views_log_csv():
    form = LogExport()
    if not form.validate():
        abort(400)
    filters = LogFilter(data={"date_from": form.date_from.data, "date_to": form.date_to.data,
                              "staff": form.staff.data},
                        staff_members=staff_log.staff_members())
    if not filters.validate():
        abort(400)
    headers = (_("When"), _("Staff number"), _("Who"), _("Complaint"), _("What"),
               _("Action code"), _("Detail"))
    text = staff_log.export_csv(current_user, action_text, headers=headers,
                                **filters.selection)
    name = f"logboek-{date.today().isoformat()}.csv"
    # A byte-order mark, so a spreadsheet reads the names' accents as UTF-8.
    return Response("\ufeff" + text, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "Cache-Control": "no-store"})
