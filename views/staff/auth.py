"""Logging in and out, and the start page that says who is logged in."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from forms.staff import LoginForm
from klachtenloket.domain.roles import ADMINISTRATOR, COMPLAINT_ROLES, COORDINATOR, ROLES
from klachtenloket.services import accounts
from klachtenloket.web import access
from views import errors
from views.staff import bp, casework, configuration, letter_texts, people, registration, settings

REFUSED = _l("The e-mail address or password is not correct.")


@bp.route("/inloggen", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for(".start"))
    form = LoginForm()
    if form.validate_on_submit():
        staff = accounts.authenticate(form.email.data, form.password.data)
        if staff is not None:
            access.log_in(staff)
            return redirect(access.safe_next(request.args.get("next")) or url_for(".start"), 303)
        form.refused = REFUSED
    return render_template("staff/login.html", form=form)


@bp.errorhandler(CSRFError)
def stale_form(_error):
    """An expired login, register, step or administrator's form is shown again with what was
    typed; elsewhere, an error page."""
    if request.endpoint == "staff.register_complaint" and current_user.is_authenticated \
            and current_user.role in registration.register_complaint.allowed_roles:
        return registration.stale_register_form()
    if (request.endpoint or "").startswith("staff.step_") and current_user.is_authenticated:
        return casework.stale_step(request.endpoint)
    if request.endpoint in configuration.ENDPOINTS and current_user.is_authenticated \
            and current_user.role == ADMINISTRATOR:
        return configuration.stale_form()
    if request.endpoint in people.FORMS and current_user.is_authenticated \
            and current_user.role == ADMINISTRATOR:
        return people.stale_form(request.endpoint)
    if (request.endpoint or "").startswith("staff.settings_") and current_user.is_authenticated \
            and current_user.role == ADMINISTRATOR:
        return settings.stale_settings_form(request.endpoint)
    if request.endpoint in letter_texts.ENDPOINTS and current_user.is_authenticated \
            and current_user.role == ADMINISTRATOR:
        return letter_texts.stale_form(request.endpoint)
    if request.endpoint != "staff.login":
        return render_template("errors/http.html", code=400, **errors.layout()), 400
    form = LoginForm()
    form.validate()     # the token fails again: the form reports it in its error summary
    return render_template("staff/login.html", form=form), 400


@bp.post("/uitloggen")
@access.role_required(*ROLES)
def logout():
    access.log_out()
    flash(_("You are logged out."), "staff")
    return redirect(url_for(".login"), 303)


@bp.get("/")
@access.role_required(*ROLES)
def start():
    return render_template("staff/start.html", sees_complaints=current_user.role in COMPLAINT_ROLES,
                           may_register=current_user.role == COORDINATOR)
