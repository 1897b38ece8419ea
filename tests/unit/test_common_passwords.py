"""The list of common passwords the password rule refuses (klachtenloket/domain/
common_passwords.txt: the 10 000 most common, from zxcvbn's frequency list), and the ways
people dress one up to pass a length rule."""
import pytest

from klachtenloket.domain import passwords


def test_the_shipped_list_holds_the_10000_most_common_passwords():
    leaked = passwords.leaked_passwords()
    assert len(leaked) == 10_000
    assert {"123456", "password", "qwerty", "dragon", "wachtwoord", "welkom"} <= leaked
    assert all(p == p.lower() and p.strip() == p for p in leaked)
    header = passwords.LIST_FILE.read_text().splitlines()[:4]
    assert any("zxcvbn" in line for line in header), "the file says where it came from"


@pytest.mark.parametrize("password", [
    "qwerty123456", "1qaz2wsx3edc", "sonyericsson",             # on the list, 12 or longer
    "Wachtwoord2026!", "  welkom12345  ", "!!Password!!!!", "12dragon3456",  # dressed up
    "monkeymonkey", "DragonDragonDragon",                          # repeated
    "            ",                                                # blanks only
])
def test_common_passwords_and_their_dressed_up_forms_are_refused(password):
    assert passwords.problem(password) == passwords.COMMON


@pytest.mark.parametrize("password", [
    "paard batterij nietje", "Wachtwoord van Corrie 2026", "dragonfly over het meer",
    "k7mp-wq3x-ab2c-9tfe-hnr4",
])
def test_a_listed_word_inside_a_longer_phrase_is_fine(password):
    assert passwords.problem(password) is None
