"""Measures: added on the complaint page, and the list of open measures across all complaints
(klachtenloket.services.measures). Plain POST-redirect-GET; a form with a mistake shows its
page again with the message and what was typed."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forms.measures import MeasureForm, MeasureStatusForm
from klachtenloket.domain.roles import COMPLAINT_ROLES, HANDLER
from klachtenloket.models import Measure
from klachtenloket.services import measures
from klachtenloket.web.access import role_required
from views import public
from views.staff import bp
from views.staff.casework import complaint_and_case, render_page


@bp.post("/klachten/<reference>/maatregel")
@role_required(*COMPLAINT_ROLES)
def add_measure(reference: str):
    complaint, case = complaint_and_case(reference)
    if not measures.may_add(current_user, complaint, case):
        abort(403)
    form = MeasureForm(formdata=request.form, owners=measures.owners())
    if not form.validate():
        return render_page(complaint, case, measure_form=form)
    measures.add(complaint, form.text.data, form.owner.data, form.due_date, current_user)
    flash(_("The measure is added."), "staff")
    return redirect(url_for(".complaint", reference=reference, _anchor="measures"), 303)


@bp.get("/maatregelen")
@role_required(*COMPLAINT_ROLES)
def open_measures():
    """The coordinator and managers see every open measure; a handler their own."""
    mine = current_user.role == HANDLER or request.args.get("van") == "mij"
    page = measures.open_measures(request.args.get("pagina", 1, type=int),
                                  owner=current_user if mine else None)
    forms = {item.id: MeasureStatusForm(measure_id=item.id, data={"status": item.status})
             for item in page.items}
    return render_template("staff/measures.html", page=page, forms=forms, mine=mine,
                           may_change={item.id: measures.may_change(current_user, item)
                                       for item in page.items})


@bp.post("/maatregelen/<int:measure_id>/status")
@role_required(*COMPLAINT_ROLES)
def measure_status(measure_id: int):
    measure = Measure.get_or_none(Measure.id == measure_id)
    if measure is None:
        abort(404)
    if not measures.may_change(current_user, measure):
        abort(403)
    form = MeasureStatusForm(formdata=request.form, measure_id=measure_id)
    if not form.validate():
        abort(400)
    measures.set_status(measure, form.status.data, current_user, public.today())
    flash(_("The status of the measure is saved."), "staff")
    if request.form.get("back") == "complaint":
        return redirect(url_for(".complaint", reference=measure.complaint.reference,
                                _anchor="measures"), 303)
    return redirect(url_for(".open_measures"), 303)
