"""The resident asks to be called back ("Bel mij terug", seed 000): a short form, then a page
that says by which day the coordinator calls. Only where the organisation takes call-back
requests (klachtenloket.services.callbacks.enabled); elsewhere these pages do not exist.

Like the complaint form, this blueprint checks its own CSRF token (app.py exempts it from the
global check), so an expired page shows the form again with everything typed."""
import re
import secrets

from flask import Blueprint, abort, redirect, render_template, session, url_for
from flask_babel import get_locale

from forms.callback import CallbackForm
from klachtenloket.models import CallbackRequest
from klachtenloket.services import callbacks, spam
from klachtenloket.web import limits, spam_guard
from klachtenloket.web.organisation import current_organisation
from views import public

bp = Blueprint("callback", __name__, url_prefix="/terugbellen")

# A key this app made (secrets.token_urlsafe); anything else sent back gets a fresh one.
KEY = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
SHOWN = "callback_request"     # the session key of the request the confirmation shows
HELD = "callback_held"         # …or of one held as likely spam (its form key)


def new_key() -> str:
    return secrets.token_urlsafe(32)


@bp.app_template_global()
def callbacks_enabled() -> bool:
    """For templates: whether to offer call-back requests at all."""
    return callbacks.enabled(current_organisation())


@bp.before_request
def only_where_offered():
    if not callbacks_enabled():
        abort(404)


@bp.route("", methods=["GET", "POST"])
@limits.posts("public")
def ask():
    form = CallbackForm()
    if not form.is_submitted():
        form.started.data = spam_guard.started_token()
    if form.validate_on_submit():
        key = form.key.data if KEY.match(form.key.data or "") else new_key()
        reason = spam_guard.suspicion(form.website.data, form.started.data)
        if reason or spam.find(key):
            # Likely spam: held for the coordinator (services/spam.py), the same thanks shown.
            spam.hold(key, form.request_data(), reason or "", str(get_locale()), public.today(),
                      kind=spam.CALLBACK)
            session.pop(SHOWN, None)
            session[HELD] = key
            return redirect(url_for(".received"), 303)
        made = callbacks.create(key, form.request_data(), current_organisation(), callbacks.WEB,
                                public.today(), language=str(get_locale()))
        session.pop(HELD, None)
        session[SHOWN] = made.request.id
        return redirect(url_for(".received"), 303)
    if not KEY.match(form.key.data or ""):
        form.key.data = new_key()
    return render_template("public/callback.html", form=form,
                           term=current_organisation().procedure.callback)


@bp.get("/ontvangen")
def received():
    request_id = session.get(SHOWN)
    found = CallbackRequest.get_or_none(CallbackRequest.id == request_id) if request_id else None
    if found is None and session.get(HELD):
        key = session[HELD]
        found = CallbackRequest.get_or_none(CallbackRequest.submission_key == key)
        held = spam.find(key) if found is None else None
        if held is not None:     # no due date yet: that comes when the coordinator releases it
            return render_template("public/callback_received.html", callback=None,
                                   answers=spam.answers(held))
    if found is None:
        return redirect(url_for(".ask"))
    return render_template("public/callback_received.html", callback=found)
