"""A honeypot field and a minimum fill time instead of a CAPTCHA (issue 7).

The form carries a signed time at which it was shown (`started_token`); a submission that fills
the hidden field, comes back sooner than FORM_MIN_SECONDS, or lacks a valid signed time is
suspect. Nothing is refused: the caller holds it in the spam queue (services/spam.py) and the
person sees the normal confirmation.
"""
import time

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

SALT = "klachtenloket.form-started"

HONEYPOT = "honeypot"
TOO_FAST = "too_fast"
NO_TIMESTAMP = "no_timestamp"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def started_token() -> str:
    return _serializer().dumps({"t": round(time.time(), 3)})


def suspicion(honeypot: str | None, started: str | None, check_time: bool = True) -> str | None:
    """Why the submission looks automated, or None."""
    if honeypot:
        return HONEYPOT
    minimum = current_app.config.get("FORM_MIN_SECONDS", 0)
    if not check_time or minimum <= 0:
        return None
    try:
        shown = float(_serializer().loads(started or "")["t"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return NO_TIMESTAMP
    return TOO_FAST if time.time() - shown < minimum else None
