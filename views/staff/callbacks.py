"""Call-back requests in the back office (seed 000): the coordinator (or customer service, who
work with a coordinator's account: there is no role of their own) writes one down for a caller,
sees the open ones with the nearest due date first, and ends each: registered as a complaint
(views/staff/registration.py, prefilled) or closed with a note.

Only where the organisation takes call-back requests; elsewhere these pages do not exist."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import format_date, gettext as _
from flask_login import current_user

from forms.callback import CloseCallbackForm, StaffCallbackForm
from klachtenloket.domain.roles import COORDINATOR
from klachtenloket.models import CallbackRequest, Staff
from klachtenloket.services import callbacks
from klachtenloket.web.access import role_required
from klachtenloket.web.organisation import current_organisation
from views import public
from views.callback import new_key
from views.staff import bp


def _offered() -> None:
    if not callbacks.enabled(current_organisation()):
        abort(404)


@bp.get("/terugbelverzoeken")
@role_required(COORDINATOR)
def callback_requests():
    _offered()
    return render_template("staff/callbacks.html", requests=callbacks.open_requests(),
                           today=public.today())


@bp.route("/terugbelverzoeken/nieuw", methods=["GET", "POST"])
@role_required(COORDINATOR)
def record_callback_request():
    _offered()
    form = StaffCallbackForm()
    if not form.is_submitted():
        form.key.data = new_key()
    if not form.validate_on_submit():
        return render_template("staff/callback_record.html", form=form)
    made = callbacks.create(form.key.data or new_key(), form.request_data(),
                            current_organisation(), callbacks.CUSTOMER_SERVICE, public.today(),
                            staff=current_user)
    flash(_("Recorded: call %(name)s back by %(date)s.", name=made.request.name,
            date=format_date(made.request.due_on, "full")), "staff")
    return redirect(url_for(".callback_requests"), 303)


def _request_or_404(callback_id: int) -> CallbackRequest:
    found = CallbackRequest.get_or_none(CallbackRequest.id == callback_id)
    if found is None:
        abort(404)
    return found


def _page(found: CallbackRequest, form: CloseCallbackForm | None = None):
    ids = {i for i in (found.recorded_by, found.closed_by) if i}
    names = {s.id: s.name for s in Staff.select(Staff.id, Staff.name).where(Staff.id.in_(ids))} \
        if ids else {}
    return render_template("staff/callback.html", callback=found, staff_names=names,
                           today=public.today(), form=form or CloseCallbackForm(formdata=None))


@bp.get("/terugbelverzoeken/<int:callback_id>")
@role_required(COORDINATOR)
def callback_request(callback_id: int):
    _offered()
    return _page(_request_or_404(callback_id))


@bp.post("/terugbelverzoeken/<int:callback_id>/sluiten")
@role_required(COORDINATOR)
def close_callback_request(callback_id: int):
    _offered()
    found = _request_or_404(callback_id)
    form = CloseCallbackForm()
    if not form.validate():
        return _page(found, form)       # like a refused step: 200, the note kept
    try:
        callbacks.close(found, form.note.data, current_user)
    except callbacks.AlreadyHandled:
        flash(_("This call-back request was already handled."), "staff")
        return redirect(url_for(".callback_request", callback_id=found.id), 303)
    flash(_("The call-back request of %(name)s is closed.", name=found.name), "staff")
    return redirect(url_for(".callback_requests"), 303)
