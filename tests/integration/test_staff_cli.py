"""create-admin and create-staff: the only way to the first account; a password shown once."""
import re

from klachtenloket.domain.roles import ADMINISTRATOR, HANDLER
from klachtenloket.models import Staff
from klachtenloket.services import accounts

PASSWORD_LINE = re.compile(r"One-time password \(shown only now[^)]*\): (\S+)$", re.M)


def printed_password(output: str) -> str:
    match = PASSWORD_LINE.search(output)
    assert match, output
    return match.group(1)


def test_there_are_no_staff_accounts_until_someone_creates_one(app):
    assert Staff.select().count() == 0


def test_create_admin_makes_an_administrator_and_prints_a_password_that_works_once_shown(runner):
    result = runner.invoke(args=["create-admin", "Beheer@Example.nl", "Bea Beheer"])
    assert result.exit_code == 0, result.output
    password = printed_password(result.output)
    assert len(password) >= 16
    staff = Staff.get()
    assert (staff.email, staff.name, staff.role) == \
        ("beheer@example.nl", "Bea Beheer", ADMINISTRATOR)
    assert password not in staff.password_hash
    assert accounts.authenticate("beheer@example.nl", password).id == staff.id


def test_each_account_gets_its_own_password(runner):
    first = runner.invoke(args=["create-admin", "a@example.nl", "A"])
    second = runner.invoke(args=["create-admin", "b@example.nl", "B"])
    assert printed_password(first.output) != printed_password(second.output)


def test_a_second_account_for_the_same_address_is_refused_clearly(runner):
    runner.invoke(args=["create-admin", "beheer@example.nl", "Bea"])
    again = runner.invoke(args=["create-staff", "BEHEER@example.nl", "Bea 2", "--role", HANDLER])
    assert again.exit_code == 1
    assert "already a staff account for beheer@example.nl" in again.output
    assert "One-time password" not in again.output
    assert Staff.select().count() == 1 and Staff.get().role == ADMINISTRATOR


def test_create_staff_gives_the_role_asked_for(runner):
    result = runner.invoke(args=["create-staff", "h@example.nl", "Hans", "--role", HANDLER])
    assert result.exit_code == 0, result.output
    assert Staff.get().role == HANDLER
    assert accounts.authenticate("h@example.nl", printed_password(result.output)).role == HANDLER


def test_create_staff_needs_a_known_role(runner):
    missing = runner.invoke(args=["create-staff", "h@example.nl", "Hans"])
    unknown = runner.invoke(args=["create-staff", "h@example.nl", "Hans", "--role", "manager"])
    assert missing.exit_code == 2 and "--role" in missing.output
    assert unknown.exit_code == 2 and "coordinator" in unknown.output
    assert Staff.select().count() == 0


def test_a_bad_address_is_refused(runner):
    result = runner.invoke(args=["create-admin", "beheer-at-example.nl", "Bea"])
    assert result.exit_code == 1 and "not an e-mail address" in result.output
    assert Staff.select().count() == 0
