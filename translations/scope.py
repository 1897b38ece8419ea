"""Which msgids every language must translate, and which only Dutch and English.

The resident's pages, mails, letters and forms come in every language the site offers
(config.py LANGUAGES); the back office (/beheer) only in Dutch and English
(klachtenloket/web/i18n.py STAFF_LANGUAGES). A msgid is staff-only when *every* place it is used
(its `#:` source references) matches STAFF_ONLY below; one use on a public page makes it public.
A file that is not listed counts as public: a new page is translated into every language unless
it is added here. Staff-only msgids may stay empty in tr/ar/pl/uk: gettext then shows the
English msgid, and the back office does not offer those languages anyway.
"""
from fnmatch import fnmatch

STAFF_LANGUAGES = ("nl", "en")

# Source files read only by staff (fnmatch patterns; `*` also crosses `/`).
STAFF_ONLY = (
    "templates/staff/*",
    "views/staff/*",
    "forms/staff.py",
    "forms/accounts.py",
    "forms/configuration.py",
    "forms/letter_texts.py",
    "forms/settings.py",
    "forms/auth.py",
    "forms/contact_settings.py",
    "forms/email_texts.py",
    "forms/intake_settings.py",
    "forms/measures.py",
    "forms/privacy.py",
    "forms/report.py",
    "forms/open_data.py",
    "klachtenloket/cli/*",
    "klachtenloket/web/access.py",
    "klachtenloket/web/steps.py",
    "klachtenloket/web/staff_mail.py",
    "klachtenloket/services/reminders.py",
    "klachtenloket/services/report.py",
    "klachtenloket/services/measures.py",
    "klachtenloket/web/report_tables.py",
    "klachtenloket/web/email_texts.py",
    "templates/emails/reminders.txt",
    "templates/macros/events.html",
    "templates/macros/callbacks.html",
    "templates/macros/pagination.html",
    "templates/macros/measures.html",
)


def is_staff_only(message) -> bool:
    """True when every source reference of `message` (a babel Message) is a staff file."""
    locations = [path for path, _line in message.locations]
    return bool(locations) and all(any(fnmatch(path, pattern) for pattern in STAFF_ONLY)
                                   for path in locations)


def must_translate(message, locale: str) -> bool:
    """Whether the catalog of `locale` must have a text for `message`."""
    return locale in STAFF_LANGUAGES or not is_staff_only(message)
