"""The organisation's logo, for the administrator (issue 5): upload a PNG or JPEG (checked by
services/logos), see it, or remove it. The image is stored once by its hash; the configuration
names it (organisation.logo) and is stored through configuration.save, audited."""
from flask import render_template, url_for
from flask_babel import gettext as _

from forms.contact_settings import LogoForm, RemoveLogoForm
from klachtenloket.domain.roles import ADMINISTRATOR
from klachtenloket.services import logos
from klachtenloket.web.access import role_required
from views.staff import bp, settings

TEMPLATE = "staff/settings/logo.html"


def _page(form, remove_form=None, status=200):
    data = settings._current()
    logo = logos.find_meta(data.get("organisation", {}).get("logo", ""))
    return render_template(TEMPLATE, form=form, remove_form=remove_form or RemoveLogoForm(),
                           logo=logo, logo_ext=logos.extension(logo) if logo else ""), status


@bp.route("/instellingen/logo", methods=["GET", "POST"])
@role_required(ADMINISTRATOR)
def settings_logo():
    form = LogoForm()
    if not form.validate_on_submit():
        return _page(form)
    logos.store(form.checked)
    data = settings._current()
    data["organisation"] = {**data.get("organisation", {}), "logo": form.checked.digest}
    return settings.store(data, form, f"settings: logo {form.checked.digest[:12]}",
                          lambda: _page(form), url_for(".settings_logo"))


@bp.post("/instellingen/logo/verwijderen")
@role_required(ADMINISTRATOR)
def settings_logo_remove():
    form = RemoveLogoForm()
    if not form.validate_on_submit():
        return _page(LogoForm(formdata=None), form, 400)
    data = settings._current()
    organisation = dict(data.get("organisation", {}))
    if not organisation.pop("logo", None):
        return _page(LogoForm(formdata=None), form)
    data["organisation"] = organisation
    return settings.store(data, form, "settings: logo removed",
                          lambda: _page(LogoForm(formdata=None), form),
                          url_for(".settings_logo"), _("The logo is removed."))


def _stale_upload():
    form = LogoForm()
    form.validate()     # the token fails again: the form reports it in its error summary
    form.logo.errors = []
    return _page(form, status=400)


def _stale_remove():
    form = RemoveLogoForm()
    form.validate()
    return _page(LogoForm(formdata=None), form, 400)


settings.STALE_PAGES.update({"staff.settings_logo": _stale_upload,
                             "staff.settings_logo_remove": _stale_remove})
