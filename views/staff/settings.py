"""The administrator's settings (issue 5): the procedure's terms, a preview of the deadlines
they give, the organisation's details and accent colour, and the lists staff choose from.

Each page edits one part of the configuration that applies and stores the whole of it through
services/configuration.save: checked completely, a new row, audited. It applies to complaints
received from then on; a complaint keeps the procedure it was received under. The part is put
into the configuration as it is when saving, so two administrators saving different pages do
not undo each other's changes."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forms.settings import (ListsForm, OrganisationForm, PreviewForm, TERMS, TermsForm,
                            keyed_options, keyed_text, lines)
from forms.validators import parse_date
from klachtenloket.domain.organisation import Organisation
from klachtenloket.domain.roles import ADMINISTRATOR
from klachtenloket.domain.terms import Procedure
from klachtenloket.services import configuration
from klachtenloket.services.deadlines import preview
from klachtenloket.web.access import role_required
from klachtenloket.web.organisation import stored_or_preset
from views import public
from views.staff import bp

def _current() -> dict:
    """The configuration that applies now, as a dict to change."""
    return stored_or_preset()


def _save(data: dict, form, detail: str, endpoint: str, template: str):
    """Store `data` (the whole configuration); on a refusal, the page again with the reason
    and everything typed."""
    try:
        configuration.save(data, current_user._get_current_object(), detail=detail)
    except configuration.ConfigurationError as exc:
        form.refused = _("The settings cannot be used: %(reason)s", reason=str(exc))
        return render_template(template, form=form, terms=TERMS)
    flash(_("Saved. The change applies to complaints received from now on."), "staff")
    return redirect(url_for(endpoint), 303)


def store(data: dict, form, detail: str, refused_page, done_url: str, message: str | None = None):
    """Store `data` (the whole configuration) through configuration.save; on a refusal,
    `refused_page()` (the page again, everything typed, `form.refused` the reason on top)."""
    try:
        configuration.save(data, current_user._get_current_object(), detail=detail)
    except configuration.ConfigurationError as exc:
        form.refused = _("The settings cannot be used: %(reason)s", reason=str(exc))
        return refused_page()
    flash(message or _("Saved. The change applies to complaints received from now on."),
          "staff")
    return redirect(done_url, 303)


@bp.get("/instellingen/")
@role_required(ADMINISTRATOR)
def settings():
    return render_template("staff/settings/index.html")


# --- terms --------------------------------------------------------------------------------------

TERMS_TEMPLATE = "staff/settings/terms.html"




@bp.route("/instellingen/termijnen", methods=["GET", "POST"])
@role_required(ADMINISTRATOR)
def settings_terms():
    data = _current()
    form = TermsForm(procedure=data.get("procedure", {}))
    # "Show the deadlines, without saving": the terms as typed, tried out; nothing is stored.
    form.previewing = request.form.get("action") == "preview"
    if not form.is_submitted():
        form.try_received.data = public.today().strftime("%d-%m-%Y")
    if not form.validate_on_submit():
        return render_template(TERMS_TEMPLATE, form=form, terms=TERMS)
    if form.previewing:
        tried = preview(Procedure.from_dict(form.procedure_data()),
                        parse_date(form.try_received.data), form.try_channel.data)
        return render_template(TERMS_TEMPLATE, form=form, terms=TERMS, deadlines=tried,
                               received=parse_date(form.try_received.data))
    data["procedure"] = form.procedure_data()
    return _save(data, form, "settings: terms", ".settings_terms", TERMS_TEMPLATE)


# --- the deadline preview -----------------------------------------------------------------------

@bp.get("/instellingen/termijnen/voorbeeld")
@role_required(ADMINISTRATOR)
def settings_preview():
    form = PreviewForm(request.args)
    deadlines = None
    if "received" not in request.args:
        form.received.data = public.today().strftime("%d-%m-%Y")
    elif form.validate():
        procedure = Organisation.from_dict(_current()).procedure
        deadlines = preview(procedure, form.received_date, form.channel.data)
    return render_template("staff/settings/preview.html", form=form, deadlines=deadlines,
                           received=form.received_date if deadlines is not None else None)


# --- the organisation ---------------------------------------------------------------------------

ORGANISATION_TEMPLATE = "staff/settings/organisation.html"


@bp.route("/instellingen/organisatie", methods=["GET", "POST"])
@role_required(ADMINISTRATOR)
def settings_organisation():
    data = _current()
    org = data.get("organisation", {})
    form = OrganisationForm(data={name: org.get(name, "") for name in OrganisationForm.FIELDS})
    if not form.validate_on_submit():
        return render_template(ORGANISATION_TEMPLATE, form=form)
    values = form.organisation_data()
    data["organisation"] = {**org, **values}
    if not values["accent_colour"]:
        data["organisation"].pop("accent_colour", None)
    return _save(data, form, "settings: organisation", ".settings_organisation",
                 ORGANISATION_TEMPLATE)


# --- lists --------------------------------------------------------------------------------------

LISTS_TEMPLATE = "staff/settings/lists.html"


def _options(data: dict, key: str) -> list[dict]:
    """The configured options, or the domain's defaults when the configuration has none."""
    organisation = Organisation.from_dict(data)
    return [{"key": o.key, "label": o.label, **({"article": o.article} if o.article else {})}
            for o in getattr(organisation, key)]


