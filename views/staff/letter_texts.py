"""The letter texts, for the administrator (issue 5): per kind of letter and language the
organisation's own text or the standard one (templates/letters/<kind>.<lang>.txt), the
placeholders it may use, a preview filled from a made-up complaint, and "back to the standard
text".

A text is checked as a letter is made (letters.check_template) before it is stored; a refused
one stays on the page with the reason. Stored texts go into the configuration under
`letters.<kind>.<lang>` (the section `[letters.<kind>]`, as letters.letter_template reads it)
through configuration.save: a new row, audited. A preview stores nothing."""
import copy
import json
from datetime import timedelta
from types import SimpleNamespace

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, gettext as _
from flask_login import current_user

from forms.letter_texts import DefaultForm, LetterTextForm, placeholders
from klachtenloket.domain.organisation import Organisation
from klachtenloket.domain.roles import ADMINISTRATOR
from klachtenloket.models import Complaint
from klachtenloket.services import configuration, letters
from klachtenloket.web.access import role_required
from klachtenloket.web.i18n import LANGUAGE_NAMES, resident_languages
from klachtenloket.web.organisation import stored_or_preset
from views import public
from views.staff import bp

LIST_TEMPLATE = "staff/settings/letters.html"
EDIT_TEMPLATE = "staff/settings/letters_edit.html"
ENDPOINTS = ("staff.letter_text", "staff.letter_text_default")
# Each language by its own name (as in the language menu), so an administrator finds it.
LANGUAGE_LABELS = LANGUAGE_NAMES


# --- the configuration's own texts ----------------------------------------------------------------

def own_text(data: dict, kind: str, lang: str, section_key: str = "letters") -> str | None:
    """The organisation's own text for `kind` in `lang`, read as letters.letter_template reads
    it (the flat key first, then the section), or None. `section_key`: "emails" for the
    e-mails' texts (klachtenloket/services/email_texts.py), kept the same way."""
    own = data.get(f"{section_key}.{kind}.{lang}")
    if own is None:
        section = data.get(section_key)
        kinds = section.get(kind) if isinstance(section, dict) else None
        own = kinds.get(lang) if isinstance(kinds, dict) else None
    return own if isinstance(own, str) and own.strip() else None


def with_text(data: dict, kind: str, lang: str, text: str | None,
              section_key: str = "letters") -> dict:
    """A copy of `data` with `text` as the own text for `kind` in `lang` (None: the standard
    text). The flat key, which would win, goes; an empty section goes too."""
    data = copy.deepcopy(data)
    data.pop(f"{section_key}.{kind}.{lang}", None)
    section = data.get(section_key) if isinstance(data.get(section_key), dict) else {}
    kinds = section.get(kind) if isinstance(section.get(kind), dict) else {}
    kinds.pop(lang, None)
    if text is not None:
        kinds[lang] = text
    if kinds:
        section[kind] = kinds
    else:
        section.pop(kind, None)
    if section:
        data[section_key] = section
    else:
        data.pop(section_key, None)
    return data


def _checked(kind: str, language: str) -> None:
    if kind not in letters.KINDS or language not in resident_languages():
        abort(404)


# --- the sample complaint -------------------------------------------------------------------------

def sample_letter(data: dict, kind: str, lang: str) -> letters.Composed:
    """The letter of `kind` in `lang` as a resident would get it for a made-up complaint, with
    the configuration `data` (the typed text in it). Nothing is stored."""
    org = Organisation.from_dict(data)
    received = public.today() - timedelta(days=10)
    with force_locale(lang):
        complaint = Complaint(
            reference=f"KL-{received.year}-00042", received_on=received, channel="web",
            language=lang, filed_by="self", name="Sam Jansen", street="Dorpsstraat 1",
            postcode="3431 AB", city="Nieuwegein", reply_by="letter",
            description=_("The employee at the desk did not listen to me and was rude to me."),
            procedure_json=json.dumps(org.procedure.to_dict()))
        grounds = [g.key for g in org.decline_grounds]
        outcomes = [o.key for o in org.outcomes]
        extension = org.procedure.extension
        payload = {
            "declined": {"ground": "older_than_a_year" if "older_than_a_year" in grounds
                         else grounds[0],
                         "reason": _("What you write about happened in March of last year.")},
            "extended": {"weeks": extension.amount if extension and extension.unit == "weeks"
                         else 4,
                         "reason": _("We want to talk to the employee, who is away for three "
                                     "weeks.")},
            "decided": {"outcome": "partly_upheld" if "partly_upheld" in outcomes
                        else outcomes[0],
                        "findings": _("We talked to you and to the employee. The employee "
                                      "agrees that the conversation went wrong."),
                        "measures": _("The team talks about how we treat visitors at the "
                                      "desk."),
                        "second_line": (org.second_line.options[0].key
                                        if org.second_line.options else None)},
        }.get(kind, {})
    case = SimpleNamespace(suspended_days=0, extended=kind == "extended",
                           handler=current_user.id)
    return letters.compose(complaint, kind, payload, org=org, case=case)


