"""How people reach the organisation, for the administrator (issue 5): the contact channels
with their hours (as the start page shows them) and the second line. Each save stores the whole
configuration through views.staff.settings.store: checked completely, audited."""
from flask import abort, render_template, request, url_for
from flask_babel import gettext as _

from forms.contact_settings import (ChannelForm, RemoveChannelForm, SecondLineForm,
                                    SECOND_LINE_LABELS)
from klachtenloket.domain.organisation import Organisation
from klachtenloket.domain.roles import ADMINISTRATOR
from klachtenloket.web.access import role_required
from views.staff import bp, settings

CHANNELS_TEMPLATE = "staff/settings/channels.html"
CHANNEL_TEMPLATE = "staff/settings/channel.html"
SECOND_LINE_TEMPLATE = "staff/settings/second_line.html"


def _channels(data: dict) -> list[dict]:
    return [dict(c) for c in data.get("channels", ())]


# --- the list of channels ----------------------------------------------------------------------

def _channels_page(remove_form=None, status: int = 200):
    channels = Organisation.from_dict(settings._current()).channels
    return render_template(CHANNELS_TEMPLATE, channels=channels,
                           remove_form=remove_form or RemoveChannelForm()), status


@bp.get("/instellingen/kanalen")
@role_required(ADMINISTRATOR)
def settings_channels():
    return _channels_page()


# --- one channel: add or change ----------------------------------------------------------------

def _channel_page(form, number: int | None, status: int = 200):
    return render_template(CHANNEL_TEMPLATE, form=form, number=number), status


@bp.route("/instellingen/kanalen/nieuw", methods=["GET", "POST"])
@role_required(ADMINISTRATOR)
def settings_channel_new():
    form = ChannelForm(data={"kind": "phone"})
    if not form.validate_on_submit():
        return _channel_page(form, None)
    data = settings._current()
    data["channels"] = [*_channels(data), form.channel_data()]
    return settings.store(data, form, f"settings: channel added ({form.kind.data})",
                          lambda: _channel_page(form, None), url_for(".settings_channels"))


@bp.route("/instellingen/kanalen/<int:number>", methods=["GET", "POST"])
@role_required(ADMINISTRATOR)
def settings_channel(number: int):
    data = settings._current()
    channels = _channels(data)
    if not 1 <= number <= len(channels):
        abort(404)
    form = ChannelForm(data=ChannelForm.initial(channels[number - 1]))
    if not form.validate_on_submit():
        return _channel_page(form, number)
    channels[number - 1] = form.channel_data()
    data["channels"] = channels
    return settings.store(data, form, f"settings: channel {number} ({form.kind.data})",
                          lambda: _channel_page(form, number), url_for(".settings_channels"))


@bp.post("/instellingen/kanalen/<int:number>/verwijderen")
@role_required(ADMINISTRATOR)
def settings_channel_remove(number: int):
    data = settings._current()
    channels = _channels(data)
    if not 1 <= number <= len(channels):
        abort(404)
    form = RemoveChannelForm()
    if not form.validate_on_submit():
        return _channels_page(form, 400)
    removed = channels.pop(number - 1)
    data["channels"] = channels
    return settings.store(data, form, f"settings: channel {number} removed ({removed['kind']})",
                          lambda: _channels_page(form),
                          url_for(".settings_channels"), _("The channel is removed."))


# --- the second line ---------------------------------------------------------------------------

def _second_line_page(form, status: int = 200):
    return render_template(SECOND_LINE_TEMPLATE, form=form,
                           labels=SECOND_LINE_LABELS), status


@bp.route("/instellingen/tweede-lijn", methods=["GET", "POST"])
@role_required(ADMINISTRATOR)
def settings_second_line():
    data = settings._current()
    second = data.get("second_line", {})
    form = SecondLineForm(data=SecondLineForm.initial(second))
    if not form.validate_on_submit():
        return _second_line_page(form)
    data["second_line"] = form.second_line_data(second)
    return settings.store(data, form, "settings: second line",
                          lambda: _second_line_page(form), url_for(".settings_second_line"))


# --- expired forms -------------------------------------------------------------------------------

def _stale(form_class, page):
    def show():
        form = form_class()
        form.validate()     # the token fails again: the form reports it in its error summary
        return page(form)
    return show


def _stale_channel():
    form = ChannelForm()
    form.validate()
    return _channel_page(form, request.view_args.get("number"), 400)


settings.STALE_PAGES.update({
    "staff.settings_channel_new": _stale_channel,
    "staff.settings_channel": _stale_channel,
    "staff.settings_channel_remove": _stale(RemoveChannelForm, lambda form: _channels_page(form, 400)),
    "staff.settings_second_line": _stale(SecondLineForm,
                                         lambda form: _second_line_page(form, 400)),
})
