"""The coordinator registers a complaint that came by phone, letter, e-mail or at the desk
(Awb 9:2), then sees its reference, its deadlines and, for a letter, what Awb 9:4 asks for that
it lacks. A letter missing parts is registered all the same."""
import secrets

from flask import redirect, render_template, request, url_for
from flask_login import current_user

from forms.staff import RegisterComplaintForm
from klachtenloket.db import database
from klachtenloket.domain.roles import COORDINATOR
from klachtenloket.services import callbacks, intake
from klachtenloket.services.deadlines import for_complaint
from klachtenloket.web.access import role_required
from klachtenloket.web.mail import acknowledgement_mails
from klachtenloket.web.organisation import current_organisation
from views import public
from views.staff import bp
from views.staff.casework import complaint_or_404


def today():
    """Today in Amsterdam: the latest date a complaint can have been received."""
    return public.today()


def new_key() -> str:
    return "staff-" + secrets.token_hex(16)


def register_form(**kwargs) -> RegisterComplaintForm:
    return RegisterComplaintForm(org=current_organisation(), today=today(), **kwargs)


def callback_request():
    """The open call-back request this complaint comes from (?callback=, then the form's hidden
    field), or None."""
    if not callbacks.enabled(current_organisation()):
        return None
    return callbacks.find_open(request.values.get("callback"))


def render_register(form: RegisterComplaintForm, status: int = 200):
    return render_template("staff/register.html", form=form, callback=callback_request()), status


@bp.route("/klachten/registreren", methods=["GET", "POST"])
@role_required(COORDINATOR)
def register_complaint():
    form = register_form()
    if not form.is_submitted():
        form.key.data = new_key()
        form.received_on.data = today().strftime("%d-%m-%Y")
        form.language.data = "nl"
        callback = callback_request()
        if callback:    # the caller the coordinator phoned back
            form.channel.data = "phone"
            form.name.data, form.phone.data = callback.name, callback.phone
    if not form.validate_on_submit():
        return render_register(form)   # like the login page: 200 with the errors shown
    callback = callback_request()
    with database.atomic():    # the complaint and the end of its call-back request, together
        registered = intake.register(
            form.complaint_data(), current_organisation(), current_user, form.channel.data,
            form.received_date, today(), form.language.data, acknowledgement_mails,
            submission_key=form.key.data or new_key())
        if callback:
            callbacks.mark_registered(callback, registered.complaint, current_user)
    return redirect(url_for(".registered", reference=registered.complaint.reference), 303)


def stale_register_form():
    """An expired token: the form again, with everything typed and the problem on top."""
    form = register_form()
    form.validate()
    return render_register(form, 400)


@bp.get("/klachten/<reference>/geregistreerd")
@role_required(COORDINATOR)
def registered(reference: str):
    complaint = complaint_or_404(reference)
    return render_template("staff/registered.html", complaint=complaint,
                           deadlines=for_complaint(complaint),
                           missing=complaint.letter_missing_parts())
