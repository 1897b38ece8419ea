"""The resident's path: start page, who files, the complaint, check answers, confirmation."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import (Blueprint, abort, current_app, redirect, render_template, request, session,
                   url_for)
from flask_babel import format_decimal, get_locale, gettext as _

from forms.complaint import ComplaintForm, SendForm, WhoForm
from forms.validators import normal_time, parse_date
from klachtenloket.db import database
from klachtenloket.models import Complaint
from klachtenloket.services import attachments, drafts, intake, spam
from klachtenloket.services.deadlines import for_complaint, one_year_before
from klachtenloket.web import limits, spam_guard, uploads
from klachtenloket.web.mail import acknowledgement_mails
from klachtenloket.web.organisation import current_organisation

bp = Blueprint("public", __name__)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def today() -> date:
    return datetime.now(AMSTERDAM).date()


def _draft_key() -> str:
    if "draft" not in session:
        session["draft"] = drafts.new_key()
    return session["draft"]


@bp.get("/")
def start():
    return render_template("public/start.html")


@bp.route("/klacht/indienen", methods=["GET", "POST"])
@limits.posts("public")
def who():
    org = current_organisation()
    if not org.on_behalf:
        drafts.save(_draft_key(), {"filed_by": "self"})
        return redirect(url_for(".details"))
    form = WhoForm(data=drafts.load(session.get("draft")))
    if form.validate_on_submit():
        drafts.save(_draft_key(), {"filed_by": form.filed_by.data})
        return redirect(url_for(".details"))
    return render_template("public/who.html", form=form)


@bp.route("/klacht/gegevens", methods=["GET", "POST"])
@limits.posts("public")
def details():
    uploads.allow_files()
    data = drafts.load(session.get("draft"))
    if "filed_by" not in data:
        return redirect(url_for(".who"))
    if data.get("event_date"):
        # Shown as the hint asks for it; stored as ISO.
        data["event_date"] = parse_date(data["event_date"]).strftime("%d-%m-%Y")
    form = ComplaintForm(data=data, org=current_organisation(), filed_by=data["filed_by"])
    if not form.is_submitted():
        form.started.data = spam_guard.started_token()
        return _details_page(form)
    valid = form.validate_on_submit()
    if (form.meta.csrf and form.csrf_token.errors) or limits.refused():   # nothing stored
        return _details_page(form)
    # Files are kept as they come, whichever button was pressed, so none is lost.
    key = _draft_key()
    notices = _take_files(key, form)
    removing = request.form.get("remove", type=int)
    if removing:
        removed = attachments.remove_pending(key, removing, current_app.config)
        if removed:
            notices.append(_("We removed %(file)s.", file=removed.filename))
    if removing or request.form.get("action") == "upload":
        # Only adding or removing a file: the answers are not judged yet.
        for field in form:
            if field.name != uploads.FIELD:
                field.errors = []
        return _details_page(form, notices)
    if not valid or form.attachment.errors:
        return _details_page(form, notices)
    values = form.draft_data()
    event = parse_date(values.get("event_date") or "")   # a question that may be off (settings)
    values["event_date"] = event.isoformat() if event else ""
    values["event_time"] = normal_time(values.get("event_time") or "")
    # Judged once per draft: "change" from the check page may be quick.
    reason = spam_guard.suspicion(form.website.data, form.started.data,
                                  check_time="description" not in data)
    if reason and not data.get("held_reason"):
        values["held_reason"] = reason
    drafts.save(key, values)
    return redirect(url_for(".check"))


def _take_files(key: str, form) -> list[str]:
    """Stores each chosen file as pending for the draft; a refused one becomes an error at the
    file field. Returns what to tell the person about the files kept."""
    kept = []
    form.attachment.errors = list(form.attachment.errors or [])
    for name, content in uploads.files():
        try:
            kept.append(attachments.store_pending(key, name, content, current_app.config))
        except attachments.Refused as refused:
            form.attachment.errors.append(uploads.problem(
                attachments.file_checks.display_name(name), refused.message))
    return [_("We added %(file)s.", file=a.filename) for a in kept]


def _details_page(form, notices=()):
    return render_template("public/details.html", form=form, notices=notices,
                           files=attachments.pending(session.get("draft")),
                           file_types=attachments.file_checks.ACCEPT)


@bp.app_template_filter("file_size")
def file_size(size: int) -> str:
    """A file's size as people read it: "850 kB", "2,4 MB" (in the page's language)."""
    if size < 1024 * 1024:
        return _("%(size)s kB", size=format_decimal(max(1, round(size / 1024))))
    return _("%(size)s MB", size=format_decimal(round(size / (1024 * 1024), 1)))


def _complete_draft() -> dict | None:
    data = drafts.load(session.get("draft"))
    return data if data.get("description") and data.get("name") else None


@bp.get("/klacht/controleren")
def check():
    data = _complete_draft()
    if data is None:
        return redirect(url_for(".who"))
    return _check_page(data, SendForm(), session["draft"])


def _check_page(data: dict, form, key: str, status: int = 200):
    """The answers, labelled as on the form they came from, each with a change link."""
    details = ComplaintForm(data=data, org=current_organisation(), filed_by=data["filed_by"],
                            formdata=None, meta={"csrf": False})
    event = parse_date(data.get("event_date", ""))
    old = bool(event and event < one_year_before(today()))
    return render_template("public/check.html", answers=data, details=details, form=form,
                           event_date=event, old_event=old, draft_key=key,
                           files=attachments.pending(key)), status


@bp.post("/klacht/versturen")
@limits.posts("public")
def send():
    form = SendForm()
    key = request.form.get("draft_key", "")
    existing = Complaint.get_or_none(Complaint.submission_key == key) if key else None
    if existing is None and key and spam.find(key):     # sent again after it was held
        session["confirmation"] = {"held": True}
        return redirect(url_for(".confirmation"), code=303)
    data = _complete_draft() if key == session.get("draft") else None
    if existing is None and data is None:
        return redirect(url_for(".who"))
    if existing is None and not form.validate_on_submit():
        return _check_page(data, form, key, 400)
    if existing is None and data.get("held_reason"):
        # Likely spam: kept out of the register for the coordinator to review; the person
        # sees the same confirmation (without a reference: that comes with the release).
        spam.hold(key, data, data["held_reason"], str(get_locale()), today())
        session.pop("draft", None)
        session["confirmation"] = {"held": True}
        return redirect(url_for(".confirmation"), code=303)
    with database.atomic():
        submitted = intake.submit(key, data or {}, current_organisation(), str(get_locale()),
                                  today(), acknowledgement_mails)
        attachments.claim(key, submitted.complaint)
    session.pop("draft", None)
    session["confirmation"] = {"reference": submitted.complaint.reference,
                               "token": submitted.token}
    return redirect(url_for(".confirmation"), code=303)


@bp.get("/klacht/ontvangen")
def confirmation():
    shown = session.get("confirmation")
    if not shown:
        return redirect(url_for(".start"))
    if shown.get("held"):
        return render_template("public/confirmation.html", complaint=None, deadlines=[],
                               token=None)
    complaint = Complaint.get_or_none(Complaint.reference == shown["reference"])
    if complaint is None:
        abort(404)
    return render_template("public/confirmation.html", complaint=complaint,
                           deadlines=for_complaint(complaint), token=shown["token"])
