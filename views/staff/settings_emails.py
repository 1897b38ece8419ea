"""The e-mail texts, for the administrator (issue 5): per e-mail (the acknowledgement with the
private link, a new link) and language the organisation's own text or the standard one, the
placeholders it may use, a preview, and "back to the standard text". The same machinery as the
letter texts (views/staff/letter_texts.py: own_text, with_text, sample_letter), kept in the
configuration under `[emails.<kind>]`; stored through views.staff.settings.store, audited."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, gettext as _, lazy_gettext as _l

from forms.email_texts import EmailDefaultForm, EmailTextForm, placeholders
from forms.intake_settings import app_languages
from forms.settings import STALE
from klachtenloket.domain.organisation import Organisation
from klachtenloket.domain.roles import ADMINISTRATOR
from klachtenloket.web import email_texts
from klachtenloket.web.access import role_required
from klachtenloket.web.i18n import LANGUAGE_NAMES
from views.staff import bp, settings
from views.staff.letter_texts import own_text, sample_letter, with_text

LIST_TEMPLATE = "staff/settings/emails.html"
EDIT_TEMPLATE = "staff/settings/emails_edit.html"
SECTION = email_texts.SECTION
KIND_LABELS = {"acknowledgement": _l("Confirmation of receipt, with the private link"),
               "link": _l("A new private link, on request")}


def _checked(kind: str, language: str) -> None:
    if kind not in email_texts.KINDS or language not in app_languages():
        abort(404)


def _form(kind: str, **kwargs) -> EmailTextForm:
    form = EmailTextForm(**kwargs)
    form.kind = kind
    return form


@bp.get("/instellingen/e-mails")
@role_required(ADMINISTRATOR)
def settings_emails():
    data = settings._current()
    rows = [(kind, [(lang, own_text(data, kind, lang, SECTION) is not None)
                    for lang in app_languages()]) for kind in email_texts.KINDS]
    return render_template(LIST_TEMPLATE, rows=rows, kind_labels=KIND_LABELS,
                           language_names=LANGUAGE_NAMES)


def sample_mail(data: dict, kind: str, lang: str) -> str:
    """The mail of `kind` in `lang` for a made-up complaint, with the text in `data`."""
    org = Organisation.from_dict(data)
    letter = sample_letter(data, "acknowledgement", lang) if kind == "acknowledgement" else None
    with force_locale(lang):
        values = {"name": "Sam Jansen", "reference": "KL-2026-00042", "organisation": org.name,
                  "link": url_for("track.show", token="voorbeeld-link", _external=True),
                  "letter": letter.body if letter else ""}
    text = own_text(data, kind, lang, SECTION) or email_texts.default_text(kind, lang)
    return email_texts.render(text, values)


def _edit_page(kind: str, language: str, form, data: dict, status: int = 200, preview=None):
    return render_template(
        EDIT_TEMPLATE, form=form, kind=kind, kind_label=KIND_LABELS[kind], language=language,
        language_label=LANGUAGE_NAMES.get(language, language),
        own=own_text(data, kind, language, SECTION) is not None,
        placeholders=placeholders(kind), preview=preview), status


@bp.route("/instellingen/e-mails/<kind>/<language>", methods=["GET", "POST"])
@role_required(ADMINISTRATOR)
def settings_email_text(kind: str, language: str):
    _checked(kind, language)
    data = settings._current()
    standard = email_texts.default_text(kind, language)
    form = _form(kind, data={"text": own_text(data, kind, language, SECTION) or standard})
    if not form.validate_on_submit():
        return _edit_page(kind, language, form, data)
    text = form.text.data
    new = with_text(data, kind, language, None if text == standard else text, SECTION)
    if request.form.get("action") == "preview":
        # The text as typed, tried on a made-up complaint; nothing is stored or audited.
        return _edit_page(kind, language, form, data, preview=sample_mail(new, kind, language))
    if own_text(new, kind, language, SECTION) == own_text(data, kind, language, SECTION):
        flash(_("This is the text that applies now. Nothing was saved."), "staff")
        return redirect(url_for(".settings_email_text", kind=kind, language=language), 303)
    return settings.store(new, form, f"emails: {kind} {language}",
                          lambda: _edit_page(kind, language, form, data),
                          url_for(".settings_email_text", kind=kind, language=language),
                          _("Saved. E-mails sent from now on use this text."))


@bp.post("/instellingen/e-mails/<kind>/<language>/standaard")
@role_required(ADMINISTRATOR)
def settings_email_default(kind: str, language: str):
    _checked(kind, language)
    data = settings._current()
    here = url_for(".settings_email_text", kind=kind, language=language)
    if not EmailDefaultForm().validate_on_submit():
        return _stale_default()
    if own_text(data, kind, language, SECTION) is None:
        flash(_("This e-mail already uses the standard text."), "staff")
        return redirect(here, 303)
    form = _form(kind, formdata=None,
                 data={"text": own_text(data, kind, language, SECTION)})
    return settings.store(with_text(data, kind, language, None, SECTION), form,
                          f"emails: {kind} {language} (standard text)",
                          lambda: _edit_page(kind, language, form, data), here,
                          _("Saved. E-mails sent from now on use the standard text."))


def _stale_text():
    kind, language = request.view_args["kind"], request.view_args["language"]
    _checked(kind, language)
    form = _form(kind)
    form.validate()     # the token fails again: the form reports it in its error summary
    return _edit_page(kind, language, form, settings._current(), status=400)


def _stale_default():
    kind, language = request.view_args["kind"], request.view_args["language"]
    _checked(kind, language)
    data = settings._current()
    form = _form(kind, formdata=None, data={
        "text": own_text(data, kind, language, SECTION)
        or email_texts.default_text(kind, language)})
    form.refused = STALE
    return _edit_page(kind, language, form, data, status=400)


settings.STALE_PAGES.update({"staff.settings_email_text": _stale_text,
                             "staff.settings_email_default": _stale_default})
