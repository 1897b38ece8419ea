"""The register of complaints (the inbox): the nearest deadline first, filters, search, 50 a
page; a handler sees the complaints assigned to them, the coordinator counters on top.

One template, two ways in: the full page includes the list partial; an htmx request gets only
the partial. History restores (the back button) ask for the whole page again.
"""
from flask import make_response, render_template, request
from flask_login import current_user

from forms.staff import ComplaintFilter
from klachtenloket.domain.roles import COMPLAINT_ROLES, COORDINATOR, HANDLER
from klachtenloket.services import callbacks, casework, register
from klachtenloket.web.access import role_required
from klachtenloket.web.organisation import current_organisation
from views import public
from views.staff import bp, settings_intake


def wants_partial() -> bool:
    # htmx restores history (the back button) by fetching the URL again and swapping the answer
    # into <body>: that needs the whole page. htmx 2 sends HX-Request with it, 4.0.1 does not.
    return bool(request.headers.get("HX-Request")) and \
        not request.headers.get("HX-History-Restore-Request")


@bp.get("/klachten")
@role_required(*COMPLAINT_ROLES)
def complaints():
    today = public.today()
    scope = register.ASSIGNED if current_user.role == HANDLER else register.ALL
    listing = register.complaints_for(current_user, register.clean_filters(request.args, scope),
                                      page=request.args.get("page", 1, type=int), today=today)
    if wants_partial():
        template, extra = "staff/_complaints.html", {}
    else:
        template = "staff/complaints.html"
        extra = {
            "filters": ComplaintFilter(request.args, handlers=casework.assignable_staff(),
                                       units=current_organisation().units,
                                       with_handler=listing.scope == register.ALL),
            "counters": register.counters(today) if current_user.role == COORDINATOR else [],
            "callback_count": callbacks.open_count(today) if current_user.role == COORDINATOR
            and callbacks.enabled(current_organisation()) else None,
        }
        if extra["filters"].unit:     # each team with its manager (settings), when it has one
            extra["filters"].unit.choices = settings_intake.with_managers(
                extra["filters"].unit.choices)
    response = make_response(render_template(template, listing=listing, **extra))
    response.vary.update(("HX-Request", "HX-History-Restore-Request"))
    return response
