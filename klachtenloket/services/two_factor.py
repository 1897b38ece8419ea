"""The second factor of a staff login: an authenticator app (TOTP, RFC 6238: six digits that
change every 30 seconds) and ten one-time backup codes for when the phone is not at hand.

Every staff account needs it. After the right password a person without it enrols: the app
reads a QR code (or the secret typed in), and one valid code confirms it. Only then is the
secret stored, and ten backup codes are made, shown once and stored as argon2id hashes like
passwords. A code is accepted once: the account keeps the newest time step used, and a code of
that step or an older one is refused (also when two requests race: the update is conditional).
A backup code works once too.
"""
from __future__ import annotations

import hmac
import secrets
import time

import pyotp
import segno
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from klachtenloket.db import database
from klachtenloket.models import BackupCode, Staff
from klachtenloket.models.base import utcnow
from klachtenloket.services import accounts, audit

STEP_SECONDS = 30
# A code of the step before or after this one also counts: phone clocks drift, and a code
# typed in its last seconds arrives in the next step.
DRIFT_STEPS = 1
BACKUP_CODE_COUNT = 10
TWO_FACTOR_ENROLLED = "staff:two_factor_enrolled"
TWO_FACTOR_RESET = "staff:two_factor_reset"
ISSUER = "Klachtenloket"

TOTP, BACKUP = "totp", "backup"

# Backup codes are argon2id-hashed like passwords, with OWASP's minimum profile (19 MiB, two
# passes) rather than the passwords' RFC 9106 one: a code holds 50 random bits, not a word a
# person chose, and enrolment hashes ten of them (under load the passwords' profile took 4 s).
code_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def new_secret() -> str:
    """160 random bits in base32, as RFC 4226 advises and every authenticator app reads."""
    return pyotp.random_base32(32)


def grouped(secret: str) -> str:
    """The secret in groups of four, for typing it into an app by hand."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(secret: str, email: str, issuer: str = ISSUER) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=issuer)


def qr_svg(uri: str, label: str) -> str:
    """The URI as a QR code: an inline SVG (no image request, no JavaScript), named for screen
    readers by `label`."""
    svg = segno.make(uri, error="m").svg_inline(scale=4, border=4, dark="#000", light="#fff",
                                                svgclass="qr-code")
    label = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def current_step(now: float | None = None) -> int:
    return int(time.time() if now is None else now) // STEP_SECONDS


def code_at(secret: str, step: int) -> str:
    return pyotp.TOTP(secret).at(step * STEP_SECONDS)


def _normal(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step (this one, or one next to it) whose code `code` is; else None."""
    code = _normal(code)
    if not secret or len(code) != 6 or not code.isdigit():
        return None
    here = current_step(now)
    for step in range(here - DRIFT_STEPS, here + DRIFT_STEPS + 1):
        if hmac.compare_digest(code_at(secret, step), code):
            return step
    return None


def new_backup_codes() -> list[str]:
    """Ten codes like "kq7m2-x9tbd": 10 characters that cannot be mixed up (50 bits each)."""
    def one() -> str:
        chars = "".join(secrets.choice(accounts.READABLE) for _ in range(10))
        return f"{chars[:5]}-{chars[5:]}"
    return [one() for _ in range(BACKUP_CODE_COUNT)]


def _store_backup_codes(staff: Staff, codes: list[str]) -> None:
    BackupCode.delete().where(BackupCode.staff == staff.id).execute()
    now = utcnow()
    BackupCode.insert_many([{"staff": staff.id, "created_at": now,
                             "code_hash": code_hasher.hash(_normal(code))}
                            for code in codes]).execute()


def enrol(staff: Staff, secret: str, code: str, now: float | None = None) -> list[str] | None:
    """Stores `secret` as the account's second factor when `code` is a valid code of it; returns
    the ten new backup codes (to show once), or None when the code is wrong."""
    step = matching_step(secret, code, now)
    if step is None:
        return None
    codes = new_backup_codes()
    with database.atomic():
        Staff.update(totp_secret=secret, totp_last_step=step).where(Staff.id == staff.id).execute()
        _store_backup_codes(staff, codes)
        audit.log(staff, TWO_FACTOR_ENROLLED, detail=f"staff {staff.id} ({staff.role})")
    return codes


def enrol_directly(staff: Staff, secret: str | None = None) -> str:
    """The second factor set without a code (for the test suite and demo data); its secret."""
    secret = secret or new_secret()
    Staff.update(totp_secret=secret, totp_last_step=0).where(Staff.id == staff.id).execute()
    return secret


def is_enrolled(staff: Staff) -> bool:
    return bool(staff.totp_secret)


def _use_step(staff: Staff, step: int) -> bool:
    # Conditional: of two requests with the same code, one updates the row and the other not.
    return Staff.update(totp_last_step=step).where(
        (Staff.id == staff.id) & (Staff.totp_last_step < step)).execute() == 1


def _use_backup_code(staff: Staff, code: str) -> bool:
    code = _normal(code)
    if len(code) != 10:
        return False
    for row in BackupCode.select().where((BackupCode.staff == staff.id)
                                         & BackupCode.used_at.is_null()):
        try:
            code_hasher.verify(row.code_hash, code)
        except (VerificationError, InvalidHashError):
            continue
        return BackupCode.update(used_at=utcnow()).where(
            (BackupCode.id == row.id) & BackupCode.used_at.is_null()).execute() == 1
    return False


def verify(staff: Staff, code: str, now: float | None = None) -> str | None:
    """TOTP or BACKUP when `code` is an unused code of the account's app or backup codes (and
    now used up); else None."""
    if not is_enrolled(staff):
        return None
    step = matching_step(staff.totp_secret, code, now)
    if step is not None:
        with database.atomic():
            return TOTP if _use_step(staff, step) else None
    with database.atomic():
        return BACKUP if _use_backup_code(staff, code) else None


def backup_codes_left(staff: Staff) -> int:
    return BackupCode.select().where((BackupCode.staff == staff.id)
                                     & BackupCode.used_at.is_null()).count()


def new_codes(staff: Staff) -> list[str]:
    """Ten fresh backup codes; the old ones stop working."""
    codes = new_backup_codes()
    with database.atomic():
        _store_backup_codes(staff, codes)
    return codes


def reset(staff: Staff, by: Staff | None = None) -> None:
    """An administrator removes the account's app and backup codes (a lost phone): its sessions
    end, and the next login enrols again. Audited."""
    with database.atomic():
        Staff.update(totp_secret="", totp_last_step=0,
                     session_version=Staff.session_version + 1).where(Staff.id == staff.id) \
            .execute()
        BackupCode.delete().where(BackupCode.staff == staff.id).execute()
        audit.log(by, TWO_FACTOR_RESET, detail=f"staff {staff.id} ({staff.role})")
