"""Staff accounts: create them, check a password at login, change their role, disable and
enable them, end their sessions. Each change by an administrator (or the command line) writes
an audit row in its own transaction.

Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106's low-memory profile).
A hash made with other parameters is replaced at the next successful login, so raising the
cost later needs no migration.
"""
from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from peewee import IntegrityError

from klachtenloket.db import database, is_sqlite
from klachtenloket.domain import passwords, roles
from klachtenloket.models import AuditEntry, Staff
from klachtenloket.models.base import utcnow
from klachtenloket.services import audit
from klachtenloket.services.paging import Paged, position

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


def create(email: str, name: str, role: str, password: str, by: Staff | None = None,
           key: str = "", temporary: bool = False) -> Staff:
    """A new account; `by` is the administrator who made it (None: the command line). `key`:
    the form that asked for it, kept in the audit row so a form sent twice finds the account
    it made (created_with). `temporary`: a one-time password, to be replaced at the first
    login."""
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
                                 password_hash=hasher.hash(password),
                                 password_is_temporary=temporary)
            audit.log(by, audit.STAFF_CREATED,
                      detail=_account(staff) + (f" form {key}" if key else ""))
            return staff
    except IntegrityError:
        raise AccountError("duplicate", f"there is already a staff account for {email}") from None


def created_with(key: str) -> Staff | None:
    """The account the form with this key made, or None (a double submit finds it here)."""
    if not key:
        return None
    entry = (AuditEntry.select(AuditEntry.detail)
             .where((AuditEntry.action == audit.STAFF_CREATED)
                    & AuditEntry.detail.endswith(f" form {key}")).first())
    if entry is None:
        return None
    return Staff.get_or_none(Staff.id == int(entry.detail.split()[1]))


# Letters and digits that cannot be mistaken for each other when read out or copied by hand
# (no 0/o, 1/l/i): 31 symbols, so 20 of them hold 99 random bits.
READABLE = "abcdefghjkmnpqrstuvwxyz23456789"


def generate_password() -> str:
    """A password to hand out once, easy to read out on the phone: 20 random characters from
    READABLE in groups of four, e.g. "k7mp-wq3x-ab2c-9tfe-hnr4"."""
    while True:
        chars = "".join(secrets.choice(READABLE) for _ in range(20))
        password = "-".join(chars[i:i + 4] for i in range(0, 20, 4))
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


def set_password(staff: Staff, password: str, by: Staff | None = None,
                 temporary: bool = False) -> None:
    """A new password; every session of the account ends. `by`: who set it (None: the
    command line). `temporary`: a one-time password, replaced at the next login."""
    _check_password(password, staff.email)
    with database.atomic():
        Staff.update(password_hash=hasher.hash(password), password_is_temporary=temporary,
                     session_version=Staff.session_version + 1) \
            .where(Staff.id == staff.id).execute()
        audit.log(by, audit.STAFF_PASSWORD_SET, detail=_account(staff))


def end_sessions(staff: Staff, by: Staff | None = None) -> None:
    """Every session of this account ends at its next request. Without `by` it is the person
    logging out (not audited); with `by` an administrator's "end all sessions" (audited)."""
    with database.atomic():
        Staff.update(session_version=Staff.session_version + 1) \
            .where(Staff.id == staff.id).execute()
        if by is not None:
            audit.log(by, audit.STAFF_SESSIONS_ENDED, detail=_account(staff))


def _keeps_an_administrator(staff: Staff, by: Staff | None) -> Staff:
    """The account as stored now, when it may lose its administrator rights: never one's own
    (another administrator does that), never the last active administrator. Call inside the
    transaction of the change."""
    if by is not None and by.id == staff.id:
        raise AccountError("self", "you cannot change your own role or disable your own account")
    query = (Staff.select().where((Staff.role == roles.ADMINISTRATOR) & Staff.active
                                  | (Staff.id == staff.id)).order_by(Staff.id))
    if not is_sqlite():
        # Two administrators disabling each other at once: the second waits for the first and
        # then counts again. (SQLite's BEGIN IMMEDIATE already lets one writer in at a time.)
        query = query.for_update()
    rows = list(query)
    current = next((row for row in rows if row.id == staff.id), None)
    if current is None:
        raise AccountError("missing", f"there is no staff account {staff.id}")
    others = [row for row in rows if row.id != staff.id
              and row.role == roles.ADMINISTRATOR and row.active]
    if current.role == roles.ADMINISTRATOR and current.active and not others:
        raise AccountError("last_administrator", "this is the last active administrator")
    return current


def disable(staff: Staff, by: Staff | None = None) -> None:
    """The account can no longer log in; its sessions end at once. `by`: who disabled it (None:
    the command line). Refused for one's own account and for the last active administrator."""
    with database.atomic():
        _keeps_an_administrator(staff, by)
        Staff.update(active=False, session_version=Staff.session_version + 1) \
            .where(Staff.id == staff.id).execute()
        audit.log(by, audit.STAFF_DISABLED, detail=_account(staff))


def enable(staff: Staff, by: Staff | None = None) -> None:
    """A disabled account may log in again (with its password; old sessions stay ended)."""
    with database.atomic():
        Staff.update(active=True).where(Staff.id == staff.id).execute()
        audit.log(by, audit.STAFF_ENABLED, detail=_account(staff))


def change_role(staff: Staff, role: str, by: Staff | None = None) -> bool:
    """Another role for the account; False when it had that role already (nothing stored).
    It counts from the account's next request: the role is read on every one. Refused for
    one's own account and for the last active administrator."""
    if role not in roles.ROLES:
        raise AccountError("role", f"the role must be one of {', '.join(roles.ROLES)}")
    with database.atomic():
        current = Staff.get_or_none(Staff.id == staff.id)
        if current is None:
            raise AccountError("missing", f"there is no staff account {staff.id}")
        if current.role == role:
            return False
        if current.role == roles.ADMINISTRATOR or (by is not None and by.id == staff.id):
            current = _keeps_an_administrator(staff, by)
        Staff.update(role=role).where(Staff.id == staff.id).execute()
        audit.log(by, audit.STAFF_ROLE_CHANGED,
                  detail=f"staff {staff.id} ({current.role} -> {role})")
    return True


PAGE_SIZE = 50


@dataclass
class AccountsPage(Paged):
    accounts: list[Staff]


def listing(page: int = 1) -> AccountsPage:
    """Every account, active ones first, then by name; PAGE_SIZE a page."""
    query = Staff.select().order_by(Staff.active.desc(), Staff.name, Staff.id)
    where, found = position(query, page, PAGE_SIZE)
    return AccountsPage(accounts=found, **where)
