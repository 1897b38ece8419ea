"""The complaint page: its details, state, deadlines and timeline, and the steps staff take on
it, each a small POST form. A refused step shows the page again with the reason at the form
and what was typed; a stored one redirects back to the page (POST-redirect-GET).

Coordinator and reader see every complaint, a handler only the ones assigned to them; the
coordinator takes every step here, a handler adds notes and records first contact on their own.
"""
from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forms.staff import AssignForm, NoteForm
from klachtenloket.domain.roles import COMPLAINT_ROLES, COORDINATOR, HANDLER
from klachtenloket.domain.states import TransitionError
from klachtenloket.domain.terms import is_overdue
from klachtenloket.models import Complaint, Event, Staff
from klachtenloket.services import casework
from klachtenloket.web.access import role_required
from klachtenloket.web.steps import refusal_text
from views import public
from views.staff import bp

# The steps on this page: their form's anchor, and who may take them.
STEP_ROLES = {"note": (COORDINATOR, HANDLER), "acknowledge": (COORDINATOR,),
              "first_contact": (COORDINATOR, HANDLER), "assign": (COORDINATOR,)}


@dataclass
class TimelineEntry:
    event: Event
    who: str


@dataclass
class DeadlineRow:
    deadline: object
    done: bool
    overdue: bool


def _complaint_for(reference: str) -> tuple[Complaint, object]:
    """The complaint and its case, or 404; 403 when this staff member may not see it."""
    complaint = Complaint.get_or_none(Complaint.reference == reference)
    if complaint is None:
        abort(404)
    case = casework.case_state(complaint)
    if not casework.may_see(current_user, complaint, case):
        abort(403)
    return complaint, case


def _who(actor: str, names: dict) -> str:
    if actor == "complainant":
        return _("the complainant")
    if actor == "system":
        return _("the system")
    if actor.startswith("staff:"):
        try:
            return names.get(int(actor[6:])) or _("a former staff member")
        except ValueError:
            pass
    return actor


def _deadline_rows(deadlines, case, today) -> list[DeadlineRow]:
    rows = []
    for deadline in deadlines:
        if not case.is_open:
            done = True
        elif deadline.name == "acknowledgement":
            done = case.state != "received"
        elif deadline.name == "first_contact":
            done = case.first_contact_made
        elif deadline.name == "decision" and case.extended:
            done = True     # the extended decision term replaces it
        else:
            done = False
        rows.append(DeadlineRow(deadline, done, not done and is_overdue(deadline.due, today)))
    return rows


def render_page(complaint: Complaint, case, note_form=None, assign_form=None,
                refused: dict | None = None, status: int = 200):
    """The page; `refused` maps a step ("acknowledge", …) to the reason it was refused."""
    today = public.today()
    events = list(Event.select().where(Event.complaint == complaint).order_by(Event.at, Event.id))
    staff_ids = {int(e.actor[6:]) for e in events
                 if e.actor.startswith("staff:") and e.actor[6:].isdigit()}
    payload_ids = {e.payload.get("handler") for e in events if e.kind == "assigned"}
    wanted = {i for i in staff_ids | payload_ids | {case.handler} if isinstance(i, int)}
    names = {s.id: s.name for s in Staff.select(Staff.id, Staff.name).where(Staff.id.in_(wanted))} \
        if wanted else {}
    role = current_user.role
    return render_template(
        "staff/complaint.html", complaint=complaint, case=case,
        deadlines=_deadline_rows(casework.deadlines_for(complaint, case, today), case, today),
        timeline=[TimelineEntry(e, _who(e.actor, names)) for e in events],
        information=[e for e in events if e.kind == "information_added"],
        staff_names=names,
        may={step: role in roles for step, roles in STEP_ROLES.items()},
        note_form=note_form or NoteForm(formdata=None),
        assign_form=assign_form or AssignForm(formdata=None,
                                              staff_members=casework.assignable_staff()),
        refused=refused or {}), status


def _allowed(step: str) -> None:
    if current_user.role not in STEP_ROLES[step]:
        abort(403)


def _done(complaint: Complaint, message: str):
    flash(message, "staff")
    return redirect(url_for(".complaint", reference=complaint.reference), 303)


@bp.get("/klachten/<reference>")
@role_required(*COMPLAINT_ROLES)
def complaint(reference: str):
    found, case = _complaint_for(reference)
    return render_page(found, case)


@bp.post("/klachten/<reference>/notitie")
@role_required(COORDINATOR, HANDLER)
def add_note(reference: str):
    _allowed("note")
    found, case = _complaint_for(reference)
    form = NoteForm()
    if form.validate():
        try:
            casework.record(found, "note_added", {"text": form.text.data}, current_user)
        except TransitionError as refused:
            form.text.errors.append(refusal_text(refused.code))
        else:
            return _done(found, _("The note is added."))
    return render_page(found, case, note_form=form)


@bp.post("/klachten/<reference>/ontvangst-bevestigd")
@role_required(COORDINATOR)
def acknowledge(reference: str):
    _allowed("acknowledge")
    found, case = _complaint_for(reference)
    try:
        casework.record(found, "acknowledged", {"on": public.today()}, current_user)
    except TransitionError as refused:
        return render_page(found, case, refused={"acknowledge": refusal_text(refused.code)})
    return _done(found, _("Recorded: the confirmation of receipt was sent."))


@bp.post("/klachten/<reference>/eerste-contact")
@role_required(COORDINATOR, HANDLER)
def first_contact(reference: str):
    _allowed("first_contact")
    found, case = _complaint_for(reference)
    try:
        casework.record(found, "first_contact_made", {"on": public.today()}, current_user)
    except TransitionError as refused:
        return render_page(found, case, refused={"first_contact": refusal_text(refused.code)})
    return _done(found, _("Recorded: first contact was made."))


@bp.post("/klachten/<reference>/toewijzen")
@role_required(COORDINATOR)
def assign(reference: str):
    _allowed("assign")
    found, case = _complaint_for(reference)
    form = AssignForm(staff_members=casework.assignable_staff())
    if form.validate():
        try:
            casework.record(found, "assigned", {"handler": form.handler.data}, current_user)
        except TransitionError as refused:
            form.handler.errors.append(refusal_text(refused.code))
        else:
            return _done(found, _("The complaint is assigned."))
    return render_page(found, case, assign_form=form)
