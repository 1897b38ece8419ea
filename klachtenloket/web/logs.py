"""What may reach a log: never a tracking token, a password, a code, complaint text or contact
details (tests/integration/test_log_hygiene.py walks the app with sentinel values).

Two sources would leak without this module, whatever level the server logs at:
- request lines (werkzeug's development server, gunicorn's access log) carry the path, and a
  tracking link's path is its secret (`/volgen/<token>`);
- peewee logs every query with its parameters at DEBUG: names, addresses, complaint texts.
`install()` puts a filter on those loggers that blanks the token in a path (and any other
token-like path segment) and drops query parameters, keeping the SQL."""
import logging
import re

# /volgen/<token> and anything else in a path that looks like a secret: 32 or more URL-safe
# characters in one segment (secrets.token_urlsafe(32) gives 43).
TRACKING_PATH = re.compile(r"(/volgen/)[^/\s?\"']+")
TOKEN_SEGMENT = re.compile(r"(?<=/)[A-Za-z0-9_-]{32,}(?=[/?\s\"']|$)")
HIDDEN = "[hidden]"
LOGGERS = ("werkzeug", "gunicorn.access", "gunicorn.error", "peewee", "flask_limiter")


def scrub(text: str) -> str:
    text = TRACKING_PATH.sub(r"\1" + HIDDEN, text)
    return TOKEN_SEGMENT.sub(HIDDEN, text)


class Scrub(logging.Filter):
    """Rewrites a record before any handler formats it; drops nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "peewee" and isinstance(record.msg, tuple) and len(record.msg) == 2:
            # (sql, params): the statement says what happened, the values are personal data.
            record.msg, record.args = f"{record.msg[0]} [{len(record.msg[1] or ())} parameters]", ()
            return True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 — a broken record is logging's own business
            return True
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


FILTER = Scrub()


def install(app) -> None:
    """Idempotent: every app instance calls it. Flask's own logger (app.logger) reports an
    unhandled error with the request's path."""
    for logger in [logging.getLogger(name) for name in LOGGERS] + [app.logger]:
        if FILTER not in logger.filters:
            logger.addFilter(FILTER)
