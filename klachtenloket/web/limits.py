"""Rate limits on the forms anyone can send (Flask-Limiter), per client address.

A view opts in with `@limits.posts("public")` (or "login"); `init_app` wraps each such view in
the app's own Limiter, so every app instance has its own storage (`RATELIMIT_STORAGE_URI`:
`memory://` for one process, `redis://…` shared by all gunicorn workers).

Over the limit the person does not get a bare error page: the view runs once more with
`refused()` true, its form fails with MESSAGE (forms/base.py, the staff login) and the page is
shown again with everything typed, as status 429 with Retry-After. A storage that cannot be
reached (Redis down) never blocks a complaint: the limit is skipped and the error logged.
"""
import logging
import time
from ipaddress import ip_address

from flask import current_app, g, make_response, render_template, request
from flask_babel import lazy_gettext as _l
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

MESSAGE = _l("You sent this form too often in a short time. Wait a few minutes and send it "
             "again. What you typed is still here.")
KINDS = {"public": "RATELIMIT_PUBLIC", "login": "RATELIMIT_LOGIN"}
MARK = "_klachtenloket_rate_limit"


def posts(kind: str):
    """Marks a view: its POSTs count against the `kind` limit (see KINDS)."""
    assert kind in KINDS, kind

    def mark(view):
        setattr(view, MARK, kind)
        return view
    return mark


def refused() -> bool:
    """True while a view runs again to re-show its form after the limit was reached."""
    return bool(g.get("rate_limited"))


def client_address() -> str:
    """The address the limit counts: the connecting one, or, when that is a proxy we trust (the
    reverse proxy on this machine, TRUSTED_PROXIES), the last X-Forwarded-For hop it added."""
    remote = request.remote_addr or ""
    forwarded = request.headers.get("X-Forwarded-For", "")
    if forwarded and remote in current_app.config["TRUSTED_PROXIES"]:
        last = forwarded.split(",")[-1].strip()
        try:
            return str(ip_address(last))
        except ValueError:
            return remote
    return remote


def _reshow(view, kind):
    """on_breach: run the view again with refused() set; its page, with status 429."""
    def on_breach(limit):
        g.rate_limited = True
        try:
            response = make_response(current_app.ensure_sync(view)(**(request.view_args or {})))
        except HTTPException as exc:     # e.g. a tracking link that does not exist: its page
            return make_response(current_app.handle_http_exception(exc))
        if response.status_code in (301, 302, 303, 307, 308):
            # Nothing to show again (e.g. a finished draft): leave it to the generic 429 page.
            return None
        response.status_code = 429
        response.headers["Retry-After"] = str(max(1, int(limit.reset_at - time.time())))
        log.info("rate limit %s reached at %s", kind, request.endpoint)
        return response
    return on_breach


def _too_many(exc: RateLimitExceeded):
    if exc.response is not None:
        return exc.response
    from views.errors import layout
    return render_template("errors/http.html", code=429, **layout()), 429


def init_app(app) -> Limiter:
    config = app.config
    limiter = Limiter(client_address, app=app, storage_uri=config["RATELIMIT_STORAGE_URI"],
                      key_prefix=config["RATELIMIT_KEY_PREFIX"], swallow_errors=True,
                      strategy="fixed-window")
    for endpoint, view in list(app.view_functions.items()):
        kind = getattr(view, MARK, None)
        if kind is None:
            continue
        setting = KINDS[kind]
        app.view_functions[endpoint] = limiter.limit(
            lambda setting=setting: current_app.config[setting], methods=["POST"],
            on_breach=_reshow(view, kind))(view)
    app.register_error_handler(RateLimitExceeded, _too_many)
    return limiter


def limited_endpoints(app) -> dict[str, str]:
    """endpoint → kind, for the tests and the docs."""
    return {endpoint: getattr(view, MARK) for endpoint, view in app.view_functions.items()
            if getattr(view, MARK, None)}
