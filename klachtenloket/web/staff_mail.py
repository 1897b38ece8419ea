"""Mails to staff, written in the staff member's language (Dutch until accounts have one)."""
from datetime import date

from flask import current_app, render_template, url_for
from flask_babel import force_locale, gettext as _

from klachtenloket.services.reminders import Reminder


def staff_language(staff) -> str:
    return getattr(staff, "language", None) or current_app.config["BABEL_DEFAULT_LOCALE"]


def complaint_url(reference: str) -> str:
    """The complaint's page in the back office; needs PUBLIC_URL outside a request."""
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    if base:
        return base + url_for("staff.complaint", reference=reference)
    return url_for("staff.complaint", reference=reference, _external=True)


def reminder_mail(reminder: Reminder, today: date, last_day: date) -> tuple[str, str]:
    """(subject, body) of one staff member's daily reminder."""
    with force_locale(staff_language(reminder.staff)):
        subject = _("Complaints reminder: %(overdue)d overdue, %(soon)d due soon",
                    overdue=len(reminder.overdue), soon=len(reminder.soon))
        body = render_template("emails/reminders.txt", reminder=reminder, today=today,
                               last_day=last_day, url=complaint_url)
    return subject, body
