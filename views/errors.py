"""Friendly error pages, translated, never a traceback."""
import logging
import secrets

from flask import current_app, render_template, request
from flask_babel import get_locale
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


def register(app):
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return render_template("errors/http.html", code=exc.code, **layout()), exc.code

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        # The traceback goes to the log with the incident id, the person gets only the id.
        # The endpoint, not the path: a tracking link's path is its secret.
        incident = secrets.token_hex(4)
        log.exception("incident %s: %s %s", incident, request.method, request.endpoint)
        try:
            return render_template("errors/500.html", incident=incident, **layout()), 500
        except Exception:  # noqa: BLE001 — e.g. the database is down: the page needs none
            log.exception("incident %s: the error page itself failed", incident)
            page = current_app.jinja_env.get_template("errors/500_plain.html")
            return page.render(incident=incident, lang=str(get_locale() or "nl")), 500


def layout() -> dict:
    """Errors in the back office keep its layout and lead back to its start page."""
    if request.blueprint == "staff":
        return {"layout": "staff/base.html", "home": "staff.start"}
    return {"layout": "base.html", "home": "public.start"}
