"""Logging in and out, and the start page that says who is logged in.

A login has two steps: the password (/beheer/inloggen), then a code from the authenticator app
or a backup code (/inloggen/code). An account without the app yet enrols instead
(/inloggen/instellen): a QR code, the secret as text, one code to confirm, and ten backup codes
shown once. A one-time password is replaced by one's own right after (/wachtwoord).

Wrong passwords and codes are counted per typed address and network address
(klachtenloket.services.sessions): after ten, a cool-off. An unknown address, a wrong password
and a disabled account get the same message.
"""
from flask import (flash, make_response, redirect, render_template, request, session,
                   url_for)
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import HTTPException

from forms.auth import ChoosePasswordForm, CodeForm, EnrolForm
from forms.staff import LoginForm
from klachtenloket.domain.roles import ADMINISTRATOR, COMPLAINT_ROLES, COORDINATOR, ROLES
from klachtenloket.models import Staff
from klachtenloket.services import accounts, sessions, two_factor
from klachtenloket.web import access, limits
from klachtenloket.web.organisation import current_organisation
from views import errors
from views.staff import bp, casework, configuration, letter_texts, people, registration, settings

REFUSED = _l("The e-mail address or password is not correct.")
WRONG_CODE = _l("This code is not right. Check the app and type the code it shows now. A code "
                "works only once.")
COOLING_OFF = _l("There were too many wrong tries. Wait 15 minutes and try again.")
ENROL_SECRET_KEY = "staff_enrol_secret"


def _address() -> str:
    # The client's address, also behind the reverse proxy on this machine (as the rate limits).
    return limits.client_address()


def _after_login(next_url: str | None):
    return redirect(access.safe_next(next_url) or url_for(".start"), 303)


@bp.route("/inloggen", methods=["GET", "POST"])
@limits.posts("login")
def login():
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for(".start"))
    form = LoginForm()
    if limits.refused():    # too many tries from this network address: no password checked
        form.validate()
        form.refused = limits.MESSAGE
        return render_template("staff/login.html", form=form)   # 429 (klachtenloket/web/limits.py)
    if form.validate_on_submit():
        if sessions.cooling_off(form.email.data, _address()):
            form.refused = COOLING_OFF
            return render_template("staff/login.html", form=form), 429
        staff = accounts.authenticate(form.email.data, form.password.data)
        if staff is not None:
            access.begin_login(staff, access.safe_next(request.args.get("next")))
            step = ".login_code" if two_factor.is_enrolled(staff) else ".login_enrol"
            return redirect(url_for(step), 303)
        sessions.record_failure(form.email.data, _address())
        form.refused = REFUSED
    return render_template("staff/login.html", form=form)


def _pending():
    """(account, next) of the login waiting for its second step, or None."""
    return access.pending_login()


def _log_in_again():
    flash(_("Log in again."), "staff")
    return redirect(url_for(".login"), 303)


@bp.route("/inloggen/code", methods=["GET", "POST"])
def login_code():
    pending = _pending()
    if pending is None:
        return _log_in_again()
    staff, next_url = pending
    if not two_factor.is_enrolled(staff):
        return redirect(url_for(".login_enrol"), 303)
    form = CodeForm()
    if form.validate_on_submit():
        if sessions.cooling_off(staff.email, _address()):
            form.refused = COOLING_OFF
            return render_template("staff/two_factor_code.html", form=form), 429
        used = two_factor.verify(staff, form.code.data)
        if used:
            sessions.clear_failures(staff.email, _address())
            access.log_in(staff)
            if used == two_factor.BACKUP:
                return render_template("staff/two_factor_backup_used.html",
                                       left=two_factor.backup_codes_left(staff),
                                       next_url=access.safe_next(next_url) or url_for(".start"))
            return _after_login(next_url)
        sessions.record_failure(staff.email, _address())
        form.refused = WRONG_CODE
        form.code.data = ""
    return render_template("staff/two_factor_code.html", form=form)


