"""The steps staff take on the complaint page: for each, its form, who may take it, when the
page offers it, and the words on its heading, button and confirmation; and what staff read
when a step is refused — one translated text per refusal code
(klachtenloket.domain.states.ERRORS and klachtenloket.services.casework.ERRORS).

The views (views/staff/casework.py) make one route per step from STEPS; the access table in
tests/integration/test_staff_access.py names each of them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from flask_babel import lazy_gettext as _l

from forms import staff as forms
from klachtenloket.domain.roles import COORDINATOR, HANDLER
from klachtenloket.domain.states import HANDLING, OPEN, ORAL_CHANNELS

# Who may take a step: the coordinator's own steps, and the handler's (which the coordinator
# may take too; klachtenloket.services.casework.may_take).
COORDINATOR_ONLY = (COORDINATOR,)
HANDLER_TOO = (COORDINATOR, HANDLER)


@dataclass(frozen=True)
class Step:
    name: str                  # form prefix and anchor (<name>-form); endpoint staff.step_<name>
    kind: str                  # the event it stores
    slug: str                  # its URL: /beheer/klachten/<reference>/<slug>
    form: type
    roles: tuple[str, ...]
    title: object              # the form's heading
    button: object
    done: object               # the confirmation after it is stored
    offered: Callable          # (case, complaint) -> bool: the page shows the form

    @property
    def endpoint(self) -> str:
        return f"step_{self.name}"


def _handling(case) -> bool:
    return case.state in HANDLING


STEPS: tuple[Step, ...] = (
    Step("acknowledge", "acknowledged", "ontvangst-bevestigd", forms.AcknowledgeForm,
         COORDINATOR_ONLY, _l("Confirmation of receipt"), _l("The confirmation was sent"),
         _l("Recorded: the confirmation of receipt was sent."),
         lambda case, c: case.state == "received" and not c.contact_emails()),
    Step("first_contact", "first_contact_made", "eerste-contact", forms.FirstContactForm,
         HANDLER_TOO, _l("First contact"), _l("First contact made"),
         _l("Recorded: first contact was made."),
         lambda case, c: case.is_open and not case.first_contact_made),
    Step("assign", "assigned", "toewijzen", forms.AssignForm, COORDINATOR_ONLY,
         _l("Assign a handler"), _l("Assign"), _l("The complaint is assigned."),
         lambda case, c: case.is_open),
    Step("procedure", "procedure_chosen", "procedure", forms.ProcedureForm, HANDLER_TOO,
         _l("Choose the procedure"), _l("Save the procedure"), _l("The procedure is saved."),
         lambda case, c: _handling(case) and case.procedure != "formal"),
    Step("copy_sent", "copy_sent", "kopie-verstuurd", forms.CopySentForm, HANDLER_TOO,
         _l("Copy to the person it is about (Awb 9:9)"), _l("The copy was sent"),
         _l("Recorded: the person the complaint is about got a copy."),
         lambda case, c: _handling(case) and not case.copy_sent),
    Step("hearing_planned", "hearing_planned", "hoorzitting-gepland", forms.HearingPlannedForm,
         HANDLER_TOO, _l("Plan the hearing"), _l("Save the hearing date"),
         _l("The hearing is planned."),
         lambda case, c: _handling(case) and case.hearing not in ("held", "waived")),
    Step("hearing_held", "hearing_held", "gehoord", forms.HearingHeldForm, HANDLER_TOO,
         _l("The hearing was held"), _l("Save the report"), _l("The report of the hearing is "
                                                                "saved."),
         lambda case, c: _handling(case) and case.hearing != "held"),
    Step("hearing_waived", "hearing_waived", "niet-horen", forms.HearingWaivedForm, HANDLER_TOO,
         _l("No hearing"), _l("Save: no hearing"), _l("Recorded: there is no hearing."),
         lambda case, c: _handling(case) and case.hearing not in ("held", "waived")),
    Step("suspend", "suspended", "opschorten", forms.SuspendForm, HANDLER_TOO,
         _l("Pause the term"), _l("Pause the term"), _l("The term is paused."),
         lambda case, c: _handling(case) and not case.suspended),
    Step("resume", "resumed", "hervatten", forms.ResumeForm, HANDLER_TOO,
         _l("Resume the term"), _l("Resume the term"), _l("The term runs again."),
         lambda case, c: case.state == "in_handling" and case.suspended),
    Step("extend", "extended", "verlengen", forms.ExtendForm, HANDLER_TOO,
         _l("Extend the decision term (Awb 9:11)"), _l("Extend the term"),
         _l("The decision term is extended."),
         lambda case, c: _handling(case) and not case.extended
         and c.procedure.get("extension") is not None),
    Step("decide", "decided", "beslissen", forms.DecideForm, HANDLER_TOO,
         _l("Decision"), _l("Save the decision"), _l("The decision is saved."),
         lambda case, c: _handling(case) and not case.suspended),
    Step("solved_directly", "closed", "direct-opgelost", forms.SolvedDirectlyForm, HANDLER_TOO,
         _l("Solved directly (Awb 9:5)"), _l("Close as solved"),
         _l("The complaint is closed as solved directly."),
         lambda case, c: case.state in ("received", "acknowledged")
         and c.channel in ORAL_CHANNELS),
    Step("close", "closed", "afsluiten", forms.CloseForm, COORDINATOR_ONLY,
         _l("Close the complaint"), _l("Close the complaint"), _l("The complaint is closed."),
         lambda case, c: case.state == "decided"),
    Step("forward", "forwarded", "doorsturen", forms.ForwardForm, COORDINATOR_ONLY,
         _l("Forward to another organisation"), _l("Forward"), _l("The complaint is forwarded."),
         lambda case, c: case.state in OPEN),
    Step("decline", "declined", "niet-behandelen", forms.DeclineForm, COORDINATOR_ONLY,
         _l("Do not handle the complaint (Awb 9:8)"), _l("Do not handle"),
         _l("Recorded: the complaint is not handled."),
         lambda case, c: case.state in OPEN),
    Step("classify", "classified", "indelen", forms.ClassifyForm, COORDINATOR_ONLY,
         _l("Classification"), _l("Save the classification"), _l("The classification is saved."),
         lambda case, c: True),
    Step("note", "note_added", "notitie", forms.NoteForm, HANDLER_TOO,
         _l("Add an internal note"), _l("Add the note"), _l("The note is added."),
         lambda case, c: True),
)
BY_NAME = {step.name: step for step in STEPS}

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
    "about_coordinator_needs_manager": _l("The complaint is about a complaints coordinator. "
                                          "Only a manager can handle it. Choose a manager."),
    "procedure_unchanged": _l("The complaint already follows this procedure."),
    "procedure_back_to_informal": _l("A formal procedure cannot go back to the informal one."),
    "hearing_already_held": _l("The hearing has already been held."),
    "hearing_already_waived": _l("It has already been recorded that there is no hearing."),
    "already_suspended": _l("The term is already paused."),
    "not_suspended": _l("The term is not paused, so it cannot be resumed."),
    "resume_before_suspend": _l("The term cannot resume before the day it was paused."),
    "extension_twice": _l("The decision term can be extended only once (Awb 9:11)."),
    "extension_too_long": _l("The decision term can be extended by at most 4 weeks (Awb 9:11)."),
    "extension_too_late": _l("The decision term has already ended. It can only be extended "
                             "before it ends (Awb 9:11)."),
    "decided_while_suspended": _l("The term is paused. Resume it before you decide."),
    "outcome_unknown": _l("Choose an outcome from the list."),
    "decline_unknown_ground": _l("Choose a ground from the list."),
    "close_before_decision": _l("Decide the complaint before you close it."),
    "solved_directly_not_oral": _l("Only a complaint made by phone or at the desk can be closed "
                                   "as solved directly (Awb 9:5)."),
}


def refusal_text(code: str) -> str:
    """The text for a refusal code; a code without its own text gets the general one."""
    return str(REFUSALS.get(code, REFUSALS["not_possible"]))
