"""Names people read for the codes stored in the database (roles, states, channels)."""
from flask_babel import lazy_gettext as _l

from klachtenloket.domain import roles

ROLES = {roles.COORDINATOR: _l("Complaints coordinator"), roles.HANDLER: _l("Complaints handler"),
         roles.READER: _l("Reader"), roles.ADMINISTRATOR: _l("Administrator")}
STATES = {"received": _l("Received"), "acknowledged": _l("Acknowledged"),
          "in_handling": _l("In handling"), "decided": _l("Decided"), "closed": _l("Closed"),
          "forwarded": _l("Forwarded"), "declined": _l("Not handled (declined)"),
          "withdrawn": _l("Withdrawn")}
CHANNELS = {"web": _l("Web form"), "phone": _l("Phone"), "letter": _l("Letter"),
            "email": _l("E-mail"), "desk": _l("At the desk")}
PROCEDURES = {"informal": _l("Informal"), "formal": _l("Formal")}
# Awb 9:10(2): why a complainant is not heard (klachtenloket.domain.states.HEARING_WAIVER_GROUNDS).
HEARING_WAIVERS = {
    "clearly_unfounded": _l("The complaint is clearly unfounded"),
    "complainant_declined": _l("The complainant does not want to be heard"),
    "no_response": _l("The complainant did not answer in time whether they want to be heard"),
}

# The parts of a written complaint (Awb 9:4, klachtenloket.domain.letters.PARTS).
LETTER_PARTS = {"name": _l("name"), "address": _l("address"), "date": _l("date"),
                "description": _l("description"), "signature": _l("signature")}

# A measure's status (klachtenloket.models.measure.STATUSES).
MEASURE_STATUSES = {"open": _l("To do"), "in_progress": _l("Busy"), "done": _l("Done")}


def _label(names: dict):
    # A code without a name yet is shown as stored rather than hidden.
    return lambda code: str(names[code]) if code in names else code


def register(app) -> None:
    app.jinja_env.filters.update(role_label=_label(ROLES), state_label=_label(STATES),
                                 channel_label=_label(CHANNELS),
                                 letter_part_label=_label(LETTER_PARTS),
                                 procedure_label=_label(PROCEDURES),
                                 hearing_waiver_label=_label(HEARING_WAIVERS),
                                 measure_status_label=_label(MEASURE_STATUSES))
