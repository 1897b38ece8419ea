"""Who is logged in to the back office, and what their role lets them open.

Sessions are signed cookies. Each login stores the account's `session_version` beside the
account id; the account is loaded again on every request and the session only counts while
the account is active and the numbers match. So logging out, disabling an account, a new
password or "end all sessions" (each raises the number) ends the sessions at once, also a
copied cookie. A session also ends after IDLE_TIMEOUT without a request and ABSOLUTE_TIMEOUT
after its login (the times are in the signed cookie, so they cannot be moved).

A login has two steps: the password, then a code (klachtenloket.services.two_factor). Between
them the session holds a pending login (PENDING_KEY) that counts for nothing but the code page,
for PENDING_TIMEOUT.

A form sent after the session ended is not lost: it is kept in the database
(klachtenloket.services.sessions.keep_form) and the login sends the person back to it
(views/staff/auth.py restore_form).
"""
import time
from functools import wraps
from urllib.parse import urlsplit

from flask import abort, current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import LoginManager, current_user, login_user, logout_user

from klachtenloket.domain.roles import ROLES
from klachtenloket.models import Staff
from klachtenloket.services import accounts, sessions

login_manager = LoginManager()
VERSION_KEY = "staff_session_version"
STARTED_KEY = "staff_logged_in_at"      # seconds since the epoch
SEEN_KEY = "staff_seen_at"
PENDING_KEY = "staff_pending_login"
LOGIN_ENDPOINT = "staff.login"
RESTORE_ENDPOINT = "staff.restore_form"
# The endpoints of logging in and out: a form sent to them is never kept.
AUTH_ENDPOINTS = ("staff.login", "staff.logout", "staff.login_code", "staff.login_enrol",
                  "staff.choose_password", "staff.restore_form")

IDLE_TIMEOUT = 30 * 60
ABSOLUTE_TIMEOUT = 12 * 60 * 60
PENDING_TIMEOUT = 10 * 60
# The last-seen time is written at most this often, so not every request sets a cookie.
SEEN_RESOLUTION = 60


def now() -> float:
    return time.time()


def init_app(app) -> None:
    login_manager.init_app(app)
    # A stale `session_version` is checked in load_staff; "basic" protection marks a session
    # whose browser or address changed as not fresh, without ending it.
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_staff)
    login_manager.unauthorized_handler(to_login)


def load_staff(user_id: str) -> Staff | None:
    try:
        staff = Staff.get_or_none(Staff.id == int(user_id))
    except ValueError:
        return None
    if staff is None:
        return None
    moment = now()
    started, seen = session.get(STARTED_KEY, 0), session.get(SEEN_KEY, 0)
    if not staff.active or session.get(VERSION_KEY) != staff.session_version \
            or moment - seen > IDLE_TIMEOUT or moment - started > ABSOLUTE_TIMEOUT:
        # Ended (the login page says so, and keeps a form that was being sent: to_login).
        g.staff_session_ended = staff.id
        return None
    if moment - seen >= SEEN_RESOLUTION:
        session[SEEN_KEY] = int(moment)
    return staff


def _kept_form_url() -> str | None:
    """When a staff member's session ended and they sent a form: keep it, and the URL that
    gives it back after the login."""
    if request.method != "POST" or request.endpoint in AUTH_ENDPOINTS \
            or not (request.endpoint or "").startswith("staff.") or not request.form:
        return None
    staff_id = g.staff_session_ended
    fields = [(name, value) for name, value in request.form.items(multi=True)
              if name != "csrf_token"]
    key = sessions.keep_form(staff_id, request.path, fields)
    return url_for(RESTORE_ENDPOINT, form=key)


def to_login():
    """Anonymous requests go to the login page, which sends them back here afterwards.
    htmx requests get a 401 with HX-Redirect, so the login page is not swapped into a list."""
    target = request.full_path.rstrip("?") if request.method in ("GET", "HEAD") else None
    if g.get("staff_session_ended"):
        kept = _kept_form_url()
        target = kept or target
        flash(_("Your session has ended. Log in again. What you typed is kept.") if kept
              else _("Your session has ended. Log in again."), "staff")
    login_url = url_for(LOGIN_ENDPOINT, next=target)
    if request.headers.get("HX-Request"):
        response = current_app.response_class(status=401)
        response.headers["HX-Redirect"] = login_url
        return response
    return redirect(login_url, code=303 if request.method not in ("GET", "HEAD") else 302)


def safe_next(target: str | None) -> str | None:
    """`next` only when it is a back-office path on this site: never an open redirect."""
    if not target or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/beheer/"):
        return None
    return target


def _start_clean() -> None:
    # A fresh session at login and logout (nothing from before carries over), keeping
    # only the language the person chose.
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language


def begin_login(staff: Staff, next_url: str | None) -> None:
    """The password was right: the session waits for the second step (a code, or enrolment)."""
    _start_clean()
    session[PENDING_KEY] = {"id": staff.id, "version": staff.session_version,
                            "at": int(now()), "next": next_url or ""}


def pending_login() -> tuple[Staff, str | None] | None:
    """(the account, where to go afterwards) whose password was right moments ago; else None."""
    pending = session.get(PENDING_KEY)
    if not isinstance(pending, dict) or now() - pending.get("at", 0) > PENDING_TIMEOUT:
        return None
    staff = Staff.get_or_none(Staff.id == pending.get("id"))
    if staff is None or not staff.active or staff.session_version != pending.get("version"):
        return None
    return staff, pending.get("next") or None


def log_in(staff: Staff) -> None:
    _start_clean()
    login_user(staff)
    moment = int(now())
    session[VERSION_KEY] = staff.session_version
    session[STARTED_KEY] = session[SEEN_KEY] = moment


def renew(staff: Staff) -> None:
    """The same login under the account's new session version (after its own new password,
    which ends every other session), keeping the login time: the absolute timeout stays."""
    started = session.get(STARTED_KEY, int(now()))
    log_in(staff)
    session[STARTED_KEY] = started


def log_out() -> None:
    # Raising the version also ends copies of this cookie, and the account's other sessions.
    accounts.end_sessions(current_user)
    logout_user()
    _start_clean()


def role_required(*roles: str):
    """Only logged-in staff with one of these roles; anonymous → login, another role → 403."""
    unknown = set(roles) - set(ROLES)
    if not roles or unknown:
        raise ValueError(f"role_required needs roles from {ROLES}, got {roles}")

    def decorate(view):
        @wraps(view)
        def checked(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)
        checked.allowed_roles = frozenset(roles)
        return checked
    return decorate


def protect(blueprint, public: tuple[str, ...] = ()) -> None:
    """Deny by default on a staff blueprint: every endpoint except `public` needs a login,
    and a view that does not say which roles may use it (`role_required`) is refused."""
    @blueprint.before_request
    def require_staff():
        if request.endpoint in public:
            return None
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if current_user.password_is_temporary and request.endpoint not in AUTH_ENDPOINTS:
            # A one-time password: first a password of one's own, then anything else.
            return redirect(url_for("staff.choose_password",
                                    next=request.full_path.rstrip("?")
                                    if request.method in ("GET", "HEAD") else None))
        view = current_app.view_functions.get(request.endpoint)
        if not getattr(view, "allowed_roles", None):
            abort(403)
        return None