@bp.route("/instellingen/lijsten", methods=["GET", "POST"])
@role_required(ADMINISTRATOR)
def settings_lists():
    data = _current()
    outcomes, grounds = _options(data, "outcomes"), _options(data, "decline_grounds")
    intake, register = data.get("intake", {}), data.get("register", {})
    form = ListsForm(data={
        "categories": "\n".join(register.get("categories", ())),
        "units": "\n".join(Organisation.from_dict(data).units),
        "municipalities": "\n".join(register.get("municipalities", ())),
        "outcomes": keyed_text(outcomes), "decline_grounds": keyed_text(grounds)})
    if not form.validate_on_submit():
        return render_template(LISTS_TEMPLATE, form=form)
    # A unit still in the list keeps its manager (settings_intake.settings_managers).
    managers = dict(Organisation.from_dict(data).unit_managers)
    data["intake"] = {**intake, "units": [
        {"name": unit, "manager": managers[unit]} if unit in managers else unit
        for unit in lines(form.units.data)]}
    data["register"] = {**register, "categories": lines(form.categories.data),
                        "municipalities": lines(form.municipalities.data)}
    data["outcomes"] = keyed_options(form.outcomes.data, {o["key"]: o for o in outcomes})
    data["decline_grounds"] = keyed_options(form.decline_grounds.data,
                                            {o["key"]: o for o in grounds})
    return _save(data, form, "settings: lists", ".settings_lists", LISTS_TEMPLATE)


# --- an expired token ---------------------------------------------------------------------------

def stale_settings_form(endpoint: str):
    """A settings form sent after its token expired: the page again with everything typed and
    the problem on top (400). Nothing is stored."""
    if endpoint in STALE_PAGES:
        return STALE_PAGES[endpoint]()
    forms = {"staff.settings_terms": (TermsForm, TERMS_TEMPLATE),
             "staff.settings_organisation": (OrganisationForm, ORGANISATION_TEMPLATE),
             "staff.settings_lists": (ListsForm, LISTS_TEMPLATE)}
    form_class, template = forms[endpoint]
    form = form_class()
    form.validate()     # the token fails again: the form reports it in its error summary
    return render_template(template, form=form, terms=TERMS), 400


# The other settings pages (views/staff/settings_*.py) each register here how they show an
# expired form again: endpoint -> a function giving the page and 400.
STALE_PAGES: dict = {}

from views.staff import (settings_contact, settings_emails, settings_intake,  # noqa: E402,F401
                         settings_logo)
