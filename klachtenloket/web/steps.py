"""What staff read when the complaint page refuses a step: one translated text per refusal
code (klachtenloket.domain.states.ERRORS and klachtenloket.services.casework.ERRORS)."""
from flask_babel import lazy_gettext as _l

REFUSALS = {
    "not_received": _l("The complaint has not been registered yet."),
    "already_acknowledged": _l("The receipt of this complaint has already been confirmed."),
    "not_acknowledged": _l("First confirm the receipt of the complaint in writing (Awb 9:6). "
                           "Then you can assign it."),
    "already_decided": _l("The complaint has been decided. Only closing it is still possible."),
    "final_state": _l("The complaint is finished (closed, forwarded, declined or withdrawn). "
                      "You can only add an internal note."),
    "not_possible": _l("This step is not possible in the complaint's current state."),
    "first_contact_twice": _l("First contact has already been recorded."),
    "handler_missing": _l("Choose who handles the complaint"),
    "same_handler": _l("The complaint is already assigned to this person."),
    "handler_unknown": _l("Choose an active handler or coordinator."),
    "handler_complained_about": _l("The complaint is about this person, so they cannot handle "
                                   "it (Awb 9:7). Choose someone else."),
}


def refusal_text(code: str) -> str:
    """The text for a refusal code; a code without its own text gets the general one."""
    return str(REFUSALS.get(code, REFUSALS["not_possible"]))
