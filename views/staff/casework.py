"""The complaint page: its details, state, deadlines and timeline, and the steps staff take on
it, each a small POST form (klachtenloket.web.steps.STEPS: one route each). A refused step
shows the page again with the reason at the form and what was typed; a stored one redirects
back to the page (POST-redirect-GET). A step sent from a view of the complaint that someone
else has changed since goes to the conflict page instead, with what changed and the text kept.

Coordinator and reader see every complaint, a handler only the ones assigned to them; the
coordinator takes every step, whoever is assigned takes the handler's steps
(klachtenloket.services.casework.may_take).
"""
from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forms.measures import MeasureForm, MeasureStatusForm
from klachtenloket.domain.roles import COMPLAINT_ROLES, HANDLER, READER
from klachtenloket.domain.states import TransitionError
from klachtenloket.domain.terms import Procedure, is_overdue
from klachtenloket.models import Complaint, Event, Staff
from klachtenloket.services import audit, casework, measures
from klachtenloket.web.access import role_required
from klachtenloket.web.organisation import current_organisation
from klachtenloket.web.steps import STEPS, Step, refusal_text
from views import public
from views.staff import bp


@dataclass
class TimelineEntry:
    event: Event
    who: str


@dataclass
class DeadlineRow:
    deadline: object
    done: bool
    overdue: bool


def complaint_or_404(reference: str) -> Complaint:
    complaint = Complaint.get_or_none(Complaint.reference == reference)
    if complaint is None:
        abort(404)
    return complaint


def visible_complaint(reference: str) -> Complaint:
    """The complaint, or 404; 403 when this staff member may not see it (its letters, files)."""
    complaint = complaint_or_404(reference)
    if not casework.may_see(current_user, complaint):
        abort(403)
    return complaint


def complaint_and_case(reference: str) -> tuple[Complaint, object]:
    """The complaint and its case, or 404; 403 when this staff member may not see it."""
    complaint = complaint_or_404(reference)
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
    still_open = casework.open_deadlines(deadlines, case)
    return [DeadlineRow(deadline, deadline not in still_open,
                        deadline in still_open and is_overdue(deadline.due, today))
            for deadline in deadlines]


def make_form(step: Step, complaint: Complaint, case, today, formdata=None, seen=None):
    """The step's form, filled from `formdata` (a POST) or empty; `seen` the newest event
    on the page it is sent from."""
    form = step.form(formdata=formdata, prefix=step.name, organisation=current_organisation(),
                     today=today, **_form_extras(step, complaint))
    if formdata is None:
        form.seen.data = seen
    if step.name == "extend":
        form.decision_due = next((d.due for d in casework.deadlines_for(complaint, case, today)
                                  if d.name == "decision"), None)
        longest = Procedure.from_dict(complaint.procedure).extension
        if longest is not None and longest.unit == "weeks":     # the procedure's own maximum
            form.weeks.choices = [c for c in form.weeks.choices if c.value <= longest.amount]
    return form


def _form_extras(step: Step, complaint: Complaint) -> dict:
    if step.name == "assign":
        return {"staff_members": casework.assignable_staff()}
    if step.name in ("classify", "decide"):
        return {"complaint": complaint}
    return {}


def _staff_names(events, case) -> dict:
    staff_ids = {int(e.actor[6:]) for e in events
                 if e.actor.startswith("staff:") and e.actor[6:].isdigit()}
    payload_ids = {e.payload.get("handler") for e in events if e.kind == "assigned"}
    wanted = {i for i in staff_ids | payload_ids | {case.handler} if isinstance(i, int)}
    if not wanted:
        return {}
    return {s.id: s.name for s in Staff.select(Staff.id, Staff.name).where(Staff.id.in_(wanted))}


def _events(complaint: Complaint, after: int = 0) -> list[Event]:
    return list(Event.select().where((Event.complaint == complaint) & (Event.id > after))
                .order_by(Event.at, Event.id))


