"""GET /health for monitoring: the database answers, mail is not stuck, the disk is not full.

200 when all is well, 503 otherwise, with JSON that holds figures only (no personal data):
{"status": "ok"|"fail", "database": "ok"|"fail",
 "outbox": {"pending": n, "oldest_pending_minutes": m, "failed": n}, "disk_free_mb": n}
"pending" counts mail not yet delivered (waiting or being sent); "oldest_pending_minutes" is 0
when none waits. Failed mail is reported but does not fail the check: staff handle it (`outbox`).
The answer never sets a session cookie.
"""
import shutil
from datetime import datetime

from flask import Blueprint, current_app, jsonify, session
from peewee import fn
from werkzeug.exceptions import HTTPException

from klachtenloket.db import database
from klachtenloket.models import OutboxMail
from klachtenloket.models.base import utcnow

bp = Blueprint("health", __name__)


def _no_session() -> None:
    """Whatever ran before (a `?lang=` choice), this answer sets no cookie: a monitor is no
    visitor. Flask writes the session cookie only for a modified (or permanent) session."""
    session.modified = False


def _disk_free_mb() -> int:
    return shutil.disk_usage(current_app.config["INSTANCE_PATH"]).free // (1024 * 1024)


def _answer(database_ok: bool, outbox: dict):
    _no_session()
    config = current_app.config
    free = _disk_free_mb()
    ok = (database_ok and outbox["oldest_pending_minutes"] < config["HEALTH_MAX_MAIL_AGE_MIN"]
          and free >= config["HEALTH_MIN_FREE_MB"])
    body = {"status": "ok" if ok else "fail", "database": "ok" if database_ok else "fail",
            "outbox": outbox, "disk_free_mb": free}
    return jsonify(body), 200 if ok else 503


UNKNOWN_OUTBOX = {"pending": None, "oldest_pending_minutes": 0, "failed": None}


@bp.get("/health")
def health():
    try:
        database.execute_sql("SELECT 1").fetchone()
        waiting = OutboxMail.status.in_([OutboxMail.PENDING, OutboxMail.SENDING])
        pending, oldest = (OutboxMail.select(fn.COUNT(OutboxMail.id), fn.MIN(OutboxMail.created_at))
                           .where(waiting).tuples().get())
        failed = OutboxMail.select().where(OutboxMail.status == OutboxMail.FAILED).count()
    except Exception:  # noqa: BLE001 — any database trouble is what this reports
        current_app.logger.exception("health: the database does not answer")
        return _answer(False, dict(UNKNOWN_OUTBOX))
    minutes = 0
    if oldest is not None:
        if isinstance(oldest, str):     # SQLite hands back text for an aggregate
            oldest = datetime.fromisoformat(oldest)
        minutes = max(0, int((utcnow() - oldest).total_seconds() // 60))
    return _answer(True, {"pending": pending, "oldest_pending_minutes": minutes,
                          "failed": failed})


# Only for this blueprint: the app's before_request opens the database, so a database that is
# down fails there, before the view runs; answer that as JSON 503 too.
@bp.errorhandler(Exception)
def database_unreachable(exc):
    if isinstance(exc, HTTPException):
        return exc
    current_app.logger.exception("health: the database does not answer")
    return _answer(False, dict(UNKNOWN_OUTBOX))
