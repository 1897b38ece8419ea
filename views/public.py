"""The resident's path: start page, who files, the complaint, check answers, confirmation."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask_babel import get_locale

from forms.complaint import ComplaintForm, SendForm, WhoForm
from forms.validators import normal_time, parse_date
from klachtenloket.models import Complaint
from klachtenloket.services import drafts, intake
from klachtenloket.services.deadlines import for_complaint, one_year_before
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
def details():
    data = drafts.load(session.get("draft"))
    if "filed_by" not in data:
        return redirect(url_for(".who"))
    if data.get("event_date"):
        # Shown as the hint asks for it; stored as ISO.
        data["event_date"] = parse_date(data["event_date"]).strftime("%d-%m-%Y")
    form = ComplaintForm(data=data, org=current_organisation(), filed_by=data["filed_by"])
    if form.validate_on_submit():
        values = form.draft_data()
        values["event_date"] = parse_date(values["event_date"]).isoformat()
        values["event_time"] = normal_time(values.get("event_time", ""))
        drafts.save(_draft_key(), values)
        return redirect(url_for(".check"))
    return render_template("public/details.html", form=form)


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
                           event_date=event, old_event=old, draft_key=key), status


@bp.post("/klacht/versturen")
def send():
    form = SendForm()
    key = request.form.get("draft_key", "")
    existing = Complaint.get_or_none(Complaint.submission_key == key) if key else None
    data = _complete_draft() if key == session.get("draft") else None
    if existing is None and data is None:
        return redirect(url_for(".who"))
    if existing is None and not form.validate_on_submit():
        return _check_page(data, form, key, 400)
    submitted = intake.submit(key, data or {}, current_organisation(), str(get_locale()),
                              today(), acknowledgement_mails)
    session.pop("draft", None)
    session["confirmation"] = {"reference": submitted.complaint.reference,
                               "token": submitted.token}
    return redirect(url_for(".confirmation"), code=303)


@bp.get("/klacht/ontvangen")
def confirmation():
    shown = session.get("confirmation")
    if not shown:
        return redirect(url_for(".start"))
    complaint = Complaint.get_or_none(Complaint.reference == shown["reference"])
    if complaint is None:
        abort(404)
    return render_template("public/confirmation.html", complaint=complaint,
                           deadlines=for_complaint(complaint), token=shown["token"])
