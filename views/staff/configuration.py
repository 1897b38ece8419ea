"""The whole configuration as one TOML file, for the administrator: download it, upload one, or
edit it as text on the page. Whatever comes in is checked completely
(services.configuration.check) before anything is stored, and a refusal keeps the text on the
page. A stored change applies to new complaints only (each keeps its procedure_json)."""
import re
from types import SimpleNamespace

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forms.configuration import TextForm, UploadForm
from klachtenloket.domain.roles import ADMINISTRATOR
from klachtenloket.models import OrganisationConfig
from klachtenloket.services import configuration as config_service
from klachtenloket.web.access import role_required
from klachtenloket.web.organisation import current_organisation, stored_or_preset
from views import public
from views.staff import bp

ENDPOINTS = ("staff.configuration_upload", "staff.configuration_text")


def refusal(exc: config_service.ConfigurationError) -> str:
    """The reason in words: a translated start, then the check's own detail."""
    if isinstance(exc, config_service.TomlSyntaxError):
        return _("This is not valid TOML. Line %(line)d, column %(column)d: %(detail)s",
                 line=exc.line, column=exc.column, detail=exc.detail)
    return _("This configuration cannot be stored: %(detail)s", detail=str(exc))


def render_page(upload: UploadForm | None = None, text: TextForm | None = None,
                status: int = 200, from_upload: bool = False):
    if text is None:
        text = TextForm(formdata=None)
        text.toml.data = config_service.to_toml(stored_or_preset())
    summary = (upload.error_summary() if upload else []) + text.error_summary()
    return render_template("staff/configuration/page.html",
                           upload=upload or UploadForm(formdata=None), text=text,
                           problems=SimpleNamespace(error_summary=lambda: summary),
                           from_upload=from_upload,
                           change=config_service.last_change(),
                           stored=OrganisationConfig.select().exists()), status


@bp.get("/instellingen/configuratie")
@role_required(ADMINISTRATOR)
def configuration():
    return render_page()


@bp.get("/instellingen/configuratie/download")
@role_required(ADMINISTRATOR)
def configuration_download():
    short = re.sub(r"[^a-z0-9]+", "-", current_organisation().short_name.lower()).strip("-")
    filename = f"klachtenloket-{short or 'configuratie'}-{public.today().isoformat()}.toml"
    return Response(config_service.to_toml(stored_or_preset()),
                    mimetype="application/toml",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _store(data_text: str, detail: str):
    """Check `data_text` completely and store it; the refusal in words, or None when stored."""
    try:
        data = config_service.from_toml(data_text)
        config_service.check(data)
    except config_service.ConfigurationError as exc:
        return refusal(exc)
    changed = config_service.changed_sections(stored_or_preset(), data)
    if not changed:
        flash(_("This is the configuration that applies now. Nothing was stored."), "staff")
        return None
    try:
        config_service.save(data, current_user, detail)
    except config_service.ConfigurationError as exc:    # checked above; kept for safety
        return refusal(exc)
    flash(_("The configuration is stored. It applies to new complaints only: a complaint "
            "already received keeps the terms it started with."), "staff")
    flash(_("Changed parts: %(sections)s", sections=", ".join(changed)), "staff")
    return None


def _uploaded_text(upload: UploadForm) -> tuple[str | None, str | None]:
    """(the file's text, or None) and (why it cannot be read, or None)."""
    storage = upload.file.data
    if not storage or not getattr(storage, "filename", ""):
        return None, None
    try:
        return config_service.decode(storage.read(config_service.MAX_TOML_BYTES + 1)), None
    except config_service.ConfigurationError as exc:
        return None, refusal(exc)


@bp.post("/instellingen/configuratie/bestand")
@role_required(ADMINISTRATOR)
def configuration_upload():
    upload = UploadForm()
    if not upload.validate_on_submit():
        return render_page(upload)
    typed, unreadable = _uploaded_text(upload)
    if typed is None or not typed.strip():
        upload.file.errors = [unreadable or (_("The file is empty.") if typed is not None
                                             else _("Choose a file"))]
        return render_page(upload)
    problem = _store(typed, f"uploaded {upload.file.data.filename}"[:200])
    if problem is None:
        return redirect(url_for(".configuration"), 303)
    # Nothing is lost: the file's text goes into the text box, to correct it there.
    upload.file.errors = [problem]
    text = TextForm(formdata=None)
    text.toml.data = typed
    return render_page(upload, text, from_upload=True)


@bp.post("/instellingen/configuratie/tekst")
@role_required(ADMINISTRATOR)
def configuration_text():
    text = TextForm()
    if text.validate_on_submit():
        problem = _store(text.toml.data, "edited as text")
        if problem is None:
            return redirect(url_for(".configuration"), 303)
        text.toml.errors = [problem]
    return render_page(text=text)


def stale_form():
    """An expired token: the page again, the text as it was sent (an upload's text in the
    text box), the problem on top; nothing stored."""
    if request.endpoint == "staff.configuration_upload":
        upload = UploadForm()
        upload.validate()   # the token fails again: the form reports it in its summary
        typed, _unreadable = _uploaded_text(upload)
        text = None
        if typed is not None:
            text = TextForm(formdata=None)
            text.toml.data = typed
        return render_page(upload, text, 400, from_upload=typed is not None)
    text = TextForm()
    text.validate()
    return render_page(text=text, status=400)