def _enrol_page(staff: Staff, form: EnrolForm, status: int = 200):
    secret = session.get(ENROL_SECRET_KEY)
    if not secret:
        secret = session[ENROL_SECRET_KEY] = two_factor.new_secret()
    org = current_organisation()
    uri = two_factor.provisioning_uri(secret, staff.email, f"Klachtenloket {org.short_name}")
    qr = two_factor.qr_svg(uri, _("QR code to add this account to your authenticator app"))
    response = make_response(render_template(
        "staff/two_factor_enrol.html", form=form, qr=qr, secret=two_factor.grouped(secret),
        account=staff), status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/inloggen/instellen", methods=["GET", "POST"])
def login_enrol():
    pending = _pending()
    if pending is None:
        return _log_in_again()
    staff, next_url = pending
    if two_factor.is_enrolled(staff):
        return redirect(url_for(".login_code"), 303)
    form = EnrolForm()
    if form.validate_on_submit() and session.get(ENROL_SECRET_KEY):
        if sessions.cooling_off(staff.email, _address()):
            form.refused = COOLING_OFF
            return _enrol_page(staff, form, 429)
        codes = two_factor.enrol(staff, session[ENROL_SECRET_KEY], form.code.data)
        if codes:
            sessions.clear_failures(staff.email, _address())
            access.log_in(Staff.get_by_id(staff.id))
            return _backup_codes(codes, access.safe_next(next_url) or url_for(".start"))
        sessions.record_failure(staff.email, _address())
        form.refused = WRONG_CODE
        form.code.data = ""
    return _enrol_page(staff, form)


def _backup_codes(codes: list[str], next_url: str, renewed: bool = False):
    """The ten backup codes, shown once: the answer to the POST that made them, not cached."""
    response = make_response(render_template("staff/two_factor_backup_codes.html", codes=codes,
                                             next_url=next_url, renewed=renewed))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/reservecodes")
@access.role_required(*ROLES)
def new_backup_codes():
    """Ten new backup codes (the old ones stop working), shown once."""
    return _backup_codes(two_factor.new_codes(current_user), url_for(".start"), renewed=True)


@bp.route("/wachtwoord", methods=["GET", "POST"])
@access.role_required(*ROLES)
def choose_password():
    """A password of one's own: asked after a one-time password, and open to anyone who wants
    another one. Every other session of the account ends; this one goes on."""
    form = ChoosePasswordForm()
    form.email = current_user.email
    if form.validate_on_submit():
        accounts.set_password(current_user, form.password.data, by=current_user)
        access.renew(Staff.get_by_id(current_user.id))
        flash(_("Your new password is saved."), "staff")
        return _after_login(request.args.get("next"))
    return render_template("staff/login_new_password.html", form=form,
                           temporary=current_user.password_is_temporary)


@bp.get("/verder")
@access.role_required(*ROLES)
def restore_form():
    """Back to the form that was sent when the session had ended, filled in as it was sent
    (access.to_login kept it): the page as after an expired token, to check and send again."""
    kept = sessions.take_form(request.args.get("form", ""), current_user.id)
    if kept is None:
        return redirect(url_for(".start"))
    path, fields = kept
    try:
        rule, view_args = request.url_rule.map.bind_to_environ(request.environ).match(
            path, method="POST", return_rule=True)
    except HTTPException:
        return redirect(url_for(".start"))
    # The page is made as for that POST with an expired token: the same request, other form.
    request.url_rule, request.view_args, request.method = rule, view_args, "POST"
    request.files = ImmutableMultiDict()
    request.form = ImmutableMultiDict(fields)
    page = _stale_page(rule.endpoint)
    if page is None:
        return redirect(url_for(".start"))
    response = make_response(page)
    response.status_code = 200
    return response


def _stale_page(endpoint: str | None):
    """The page of a staff form sent with an expired token, with what was typed; None where
    there is none (or the person may not see it)."""
    staff = current_user.is_authenticated
    role = current_user.role if staff else None
    if endpoint == "staff.register_complaint" and staff \
            and role in registration.register_complaint.allowed_roles:
        return registration.stale_register_form()
    if (endpoint or "").startswith("staff.step_") and staff:
        return casework.stale_step(endpoint)
    if endpoint in configuration.ENDPOINTS and role == ADMINISTRATOR:
        return configuration.stale_form()
    if endpoint in people.FORMS and role == ADMINISTRATOR:
        return people.stale_form(endpoint)
    if (endpoint or "").startswith("staff.settings_") and role == ADMINISTRATOR:
        return settings.stale_settings_form(endpoint)
    if endpoint in letter_texts.ENDPOINTS and role == ADMINISTRATOR:
        return letter_texts.stale_form(endpoint)
    from views.staff import report      # the yearly report's introduction and closing
    if endpoint in report.ENDPOINTS and role == COORDINATOR:
        return report.stale_text_form()
    return None


@bp.errorhandler(CSRFError)
def stale_form(_error):
    """An expired login, register, step or administrator's form is shown again with what was
    typed; elsewhere, an error page."""
    try:
        page = _stale_page(request.endpoint)
    except HTTPException:   # e.g. a step on a complaint this person may not open: no form
        page = None
    if page is not None:
        return page
    if request.endpoint == "staff.login":
        form = LoginForm()
        form.validate()     # the token fails again: the form reports it in its error summary
        return render_template("staff/login.html", form=form), 400
    if request.endpoint in ("staff.login_code", "staff.login_enrol") and _pending():
        form_class = CodeForm if request.endpoint == "staff.login_code" else EnrolForm
        form = form_class()
        form.validate()
        form.code.data = ""
        if request.endpoint == "staff.login_enrol":
            return _enrol_page(_pending()[0], form, 400)
        return render_template("staff/two_factor_code.html", form=form), 400
    if request.endpoint == "staff.choose_password" and current_user.is_authenticated:
        form = ChoosePasswordForm()
        form.validate()
        return render_template("staff/login_new_password.html", form=form,
                               temporary=current_user.password_is_temporary), 400
    return render_template("errors/http.html", code=400, **errors.layout()), 400


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
