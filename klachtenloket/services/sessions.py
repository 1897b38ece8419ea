"""What a staff login keeps in the database beside the signed session cookie: failed logins
(the cool-off) and forms sent after a session had ended.

Failures are rows, not process memory, so the count holds across every worker process (and a
restart). They are counted per typed address and network address: ten within COOL_OFF and that
address gets a cool-off from there, whatever the password, while the account itself stays
usable from elsewhere (so nobody can lock a colleague out). An unknown address is counted the
same way as a known one, so the cool-off tells nothing about which accounts exist.
"""
from __future__ import annotations

import json
import secrets
from datetime import timedelta

from klachtenloket.db import database
from klachtenloket.models import KeptForm, LoginFailure
from klachtenloket.models.base import utcnow

MAX_FAILURES = 10
COOL_OFF = timedelta(minutes=15)
KEEP_FAILURES = timedelta(days=1)
KEEP_FORMS = timedelta(hours=12)


def _key(email: str) -> str:
    return email.strip().lower()[:254]


def cooling_off(email: str, address: str) -> bool:
    """True while this address has had MAX_FAILURES wrong tries within COOL_OFF from here."""
    since = utcnow() - COOL_OFF
    return LoginFailure.select().where(
        (LoginFailure.email == _key(email)) & (LoginFailure.address == address[:64])
        & (LoginFailure.created_at > since)).count() >= MAX_FAILURES


def record_failure(email: str, address: str) -> None:
    now = utcnow()
    with database.atomic():
        LoginFailure.create(email=_key(email), address=address[:64], created_at=now)
        LoginFailure.delete().where(LoginFailure.created_at < now - KEEP_FAILURES).execute()


def clear_failures(email: str, address: str) -> None:
    """A login that succeeded starts the count again."""
    with database.atomic():
        LoginFailure.delete().where((LoginFailure.email == _key(email))
                                    & (LoginFailure.address == address[:64])).execute()


def keep_form(staff_id: int, path: str, fields: list[tuple[str, str]]) -> str:
    """Keeps what was sent to `path` for the staff member whose session ended; its key."""
    key = secrets.token_urlsafe(24)
    now = utcnow()
    with database.atomic():
        KeptForm.delete().where(KeptForm.created_at < now - KEEP_FORMS).execute()
        KeptForm.create(key=key, staff=staff_id, path=path[:500], created_at=now,
                        fields=json.dumps(fields, ensure_ascii=False))
    return key


def take_form(key: str, staff_id: int) -> tuple[str, list[tuple[str, str]]] | None:
    """(path, fields) kept under `key` for this staff member, deleted as it is handed out; None
    when there is none (used, too old, or someone else's)."""
    if not key:
        return None
    with database.atomic():
        kept = KeptForm.get_or_none((KeptForm.key == key) & (KeptForm.staff == staff_id)
                                    & (KeptForm.created_at > utcnow() - KEEP_FORMS))
        if kept is None:
            return None
        KeptForm.delete().where(KeptForm.id == kept.id).execute()
    return kept.path, [tuple(pair) for pair in json.loads(kept.fields)]
