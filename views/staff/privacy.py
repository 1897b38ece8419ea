"""Privacy (AVG) in the back office, for the coordinator (issue 7): the retention period, an
access request (inzageverzoek: one person's complaints as one ZIP, other people's names marked
for redaction; klachtenloket.services.access_request) and the staff-views log
(views/staff/audit.py). Readers and handlers do not see these pages: they show every
complaint's personal data at once and who looked at it, which is the coordinator's to handle."""
from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from forms.privacy import AccessExport, PersonSearch
from klachtenloket.domain.roles import COORDINATOR
from klachtenloket.services import access_request, letters
from klachtenloket.web.access import role_required
from klachtenloket.web.labels import CHANNELS, STATES
from klachtenloket.web.organisation import current_organisation
from views.staff import bp


@bp.get("/privacy")
@role_required(COORDINATOR)
def privacy():
    return render_template("staff/privacy/index.html",
                           retention_months=current_organisation().retention_months)


def _search_page(search: PersonSearch, export: AccessExport, status: int = 200):
    found = access_request.search(search.q.data) if search.validate() else []
    if found:
        export.first_choice = found[0].id
    return render_template("staff/privacy/access_request.html", search=search, export=export,
                           found=found, searched=bool(search.q.data), channels=CHANNELS,
                           states=STATES), status


@bp.get("/privacy/inzage")
@role_required(COORDINATOR)
def access_request_page():
    search = PersonSearch(request.args)
    return _search_page(search, AccessExport(data={"q": search.q.data or ""}))


@bp.post("/privacy/inzage")
@role_required(COORDINATOR)
def access_request_export():
    export = AccessExport()
    search = PersonSearch(data={"q": export.q.data or ""})
    if not export.validate():
        return _search_page(search, export, status=422)
    # Only complaints the search finds: a forged id of another person's complaint is ignored.
    allowed = {c.id for c in access_request.search(search.q.data)}
    chosen = [i for i in export.complaints.data if i in allowed]
    if not chosen:
        export.complaints.errors = [_("Tick at least one complaint")]
        return _search_page(search, export, status=422)
    result = access_request.archive(
        chosen, current_user, current_organisation(),
        render_html=lambda record: render_template("staff/privacy/export_complaint.html",
                                                   record=record, channels=CHANNELS,
                                                   states=STATES),
        readme=render_template("staff/privacy/export_readme.txt",
                               staff_name=current_user.name),
        letter_pdf=letters.pdf)
    return Response(result.data, mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{result.filename}"',
                             "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})
