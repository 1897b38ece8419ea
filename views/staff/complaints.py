"""The register of complaints: filter by state, 50 a page.

One template, two ways in: the full page includes the list partial; an htmx request gets only
the partial. History restores (the back button) ask for the whole page again.
"""
from flask import make_response, render_template, request
from flask_login import current_user

from forms.staff import ComplaintFilter
from klachtenloket.domain.roles import COMPLAINT_ROLES
from klachtenloket.services import register
from klachtenloket.web.access import role_required
from views.staff import bp


def wants_partial() -> bool:
    # htmx restores history (the back button) by fetching the URL again and swapping the answer
    # into <body>: that needs the whole page. htmx 2 sends HX-Request with it, 4.0.1 does not.
    return bool(request.headers.get("HX-Request")) and \
        not request.headers.get("HX-History-Restore-Request")


@bp.get("/klachten")
@role_required(*COMPLAINT_ROLES)
def complaints():
    listing = register.complaints_for(current_user, state=request.args.get("state"),
                                      page=request.args.get("page", 1, type=int))
    template = "staff/_complaints.html" if wants_partial() else "staff/complaints.html"
    response = make_response(render_template(template, listing=listing,
                                             filters=ComplaintFilter(request.args)))
    response.vary.update(("HX-Request", "HX-History-Restore-Request"))
    return response
