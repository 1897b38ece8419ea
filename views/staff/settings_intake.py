"""The intake, for the administrator (issue 5): which questions the resident's form asks and
requires, filing for someone else, the ways to answer and the languages residents are offered;
and the manager responsible for each team or department (a reader or coordinator), suggested
when a complaint about that unit is assigned. Both store the whole configuration through
views.staff.settings.store: checked completely, audited."""
from flask import render_template, url_for

from forms.intake_settings import make_intake_form, make_unit_managers_form
from klachtenloket.domain.organisation import INTAKE_FIELDS, Organisation, REPLY_OPTIONS
from klachtenloket.domain.roles import ADMINISTRATOR, COORDINATOR, READER
from klachtenloket.models import Staff
from klachtenloket.web.access import role_required
from views.staff import bp, settings

INTAKE_TEMPLATE = "staff/settings/intake.html"
MANAGERS_TEMPLATE = "staff/settings/managers.html"
MANAGER_ROLES = (READER, COORDINATOR)


def _intake_page(form, status: int = 200):
    return render_template(INTAKE_TEMPLATE, form=form, questions=INTAKE_FIELDS,
                           reply_options=REPLY_OPTIONS), status


@bp.route("/instellingen/formulier", methods=["GET", "POST"])
@role_required(ADMINISTRATOR)
def settings_intake():
    data = settings._current()
    form = make_intake_form(Organisation.from_dict(data))
    if not form.validate_on_submit():
        return _intake_page(form)
    data["intake"] = form.intake_data(data.get("intake", {}))
    return settings.store(data, form, "settings: intake", lambda: _intake_page(form),
                          url_for(".settings_intake"))


def manager_candidates() -> list[tuple[str, str]]:
    """(e-mail, name) of every active reader and coordinator: who may manage a unit."""
    query = (Staff.select(Staff.email, Staff.name)
             .where(Staff.active & Staff.role.in_(MANAGER_ROLES)).order_by(Staff.name))
    return [(s.email, s.name) for s in query]


def _managers_page(form, status: int = 200):
    return render_template(MANAGERS_TEMPLATE, form=form), status


@bp.route("/instellingen/leidinggevenden", methods=["GET", "POST"])
@role_required(ADMINISTRATOR)
def settings_managers():
    data = settings._current()
    form = make_unit_managers_form(Organisation.from_dict(data), manager_candidates())
    if not form.validate_on_submit():
        return _managers_page(form)
    data["intake"] = {**data.get("intake", {}), "units": form.units_data()}
    return settings.store(data, form, "settings: unit managers", lambda: _managers_page(form),
                          url_for(".settings_managers"))


def _stale(make, page):
    def show():
        form = make()
        form.validate()     # the token fails again: the form reports it in its error summary
        return page(form, 400)
    return show


settings.STALE_PAGES.update({
    "staff.settings_intake": _stale(
        lambda: make_intake_form(Organisation.from_dict(settings._current())), _intake_page),
    "staff.settings_managers": _stale(
        lambda: make_unit_managers_form(Organisation.from_dict(settings._current()),
                                        manager_candidates()), _managers_page),
})


@bp.app_template_global("unit_manager")
def unit_manager(unit: str | None) -> Staff | None:
    """The active staff member who manages `unit` (settings), or None: shown with a complaint
    about that unit, and suggested when it is assigned."""
    from klachtenloket.web.organisation import current_organisation
    email = current_organisation().manager_of(unit)
    if not email:
        return None
    return Staff.get_or_none((Staff.email == email) & Staff.active)


def with_managers(choices) -> list:
    """A unit filter's (value, label) choices, each unit labelled with its manager's name."""
    labelled = []
    for value, label in choices:
        manager = unit_manager(value) if value else None
        labelled.append((value, f"{label} ({manager.name})" if manager else label))
    return labelled