# --- the pages ------------------------------------------------------------------------------------

@bp.get("/instellingen/brieven")
@role_required(ADMINISTRATOR)
def letter_texts():
    data = stored_or_preset()
    rows = [(kind, [(lang, own_text(data, kind, lang) is not None) for lang in resident_languages()])
            for kind in letters.KINDS]
    return render_template(LIST_TEMPLATE, rows=rows, language_labels=LANGUAGE_LABELS)


def _edit_page(kind: str, language: str, form, data: dict, status: int = 200, preview=None):
    return render_template(
        EDIT_TEMPLATE, form=form, kind=kind, language=language,
        language_label=LANGUAGE_LABELS.get(language, language),
        own=own_text(data, kind, language) is not None,
        placeholders=placeholders(kind), preview=preview,
        with_second_line=kind in letters.WITH_SECOND_LINE), status


@bp.route("/instellingen/brieven/<kind>/<language>", methods=["GET", "POST"])
@role_required(ADMINISTRATOR)
def letter_text(kind: str, language: str):
    _checked(kind, language)
    data = stored_or_preset()
    current = own_text(data, kind, language) or letters.default_template(kind, language)
    form = LetterTextForm(data={"text": current.strip()})
    if not form.validate_on_submit():
        return _edit_page(kind, language, form, data)
    text = form.text.data
    if request.form.get("action") == "preview":
        # The text as typed, tried on a made-up complaint; nothing is stored or audited.
        composed = sample_letter(with_text(data, kind, language, text), kind, language)
        return _edit_page(kind, language, form, data, preview=composed)
    standard = letters.default_template(kind, language).strip()
    new = with_text(data, kind, language, None if text == standard else text)
    if own_text(new, kind, language) == own_text(data, kind, language):
        flash(_("This is the text that applies now. Nothing was saved."), "staff")
        return redirect(url_for(".letter_text", kind=kind, language=language), 303)
    return _save(new, form, kind, language, "")


@bp.post("/instellingen/brieven/<kind>/<language>/standaard")
@role_required(ADMINISTRATOR)
def letter_text_default(kind: str, language: str):
    _checked(kind, language)
    data = stored_or_preset()
    form = DefaultForm()
    if not form.validate_on_submit():
        return stale_form("staff.letter_text_default")
    if own_text(data, kind, language) is None:
        flash(_("This letter already uses the standard text."), "staff")
        return redirect(url_for(".letter_text", kind=kind, language=language), 303)
    return _save(with_text(data, kind, language, None), LetterTextForm(formdata=None), kind,
                 language, " (standard text)")


def _save(data: dict, form, kind: str, language: str, note: str):
    try:
        configuration.save(data, current_user._get_current_object(),
                           detail=f"letters: {kind} {language}{note}")
    except configuration.ConfigurationError as exc:
        form.refused = _("The settings cannot be used: %(reason)s", reason=str(exc))
        return _edit_page(kind, language, form, stored_or_preset())
    flash(_("Saved. Letters written from now on use this text."), "staff")
    return redirect(url_for(".letter_text", kind=kind, language=language), 303)


def stale_form(endpoint: str):
    """A letter form sent after its token expired: the page again, with the text as typed
    (the standard one for "back to the standard text") and the problem on top (400)."""
    kind, language = request.view_args["kind"], request.view_args["language"]
    _checked(kind, language)
    data = stored_or_preset()
    if endpoint == "staff.letter_text":
        form = LetterTextForm()
    else:
        current = own_text(data, kind, language) or letters.default_template(kind, language)
        form = LetterTextForm(formdata=None, data={"text": current.strip()})
    form.validate()     # the token fails again: the form reports it in its error summary
    if endpoint != "staff.letter_text":
        form.text.errors = []
    return _edit_page(kind, language, form, data, status=400)
