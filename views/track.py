"""The resident's private tracking page: status, terms, messages; add information; withdraw."""
from flask import (Blueprint, Response, abort, current_app, flash, redirect, render_template,
                   url_for)
from peewee import fn

from forms.track import AddInformationForm, ResendLinkForm, WithdrawForm
from klachtenloket.db import database
from klachtenloket.domain import states
from klachtenloket.models import Complaint, Event, OutboxMail
from klachtenloket.services import attachments, casework, intake, letters, outbox, tokens
from klachtenloket.web import limits, uploads
from klachtenloket.web.mail import link_mails
from views.public import today

bp = Blueprint("track", __name__, url_prefix="/volgen")


def _complaint_or_404(token: str) -> Complaint:
    complaint = tokens.find(token)
    if complaint is None:
        abort(404)
    return complaint


def _open_deadlines(complaint: Complaint) -> list:
    """The dates still ahead for the resident: moved by a pause, the extended answer date once
    the term was extended."""
    case = casework.case_state(complaint)
    return casework.open_deadlines(casework.deadlines_for(complaint, case, today()), case)


def _page(complaint, token, add_form=None, status=200):
    events = (Event.select().where(Event.complaint == complaint, Event.public == True)  # noqa: E712
              .order_by(Event.at, Event.id))
    mails = (OutboxMail.select().where(OutboxMail.complaint == complaint,
                                       OutboxMail.status == OutboxMail.SENT)
             .order_by(OutboxMail.sent_at))
    return render_template("track/show.html", complaint=complaint, token=token, events=events,
                           mails=mails, letters=letters.for_complaint_letters(complaint),
                           deadlines=_open_deadlines(complaint), is_open=states.is_open(complaint.state),
                           add_form=add_form or AddInformationForm(),
                           files=_files_by_event(complaint),
                           file_types=attachments.file_checks.ACCEPT), status


def _files_by_event(complaint) -> dict:
    """The names of the files the resident sent, by the event they came with (None: with the
    complaint itself)."""
    found = {}
    for attachment in attachments.for_complaint(complaint):
        found.setdefault(attachment.event_id, []).append(attachment)
    return found


@bp.get("/<token>")
def show(token):
    return _page(_complaint_or_404(token), token)


@bp.get("/<token>/brieven/<int:number>")
def letter(token, number):
    """A letter we sent, as a PDF: only through the private link, like the page itself."""
    complaint = _complaint_or_404(token)
    found = letters.find(complaint, number)
    if found is None:
        abort(404)
    name = f"{complaint.reference}-{number}.pdf"
    return Response(letters.pdf(found, complaint), mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.post("/<token>/aanvullen")
@limits.posts("public")
def add_information(token):
    uploads.allow_files()
    complaint = _complaint_or_404(token)
    form = AddInformationForm()
    if not states.is_open(complaint.state):
        abort(409)
    if not form.validate_on_submit():
        return _page(complaint, token, add_form=form, status=400)
    files = uploads.files()
    # All files are checked before anything is stored: a refused one keeps the text on the page.
    refused = attachments.accept_all(complaint, files, current_app.config)
    if refused:
        form.attachment.errors = [uploads.problem(name, message) for name, message in refused]
        return _page(complaint, token, add_form=form, status=400)
    with database.atomic():
        event = intake.add_information(complaint, form.text.data)
        attachments.store_for_complaint(complaint, files, current_app.config, event=event)
    flash("information_added")
    return redirect(url_for(".show", token=token), code=303)


@bp.route("/<token>/intrekken", methods=["GET", "POST"])
@limits.posts("public")
def withdraw(token):
    complaint = _complaint_or_404(token)
    if not states.is_open(complaint.state):
        return redirect(url_for(".show", token=token))
    form = WithdrawForm()
    if form.validate_on_submit():
        intake.withdraw(complaint, form.reason.data)
        flash("withdrawn")
        return redirect(url_for(".show", token=token), code=303)
    return render_template("track/withdraw.html", complaint=complaint, token=token, form=form)


def complaints_with_address(address: str):
    """Matches the lower(...) indexes of migration 0002."""
    return Complaint.select().where((fn.LOWER(Complaint.email) == address)
                                    | (fn.LOWER(Complaint.representative_email) == address))


@bp.route("/", methods=["GET", "POST"])
@limits.posts("public")
def resend_link():
    """Answers the same whether or not the address is known, so it reveals nobody's complaints."""
    form = ResendLinkForm()
    if form.validate_on_submit():
        address = form.email.data.lower()
        matches = complaints_with_address(address)
        with database.atomic():
            for complaint in matches:
                token = tokens.issue(complaint)
                for recipient, subject, body in link_mails(complaint, token):
                    if recipient.lower() == address:
                        outbox.enqueue("link", recipient, subject, body, complaint)
        return render_template("track/link_sent.html", email=form.email.data)
    return render_template("track/resend.html", form=form), 400 if form.errors else 200
