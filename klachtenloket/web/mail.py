"""Mails to residents, written in the language they filed in."""
from flask import current_app, render_template, url_for
from flask_babel import force_locale, gettext as _

from klachtenloket.models import Complaint
from klachtenloket.services import letters
from klachtenloket.services.deadlines import for_complaint
from klachtenloket.web import email_texts
from klachtenloket.web.organisation import current_organisation


def tracking_url(token: str) -> str:
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    if base:
        return base + url_for("track.show", token=token)
    return url_for("track.show", token=token, _external=True)


def _render(complaint: Complaint, template: str, subject: str, token: str) -> list[tuple[str, str, str]]:
    body = render_template(template, complaint=complaint, link=tracking_url(token),
                           deadlines=for_complaint(complaint))
    return [(address, subject, body) for address in complaint.contact_emails()]


def acknowledgement_mails(complaint: Complaint, token: str) -> list[tuple[str, str, str]]:
    """The acknowledgement letter (klachtenloket.services.letters), with the private link."""
    org = current_organisation()
    letter = letters.compose(complaint, "acknowledgement", org=org)
    body = email_texts.own_body(org, "acknowledgement", complaint.language, {
        **_values(complaint, token), "letter": letter.body})
    if body is None:
        with force_locale(complaint.language):
            body = render_template("emails/acknowledgement.txt", letter=letter.body,
                                   link=tracking_url(token))
    return [(address, letter.subject, body) for address in complaint.contact_emails()]


def _values(complaint: Complaint, token: str) -> dict:
    """The placeholders of the organisation's own mail texts (klachtenloket/web/email_texts)."""
    return {"name": complaint.representative_name or complaint.name,
            "reference": complaint.reference, "organisation": current_organisation().name,
            "link": tracking_url(token)}


def link_mails(complaint: Complaint, token: str) -> list[tuple[str, str, str]]:
    with force_locale(complaint.language):
        subject = _("Your link to complaint %(reference)s", reference=complaint.reference)
        body = email_texts.own_body(current_organisation(), "link", complaint.language,
                                    _values(complaint, token))
        if body is not None:
            return [(address, subject, body) for address in complaint.contact_emails()]
        return _render(complaint, "emails/link.txt", subject, token)
