"""Staff accounts: create them, check a password at login, end their sessions.

Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106's low-memory profile).
A hash made with other parameters is replaced at the next successful login, so raising the
cost later needs no migration.
"""
from __future__ import annotations

import functools
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from peewee import IntegrityError

from klachtenloket.db import database
from klachtenloket.domain import passwords, roles
from klachtenloket.models import Staff
from klachtenloket.models.base import utcnow
from klachtenloket.services import audit

hasher = PasswordHasher()


class AccountError(ValueError):
    """A request about an account that cannot be done; `code` says why, `str()` in English."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def normal_email(email: str) -> str:
    return email.strip().lower()


@functools.cache
def _dummy_hash() -> str:
    return hasher.hash(secrets.token_urlsafe(16))


def _check_password(password: str, email: str) -> None:
    problem = passwords.problem(password, email)
    if problem == passwords.TOO_SHORT:
        raise AccountError(problem, f"a password needs at least {passwords.MIN_LENGTH} characters")
    if problem:
        raise AccountError(problem, "this password is too easy to guess")


def _account(staff: Staff) -> str:
    """The audit row's detail: which account, in which role (its name and address are in
    the staff table)."""
    return f"staff {staff.id} ({staff.role})"


def create(email: str, name: str, role: str, password: str, by: Staff | None = None) -> Staff:
    """A new account; `by` is the administrator who made it (None: the command line)."""
    email, name = normal_email(email), name.strip()
    local, at, domain = email.partition("@")
    if not (local and at and "." in domain) or any(c.isspace() for c in email) or len(email) > 254:
        raise AccountError("email", f"{email!r} is not an e-mail address")
    if not name or len(name) > 200:
        raise AccountError("name", "a name of 1 to 200 characters is needed")
    if role not in roles.ROLES:
        raise AccountError("role", f"the role must be one of {', '.join(roles.ROLES)}")
    _check_password(password, email)
    try:
        with database.atomic():
            staff = Staff.create(email=email, name=name, role=role,
                                 password_hash=hasher.hash(password))
            audit.log(by, audit.STAFF_CREATED, detail=_account(staff))
            return staff
    except IntegrityError:
        raise AccountError("duplicate", f"there is already a staff account for {email}") from None


def generate_password() -> str:
    """A password to hand out once: 120 random bits as 20 URL-safe characters."""
    while True:
        password = secrets.token_urlsafe(15)
        if passwords.problem(password) is None:
            return password


def authenticate(email: str, password: str) -> Staff | None:
    """The active account with this address and password, its login recorded; else None.

    An unknown address, a wrong password and a disabled account look alike to the caller
    and take as long (a hash is checked either way), so nobody learns which addresses exist.
    """
    staff = Staff.get_or_none(Staff.email == normal_email(email))
    try:
        hasher.verify(staff.password_hash if staff else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if staff is None or not staff.active:
        return None
    changes = {Staff.last_login_at: utcnow()}
    if hasher.check_needs_rehash(staff.password_hash):
        changes[Staff.password_hash] = hasher.hash(password)
    with database.atomic():
        Staff.update(changes).where(Staff.id == staff.id).execute()
    return Staff.get_by_id(staff.id)


def set_password(staff: Staff, password: str, by: Staff | None = None) -> None:
    """A new password; every session of the account ends. `by`: who set it (None: the
    command line)."""
    _check_password(password, staff.email)
    with database.atomic():
        Staff.update(password_hash=hasher.hash(password),
                     session_version=Staff.session_version + 1) \
            .where(Staff.id == staff.id).execute()
        audit.log(by, audit.STAFF_PASSWORD_SET, detail=_account(staff))


def end_sessions(staff: Staff) -> None:
    """Every session of this account ends at its next request (logout, "end all sessions")."""
    with database.atomic():
        Staff.update(session_version=Staff.session_version + 1) \
            .where(Staff.id == staff.id).execute()


def disable(staff: Staff, by: Staff | None = None) -> None:
    """The account can no longer log in; its sessions end. `by`: who disabled it (None: the
    command line)."""
    with database.atomic():
        Staff.update(active=False, session_version=Staff.session_version + 1) \
            .where(Staff.id == staff.id).execute()
        audit.log(by, audit.STAFF_DISABLED, detail=_account(staff))
