"""Complaints for the privacy tests, stored through the intake service as the web form stores
them (with a tracking link, an acknowledgement mail and letter), without walking the form."""
import secrets
from datetime import date

from tests.integration.helpers import GOOD_DETAILS


def web_complaint(app, name: str, **fields):
    from klachtenloket.services import intake
    from klachtenloket.web.organisation import current_organisation
    data = {**GOOD_DETAILS, "name": name, **fields}

    def acknowledgement(complaint, token):
        return [(complaint.email, "Uw klacht", f"Beste {complaint.name}, /volgen/{token}")]
    with app.test_request_context():
        return intake.submit(secrets.token_hex(16), data, current_organisation(), "nl",
                             date.today(), acknowledgement).complaint
