"""The register as open data (Woo), for readers and the coordinator: choose a period, see how
many complaints it holds, download it as CSV or JSON (klachtenloket.services.open_data). Each
download is written to the audit trail; the file streams, however large the register."""
from __future__ import annotations

from flask import Response, abort, render_template, request, stream_with_context
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from forms.open_data import Download, Period, last_year
from klachtenloket.db import database
from klachtenloket.domain.roles import COORDINATOR, READER
from klachtenloket.services import audit, open_data
from klachtenloket.web.access import role_required
from klachtenloket.web.organisation import current_organisation
from views import public
from views.staff import bp

MIMETYPES = {"csv": "text/csv", "json": "application/json"}
# What each column of the file says (open_data.COLUMNS), for the page.
COLUMN_MEANINGS = {
    "reference": _l("The complaint's reference, such as KL-2024-00042"),
    "received_on": _l("The date we received the complaint"),
    "handled_on": _l("The date the complaint was decided or ended; empty while it runs"),
    "channel": _l("How it came in: web, email, phone, letter or desk"),
    "unit": _l("The team it is about"),
    "category": _l("The kind of complaint"),
    "municipality": _l("The municipality of the person who complained"),
    "procedure": _l("informal or formal"),
    "outcome": _l("The outcome, such as upheld or not_upheld; withdrawn, declined or "
                  "forwarded when it ended without a decision"),
    "within_term": _l("yes or no: decided within the legal term; empty without a decision"),
    "measures": _l("How many measures were taken (only the number)"),
}


@bp.get("/open-data")
@role_required(COORDINATOR, READER)
def open_data_page():
    asked = "date_from" in request.args or "date_to" in request.args
    period = Period(request.args if asked else None, data=last_year(public.today()))
    valid = period.validate()
    found = open_data.count(period.start, period.end) if valid else None
    return render_template("staff/open_data.html", period=period, valid=valid, found=found,
                           columns=open_data.COLUMNS,
                           column_meanings=COLUMN_MEANINGS)


@bp.post("/open-data/download")
@role_required(COORDINATOR, READER)
def open_data_download():
    form = Download()
    period = Period(data={"date_from": form.date_from.data, "date_to": form.date_to.data})
    if not form.validate() or not period.validate():
        abort(400)
    fmt, start, end = form.format.data, period.start, period.end
    with database.atomic():
        audit.log(current_user, open_data.EXPORTED, detail=open_data.describe(fmt, start, end))
    chunks = open_data.chunks(fmt, start, end, current_organisation().name)
    name = open_data.file_name(fmt, start, end)
    return Response(stream_with_context(chunks), mimetype=MIMETYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "Cache-Control": "no-store"})
