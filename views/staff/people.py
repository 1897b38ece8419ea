"""Staff accounts, for administrators only: the list, a new account, and on each account's
page its role, disable or enable, "end all sessions" and a new one-time password. Every
change goes through klachtenloket.services.accounts with the administrator as `by`, so it is
audited; the service refuses one's own role or account and the last active administrator.

A one-time password is shown once: in the answer to the POST that made it, sent with
`Cache-Control: no-store`. It is never stored in plain text, put in the session, a URL or a
mail; once the page is left, only a new one helps.
"""
import re
import secrets

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forms.accounts import AccountForm, RoleForm
from klachtenloket.domain.roles import ADMINISTRATOR
from klachtenloket.models import Staff
from klachtenloket.services import accounts, two_factor
from klachtenloket.web.access import role_required
from klachtenloket.web.labels import ROLES
from views.staff import bp

KEY = re.compile(r"[0-9a-f]{32}")

# The POST endpoints whose expired token shows the page again (views/staff/auth.py).
FORMS = ("staff.create_account", "staff.change_role", "staff.disable_account",
         "staff.enable_account", "staff.end_account_sessions", "staff.new_password",
         "staff.reset_two_factor")


def _refusal(code: str) -> str:
    """What the service's refusal means, in words."""
    if code == "self":
        return _("You cannot change your own role or disable your own account. Ask another "
                 "administrator.")
    if code == "last_administrator":
        return _("This is the last active administrator. Make another account an administrator "
                 "first.")
    return _("This could not be done.")


@bp.get("/medewerkers")
@role_required(ADMINISTRATOR)
def people():
    listing = accounts.listing(request.args.get("page", 1, type=int))
    return render_template("staff/people/list.html", listing=listing)


def _new_form(status: int = 200, form: AccountForm | None = None):
    return render_template("staff/people/new.html", form=form), status


@bp.route("/medewerkers/nieuw", methods=["GET", "POST"])
@role_required(ADMINISTRATOR)
def create_account():
    form = AccountForm()
    if not form.is_submitted():
        form.key.data = secrets.token_hex(16)
    if not form.validate_on_submit():
        return _new_form(form=form)    # like the register form: 200 with the errors shown
    key = form.key.data if KEY.fullmatch(form.key.data or "") else secrets.token_hex(16)
    made = accounts.created_with(key)
    if made is None:
        password = accounts.generate_password()
        try:
            made = accounts.create(form.email.data, form.name.data, form.role.data, password,
                                   by=current_user, key=key, temporary=True)
        except accounts.AccountError as refused:
            made = accounts.created_with(key)   # a double click: the other request made it
            if made is None:
                form.refuse(refused.code)
                return _new_form(form=form)
        else:
            return _one_time_password(made, password, created=True)
    flash(_("This account was already made: the form was sent twice. Its one-time password was "
            "shown after the first time. If you do not have it, make a new one below."), "staff")
    return redirect(url_for(".account", account_id=made.id), 303)


def _one_time_password(staff: Staff, password: str, created: bool):
    response = make_response(render_template("staff/people/password.html", account=staff,
                                             password=password, created=created))
    response.headers["Cache-Control"] = "no-store"
    return response


def _account_or_404(account_id: int) -> Staff:
    found = Staff.get_or_none(Staff.id == account_id)
    if found is None:
        abort(404)
    return found


def _account_page(staff: Staff, role_form: RoleForm | None = None,
                  problem: tuple[str, str] | None = None, status: int = 200):
    """The account's page; `role_form` as sent (with its errors), `problem` (anchor, message)
    for a refused or stale action."""
    if role_form is None:
        role_form = RoleForm(formdata=None, data={"role": staff.role})
    problems = [problem] if problem else []
    problems += [("role", str(role_form.role.errors[0]))] if role_form.role.errors else []
    return render_template("staff/people/account.html", account=staff, role_form=role_form,
                           problems=problems, is_self=staff.id == current_user.id,
                           backup_codes_left=two_factor.backup_codes_left(staff)), status


def _done(staff: Staff, message: str):
    flash(message, "staff")
    return redirect(url_for(".account", account_id=staff.id), 303)


