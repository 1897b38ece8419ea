"""Friendly error pages, translated, never a traceback."""
import logging
import secrets

from flask import render_template
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


def register(app):
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return render_template("errors/http.html", code=exc.code), exc.code

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        incident = secrets.token_hex(4)
        log.exception("incident %s", incident)
        return render_template("errors/500.html", incident=incident), 500