def render_page(complaint: Complaint, case, posted=None, refused: dict | None = None,
                status: int = 200, measure_form=None):
    """The page; `posted` is the form of a step that was refused or did not validate (shown
    with its errors and text), `refused` maps a step's name to the reason it was refused,
    `measure_form` a measure that did not validate (views/staff/measures.py)."""
    today = public.today()
    events = _events(complaint)
    names = _staff_names(events, case)
    seen = events[-1].id if events else 0
    steps = [step for step in STEPS if casework.may_take(current_user, step.roles, case)
             and (step.offered(case, complaint) or (posted and posted._prefix == step.name + "-"))]
    forms = {step.name: posted if posted and posted._prefix == step.name + "-"
             else make_form(step, complaint, case, today, seen=seen) for step in steps}
    if measure_form is None and measures.may_add(current_user, complaint, case):
        measure_form = MeasureForm(owners=measures.owners())
    taken = measures.for_complaint(complaint)
    return render_template(
        "staff/complaint.html", complaint=complaint, case=case,
        deadlines=_deadline_rows(casework.deadlines_for(complaint, case, today), case, today),
        timeline=[TimelineEntry(e, _who(e.actor, names)) for e in events],
        information=[e for e in events if e.kind == "information_added"],
        staff_names=names, steps=steps, forms=forms, refused=refused or {},
        measures=taken, measure_form=measure_form,
        status_forms={item.id: MeasureStatusForm(measure_id=item.id, data={"status": item.status})
                      for item in taken if measures.may_change(current_user, item)},
        problems=_problems({**forms, "measure": measure_form} if measure_form else forms,
                           refused or {})), status


def _problems(forms: dict, refused: dict) -> list[tuple[str, str]]:
    """The error summary: (anchor, message) for each refused step and each field in error."""
    problems = [(f"{name}-form", message) for name, message in refused.items()]
    for form in forms.values():
        problems += [(field.id, str(field.errors[0])) for field in form if field.errors]
    return problems


def _done(complaint: Complaint, message: str):
    flash(message, "staff")
    return redirect(url_for(".complaint", reference=complaint.reference), 303)


@bp.get("/klachten/<reference>")
@role_required(*COMPLAINT_ROLES)
def complaint(reference: str):
    found, case = complaint_and_case(reference)
    audit.viewed(current_user, found)
    return render_page(found, case)


def take_step(step: Step, reference: str):
    """One step sent from the complaint page: checked, then stored, refused or in conflict."""
    found, case = complaint_and_case(reference)
    if not casework.may_take(current_user, step.roles, case):
        abort(403)
    today = public.today()
    form = make_form(step, found, case, today, formdata=request.form)
    if not form.validate():
        return render_page(found, case, posted=form)
    latest = casework.last_event_id(found)
    if step.kind != "note_added" and form.seen_event is not None and latest > form.seen_event:
        return _conflict(found, case, step, form, latest)
    try:
        casework.record(found, step.kind, form.payload(), current_user, current_organisation())
    except TransitionError as refused:
        return render_page(found, case, posted=form,
                           refused={step.name: refusal_text(refused.code)})
    return _done(found, str(step.done))


def stale_step(endpoint: str):
    """A step sent with an expired token (the page was open too long): the page again, the
    step open with what was typed, to send once more (400). Who may see it is checked as for
    the step itself."""
    step = next(step for step in STEPS if f"staff.{step.endpoint}" == endpoint)
    found, case = complaint_and_case(request.view_args["reference"])
    if not casework.may_take(current_user, step.roles, case):
        abort(403)
    form = make_form(step, found, case, public.today(), formdata=request.form)
    return render_page(found, case, posted=form, status=400, refused={step.name: _(
        "This page was open for a long time. Check your step and send it again.")})


def _conflict(complaint: Complaint, case, step: Step, form, latest: int):
    """Someone else changed the complaint after this person opened it: show what changed and
    their form again, filled in as they sent it, to send once more or leave (409)."""
    changes = _events(complaint, after=form.seen_event)
    names = _staff_names(changes, case)
    form.seen.data = latest     # sending it again means: I have seen these changes
    return render_template("staff/conflict.html", complaint=complaint, case=case, step=step,
                           form=form, staff_names=names,
                           changes=[TimelineEntry(e, _who(e.actor, names)) for e in changes]), 409


def _register_steps() -> None:
    """One POST route per step; who may use it is checked on the complaint itself."""
    for step in STEPS:
        # Managers (readers) handle complaints about the coordinator, so they may be assigned.
        allowed = step.roles + ((READER,) if HANDLER in step.roles else ())

        def view(reference: str, step: Step = step):
            return take_step(step, reference)
        view.__name__ = step.endpoint
        bp.add_url_rule(f"/klachten/<reference>/{step.slug}", endpoint=step.endpoint,
                        view_func=role_required(*allowed)(view), methods=["POST"])


_register_steps()