@bp.get("/medewerkers/<int:account_id>")
@role_required(ADMINISTRATOR)
def account(account_id: int):
    return _account_page(_account_or_404(account_id))


@bp.post("/medewerkers/<int:account_id>/rol")
@role_required(ADMINISTRATOR)
def change_role(account_id: int):
    staff = _account_or_404(account_id)
    form = RoleForm()
    if not form.validate():
        return _account_page(staff, form)
    try:
        changed = accounts.change_role(staff, form.role.data, by=current_user)
    except accounts.AccountError as refused:
        return _account_page(staff, form, problem=("role-form", _refusal(refused.code)))
    if not changed:
        return _done(staff, _("The role stays %(role)s.", role=ROLES[form.role.data]))
    return _done(staff, _("The role is now %(role)s. It counts from the next page %(name)s "
                          "opens.", role=ROLES[form.role.data], name=staff.name))


@bp.post("/medewerkers/<int:account_id>/uitschakelen")
@role_required(ADMINISTRATOR)
def disable_account(account_id: int):
    staff = _account_or_404(account_id)
    try:
        accounts.disable(staff, by=current_user)
    except accounts.AccountError as refused:
        return _account_page(staff, problem=("access-form", _refusal(refused.code)))
    return _done(staff, _("The account is disabled. %(name)s is logged out and cannot log in "
                          "any more.", name=staff.name))


@bp.post("/medewerkers/<int:account_id>/inschakelen")
@role_required(ADMINISTRATOR)
def enable_account(account_id: int):
    staff = _account_or_404(account_id)
    accounts.enable(staff, by=current_user)
    return _done(staff, _("The account is enabled. %(name)s can log in again with their "
                          "password.", name=staff.name))


@bp.post("/medewerkers/<int:account_id>/sessies-beeindigen")
@role_required(ADMINISTRATOR)
def end_account_sessions(account_id: int):
    staff = _account_or_404(account_id)
    accounts.end_sessions(staff, by=current_user)
    return _done(staff, _("%(name)s is logged out everywhere.", name=staff.name))


@bp.post("/medewerkers/<int:account_id>/wachtwoord")
@role_required(ADMINISTRATOR)
def new_password(account_id: int):
    staff = _account_or_404(account_id)
    # The page's version of the account: a second click (or another administrator) after a
    # new password was made changes nothing, so the password on screen stays the valid one.
    if request.form.get("version") != str(staff.session_version):
        return _account_page(staff, problem=("password-form", _(
            "This account changed after you opened the page, for example by a new password. "
            "Nothing was done. Check the page and try again.")))
    password = accounts.generate_password()
    accounts.set_password(staff, password, by=current_user, temporary=True)
    return _one_time_password(staff, password, created=False)


@bp.post("/medewerkers/<int:account_id>/tweestaps-herstellen")
@role_required(ADMINISTRATOR)
def reset_two_factor(account_id: int):
    """A lost phone without backup codes: the app and codes are removed, the person is logged
    out everywhere and sets up the app again at the next login."""
    staff = _account_or_404(account_id)
    two_factor.reset(staff, by=current_user)
    return _done(staff, _("%(name)s is logged out everywhere and sets up the authenticator app "
                          "again at the next login.", name=staff.name))


def stale_form(endpoint: str):
    """A form sent with an expired token: the page again with what was typed (400)."""
    stale = _("This page was open for a long time. Check it and send it again.")
    if endpoint == "staff.create_account":
        form = AccountForm()
        form.validate()     # the token fails again: the form reports it in its error summary
        return _new_form(400, form)
    staff = _account_or_404(request.view_args["account_id"])
    if endpoint == "staff.change_role":
        form = RoleForm()
        form.validate()
        return _account_page(staff, form, problem=("role-form", stale), status=400)
    anchor = {"staff.new_password": "password-form",
              "staff.end_account_sessions": "sessions-form",
              "staff.reset_two_factor": "two-factor-form"}.get(endpoint, "access-form")
    return _account_page(staff, problem=(anchor, stale), status=400)
