"""Who is logged in to the back office, and what their role lets them open.

Sessions are signed cookies. Each login stores the account's `session_version` beside the
account id; the account is loaded again on every request and the session only counts while
the account is active and the numbers match. So logging out, disabling an account or
"end all sessions" (each raises the number) ends the sessions at once, also a copied cookie.
"""
from functools import wraps
from urllib.parse import urlsplit

from flask import abort, current_app, redirect, request, session, url_for
from flask_login import LoginManager, current_user, login_user, logout_user

from klachtenloket.domain.roles import ROLES
from klachtenloket.models import Staff
from klachtenloket.services import accounts

login_manager = LoginManager()
VERSION_KEY = "staff_session_version"
LOGIN_ENDPOINT = "staff.login"


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
    if staff is None or not staff.active or session.get(VERSION_KEY) != staff.session_version:
        return None
    return staff


def to_login():
    """Anonymous requests go to the login page, which sends them back here afterwards.
    htmx requests get a 401 with HX-Redirect, so the login page is not swapped into a list."""
    target = request.full_path.rstrip("?") if request.method in ("GET", "HEAD") else None
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


def log_in(staff: Staff) -> None:
    _start_clean()
    login_user(staff)
    session[VERSION_KEY] = staff.session_version


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
        view = current_app.view_functions.get(request.endpoint)
        if not getattr(view, "allowed_roles", None):
            abort(403)
        return None
