"""The password rule for staff: at least 12 characters, no composition rules, the obvious
ones refused."""
import pytest

from klachtenloket.domain import passwords


@pytest.mark.parametrize("password", [
    "paard batterij nietje",    # a passphrase: only letters and spaces
    "correcthorsebattery",      # no digit, no capital, no symbol: still fine
    "x7#Lq9!mZ2@w",             # exactly 12
    "Zonnebloem in de vaas",
])
def test_long_passwords_need_no_digits_capitals_or_symbols(password):
    assert passwords.problem(password) is None


@pytest.mark.parametrize("password", ["", "kort", "elf-tekens!", "Abcdef12345"])
def test_shorter_than_12_characters_is_refused(password):
    assert len(password) < 12
    assert passwords.problem(password) == passwords.TOO_SHORT


@pytest.mark.parametrize("password", [
    "Wachtwoord123", "WELKOM123456", "password1234", "Klachtenloket",   # the list, any case
    "aaaaaaaaaaaaaaaa",                                                   # one character
    "123456789012345", "abcdefghijklmn", "qwertyuiopasdf", "0987654321098",  # runs
])
def test_common_passwords_are_refused(password):
    assert passwords.problem(password) == passwords.COMMON


def test_the_e_mail_address_is_no_password():
    email = "coordinator.klachten@example.nl"
    assert passwords.problem(email, email) == passwords.SAME_AS_EMAIL
    assert passwords.problem("coordinator.klachten", email) == passwords.SAME_AS_EMAIL
    assert passwords.problem("coordinator.klachten", "") is None


def test_every_listed_password_is_long_enough_to_need_listing():
    """Shorter ones are refused by their length already; listing them would only hide that."""
    assert all(len(p) >= passwords.MIN_LENGTH for p in passwords.COMMON_PASSWORDS)
    assert all(p == p.casefold() for p in passwords.COMMON_PASSWORDS)
