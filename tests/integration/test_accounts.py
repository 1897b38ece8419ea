"""Staff accounts as stored: argon2id hashes, one account per address, the password rule,
a rehash when the parameters change, and logins that give nothing away."""
import pytest
from argon2 import PasswordHasher

from klachtenloket.domain.roles import COORDINATOR, HANDLER
from klachtenloket.models import Staff
from klachtenloket.services import accounts
from tests.integration.helpers import STAFF_PASSWORD, make_staff


def test_the_password_is_stored_as_an_argon2id_hash_only(app):
    staff = make_staff(COORDINATOR)
    stored = Staff.get_by_id(staff.id).password_hash
    assert stored.startswith("$argon2id$") and STAFF_PASSWORD not in stored
    assert accounts.hasher.verify(stored, STAFF_PASSWORD)


def test_the_hash_costs_at_least_what_owasp_asks_for_argon2id():
    """OWASP's password storage minimum: argon2id, 19 MiB, 2 iterations. Ours is RFC 9106's
    low-memory profile (64 MiB, 3 iterations, 4 lanes), about 0.1 s a login."""
    from argon2 import Type
    assert accounts.hasher.type is Type.ID
    assert accounts.hasher.memory_cost >= 19 * 1024 and accounts.hasher.time_cost >= 2


def test_one_account_per_address_whatever_its_case(app):
    make_staff(COORDINATOR, email="piet@example.nl")
    with pytest.raises(accounts.AccountError) as refused:
        make_staff(HANDLER, email="Piet@Example.NL")
    assert refused.value.code == "duplicate"
    assert Staff.select().count() == 1


@pytest.mark.parametrize("email, name, role, password, code", [
    ("not-an-address", "Piet", COORDINATOR, STAFF_PASSWORD, "email"),
    ("piet @example.nl", "Piet", COORDINATOR, STAFF_PASSWORD, "email"),
    ("piet@example.nl", "  ", COORDINATOR, STAFF_PASSWORD, "name"),
    ("piet@example.nl", "Piet", "manager", STAFF_PASSWORD, "role"),
    ("piet@example.nl", "Piet", COORDINATOR, "kort", "too_short"),
    ("piet@example.nl", "Piet", COORDINATOR, "Wachtwoord123", "common"),
])
def test_what_create_refuses(app, email, name, role, password, code):
    with pytest.raises(accounts.AccountError) as refused:
        accounts.create(email, name, role, password)
    assert refused.value.code == code
    assert Staff.select().count() == 0


def test_a_hash_made_with_other_parameters_is_replaced_at_the_next_login(app):
    staff = make_staff(COORDINATOR)
    cheap = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    old = cheap.hash(STAFF_PASSWORD)
    Staff.update(password_hash=old).where(Staff.id == staff.id).execute()

    assert accounts.authenticate("coordinator@example.nl", "a wrong password!") is None
    assert Staff.get_by_id(staff.id).password_hash == old, "only a correct password rehashes"

    assert accounts.authenticate("coordinator@example.nl", STAFF_PASSWORD) is not None
    new = Staff.get_by_id(staff.id).password_hash
    assert new != old and not accounts.hasher.check_needs_rehash(new)
    assert accounts.authenticate("coordinator@example.nl", STAFF_PASSWORD) is not None


def test_an_unknown_address_costs_a_hash_check_like_a_known_one(app, monkeypatch):
    """Else the time a login takes tells which addresses have an account."""
    checks, real = [], accounts.hasher

    class Counting:
        def __getattr__(self, name):
            return getattr(real, name)

        def verify(self, stored, password):
            checks.append(stored)
            return real.verify(stored, password)

    make_staff(COORDINATOR)
    monkeypatch.setattr(accounts, "hasher", Counting())
    assert accounts.authenticate("nobody@example.nl", STAFF_PASSWORD) is None
    assert accounts.authenticate("coordinator@example.nl", "a wrong password!") is None
    assert len(checks) == 2 and all(c.startswith("$argon2id$") for c in checks)


def test_a_login_is_recorded_and_a_failed_one_is_not(app):
    staff = make_staff(COORDINATOR)
    accounts.authenticate("coordinator@example.nl", "a wrong password!")
    assert Staff.get_by_id(staff.id).last_login_at is None
    accounts.authenticate("coordinator@example.nl", STAFF_PASSWORD)
    assert Staff.get_by_id(staff.id).last_login_at is not None


def test_a_new_password_follows_the_rule_and_ends_every_session(app):
    staff = make_staff(COORDINATOR)
    with pytest.raises(accounts.AccountError):
        accounts.set_password(staff, "coordinator@example.nl")
    accounts.set_password(staff, "een heel ander wachtwoord")
    changed = Staff.get_by_id(staff.id)
    assert changed.session_version == staff.session_version + 1
    assert accounts.authenticate("coordinator@example.nl", STAFF_PASSWORD) is None
    assert accounts.authenticate("coordinator@example.nl", "een heel ander wachtwoord")


def test_generated_passwords_are_long_random_and_pass_the_rule(app):
    from klachtenloket.domain import passwords
    made = {accounts.generate_password() for _ in range(20)}
    assert len(made) == 20
    assert all(len(p) >= 16 and passwords.problem(p) is None for p in made)
    assert all(set(p) <= set(accounts.READABLE + "-") for p in made), "nothing to mix up"
    assert not any(set(p) & set("0o1li") for p in made)
