"""The spam queue (klachtenloket/services/spam.py), for the coordinator: complaints and call-back
requests held because they tripped the honeypot or came faster than a person types. Each is
released (a complaint into the register through the normal intake: a reference, the
acknowledgement; a call-back request into the list) or deleted with its files; both audited."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date, gettext as _, lazy_gettext as _l
from flask_login import current_user

from klachtenloket.domain.roles import COORDINATOR
from klachtenloket.models import HeldSubmission
from klachtenloket.services import spam
from klachtenloket.web import spam_guard
from klachtenloket.web.access import role_required
from klachtenloket.web.mail import acknowledgement_mails
from klachtenloket.web.organisation import current_organisation
from views.staff import bp

REASONS = {spam_guard.HONEYPOT: _l("A field that only machines see was filled in"),
           spam_guard.TOO_FAST: _l("Sent faster than a person can type"),
           spam_guard.NO_TIMESTAMP: _l("Sent without opening the form")}


@bp.app_template_global("spam_waiting")
def spam_waiting() -> int:
    return spam.count()


@bp.get("/spam")
@role_required(COORDINATOR)
def spam_queue():
    page = spam.queue(request.args.get("page", 1, type=int))
    return render_template("staff/spam.html", queue=page, reasons=REASONS,
                           answers=spam.answers, files=spam.files)


def _back_to_queue():
    return redirect(url_for(".spam_queue"), 303)


def _held(held_id: int) -> HeldSubmission | None:
    """The held submission, or None after telling that someone (a second click, a colleague)
    already registered or deleted it."""
    found = HeldSubmission.get_or_none(HeldSubmission.id == held_id)
    if found is None:
        flash(_("This one was already registered or deleted."), "staff")
    return found


@bp.post("/spam/<int:held_id>/toelaten")
@role_required(COORDINATOR)
def release_held(held_id: int):
    held = _held(held_id)
    if held is not None:
        released = spam.release(held, current_user, current_organisation(),
                                acknowledgement_mails)
        if released.complaint:
            flash(_("Registered as complaint %(reference)s.",
                    reference=released.complaint.reference), "staff")
        else:
            flash(_("Added to the call-back requests: call %(name)s back by %(date)s.",
                    name=released.callback.name,
                    date=format_date(released.callback.due_on, "full")), "staff")
    return _back_to_queue()


@bp.post("/spam/<int:held_id>/verwijderen")
@role_required(COORDINATOR)
def delete_held(held_id: int):
    held = _held(held_id)
    if held is not None:
        spam.delete(held, current_user, current_app.config)
        flash(_("Deleted."), "staff")
    return _back_to_queue()
