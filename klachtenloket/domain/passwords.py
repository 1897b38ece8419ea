"""What a staff password must be: long, and not one everybody tries first.

As NIST SP 800-63B advises: a minimum length and a list of refused passwords, no composition
rules (they make passwords harder to remember, not to guess).

Refused: the hand-made list below (long ones, Dutch and this application's), the 10 000 most
common passwords of common_passwords.txt beside this file (zxcvbn's list, see its header), any
of those with only digits, spaces or punctuation before or after it ("Wachtwoord2026!"), one
of them repeated ("monkeymonkey"), one character repeated, and runs such as "1234…".
"""
import string
from functools import cache
from pathlib import Path

MIN_LENGTH = 12
TOO_SHORT, COMMON, SAME_AS_EMAIL = "too_short", "common", "same_as_email"

# Passwords of 12 characters or more that appear high in published leak lists, and the
# obvious ones for a Dutch organisation and this application. Compared without case.
COMMON_PASSWORDS = frozenset("""
123456789012 1234567890123 12345678901234 123456789123 111111111111 000000000000
123123123123 121212121212 987654321098 098765432109 147258369147 123412341234
password1234 password12345 password123! passw0rd1234 password1111 passwordpassword
qwertyuiop12 qwertyuiop123 qwertyuiopasdf 1qaz2wsx3edc 1q2w3e4r5t6y qazwsxedcrfv
abcdefghijkl abcd12345678 abc123456789 iloveyou1234 letmein12345 welcome12345
welcome123456 administrator admin1234567 adminadmin12 changeme1234 trustno1trustno1
football1234 princess1234 sunshine1234 monkey123456 dragon123456 starwars1234
wachtwoord12 wachtwoord123 wachtwoord1234 wachtwoord01 wachtwoordwachtwoord
welkom123456 welkom1234567 welkomwelkom zomer2025zomer winter2025!! voorjaar2026
klachtenloket klachtenloket1 klachtenloket123 klachten1234 klachten2026 gemeente1234
sociaaldienst socialedienst socialedienst1 medewerker123 beheerder123 nederland123
amsterdam1234 rotterdam123 feyenoord1908 ajaxajaxajax
""".split())

LIST_FILE = Path(__file__).with_name("common_passwords.txt")


@cache
def leaked_passwords() -> frozenset[str]:
    """common_passwords.txt: the 10 000 most common passwords, lower case."""
    lines = LIST_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _is_listed(text: str) -> bool:
    return text in COMMON_PASSWORDS or text in leaked_passwords()


# What people put around a listed password to get it past a length rule.
_PADDING = string.digits + string.punctuation + string.whitespace


def _repeated_part(text: str) -> str:
    """The shortest part that repeats to make `text` ("abcabc" → "abc"), else `text`."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return text[:size]
    return text


# Runs anyone types without thinking: 1234…, abcd…, the keyboard's rows.
_RUNS = (string.digits * 3, string.ascii_lowercase,
         "qwertyuiopasdfghjklzxcvbnm", "azertyuiopqsdfghjklmwxcvbn")


def _is_run(text: str) -> bool:
    return any(text in run or text in run[::-1] for run in _RUNS)


def problem(password: str, email: str = "") -> str | None:
    """None when the password will do, else why not (TOO_SHORT, COMMON, SAME_AS_EMAIL)."""
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    folded = password.casefold()
    bare = folded.strip()
    core = bare.strip(_PADDING)      # "wachtwoord" in " Wachtwoord2026!"
    if len(set(bare)) <= 1 or any(_is_listed(text) or _is_run(text)
                                  for text in {folded, bare, core, _repeated_part(bare)} if text):
        return COMMON
    if email and folded in (email.casefold(), email.casefold().partition("@")[0]):
        return SAME_AS_EMAIL
    return None
