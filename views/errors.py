"""Friendly error pages, translated, never a traceback."""
import logging
import secrets

from flask import render_template, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


def register(app):
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return render_template("errors/http.html", code=exc.code, **layout()), exc.code

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        incident = secrets.token_hex(4)
        log.exception("incident %s", incident)
        return render_template("errors/500.html", incident=incident), 500


def layout() -> dict:
    """Errors in the back office keep its layout and lead back to its start page."""
    if request.blueprint == "staff":
        return {"layout": "staff/base.html", "home": "staff.start"}
    return {"layout": "base.html", "home": "public.start"}
