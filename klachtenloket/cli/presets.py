"""Preset commands: list and load the shipped organisations, and show the dates a procedure gives.

    flask --app app preset list
    flask --app app preset load NAME
    flask --app app deadlines [--preset NAME] --received YYYY-MM-DD [--channel web|phone|...]
"""
import re
from datetime import date

import click
from flask.cli import with_appcontext
from peewee import DatabaseError

from klachtenloket import db
from klachtenloket.domain.organisation import Organisation, load_preset, preset_names
from klachtenloket.domain.terms import CHANNELS, Procedure, Term, procedure_calendar, term_end
from klachtenloket.services.deadlines import for_procedure


class IsoDate(click.ParamType):
    """A date written as YYYY-MM-DD (2026-02-20)."""
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        text = str(value).strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            self.fail(f"{value!r} is not a date written as YYYY-MM-DD (e.g. 2026-02-20)", param, ctx)
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.fail(f"{value!r} is not a day in the calendar (YYYY-MM-DD)", param, ctx)


def _preset_data(name: str, param_hint: str) -> dict:
    """The preset's data; an unknown name is a usage error (exit code 2) naming the known ones."""
    try:
        return load_preset(name)
    except KeyError:
        raise click.BadParameter(f"no preset {name!r}; known presets: {', '.join(preset_names())}",
                                 param_hint=param_hint) from None


def _organisation(data: dict, what: str) -> Organisation:
    try:
        return Organisation.from_dict(data)
    except KeyError as exc:
        raise click.ClickException(f"{what} is not valid: the key {exc} is missing") from None
    except (TypeError, ValueError) as exc:
        raise click.ClickException(f"{what} is not valid: {exc}") from None


@click.group("preset")
def preset():
    """The organisations that ship as presets (klachtenloket/domain/presets/*.toml)."""


@preset.command("list")
def list_presets():
    """Show each preset's name and its organisation."""
    names = preset_names()
    width = max((len(n) for n in names), default=0)
    for name in names:
        try:
            title = Organisation.from_dict(load_preset(name)).name
        except (KeyError, TypeError, ValueError) as exc:
            title = f"(not valid: {exc})"
        click.echo(f"{name.ljust(width)}  {title}")


@preset.command("load")
@click.argument("name")
@with_appcontext
def load_command(name):
    """Store preset NAME as the organisation's configuration (a new row; the newest applies).

    Complaints already received keep the procedure they were received under.
    """
    from klachtenloket.services import configuration

    data = _preset_data(name, "NAME")
    org = _organisation(data, f"preset {name!r}")
    db.migrate()
    with db.database.connection_context():
        try:
            row = configuration.save(data, detail=f"preset {name} loaded")
        except configuration.ConfigurationError as exc:
            raise click.ClickException(f"preset {name!r} is not valid: {exc}") from None
    click.echo(f"Loaded preset {name}: {org.name} ({org.kind}), stored as configuration #{row.id}.")
    for line in describe(org):
        click.echo(f"  {line}")


def describe(org: Organisation) -> list[str]:
    """What a preset configures, one line per subject."""
    def term(t: Term | None) -> str:
        return str(t) if t is not None else "-"

    p: Procedure = org.procedure
    channels = []
    for c in org.channels:
        parts = [c.value, c.addressee, ", ".join(c.address)]
        hours = ", ".join(f"{h.days} {h.opens}-{h.closes}" for h in c.hours)
        detail = " ".join(filter(None, parts + ([f"({hours})"] if hours else [])))
        channels.append(f"{c.kind} {detail}".strip())
    first = ", ".join(f"{ch} {t}" for ch, t in p.first_contact.items()) or "-"
    second = org.second_line
    second_text = f"{second.name} ({second.kind})"
    if second.options:
        second_text += ": " + ", ".join(o.label for o in second.options)
    return [
        "channels: " + ("; ".join(channels) or "-"),
        f"acknowledgement: {term(p.acknowledgement)}",
        f"first contact: {first}",
        f"call-back: {term(p.callback)}",
        f"decline notice: {term(p.decline_notice)}",
        f"decision: {term(p.decision)}, extension: {term(p.extension)}",
        f"Atw shift: {'yes' if p.atw_shift else 'no'}; closed days: "
        + (", ".join(d.isoformat() for d in p.closed_days) or "none"),
        "answer by: " + ", ".join(org.reply_by),
        "units: " + (", ".join(org.units) or "-"),
        "outcomes: " + ", ".join(o.label for o in org.outcomes),
        f"second line: {second_text}",
    ]


@click.command("deadlines")
@click.option("--preset", "preset_name", metavar="NAME",
              help="A preset's procedure (see `preset list`); default: the organisation's "
                   "current configuration.")
@click.option("--received", required=True, type=IsoDate(),
              help="The day the complaint was received, YYYY-MM-DD.")
@click.option("--channel", type=click.Choice(CHANNELS), default="web", show_default=True,
              help="How the complaint came in.")
@with_appcontext
def deadlines_command(preset_name, received, channel):
    """Print the date each term gives a complaint received on --received, as `name: YYYY-MM-DD`.

    The same engine the application uses, extended decision included. For --channel phone the
    call-back term (when there is one) is added, counted from a request made that day.
    """
    if preset_name:
        data = _preset_data(preset_name, "--preset")
        what = f"preset {preset_name!r}"
    else:
        from klachtenloket.web.organisation import stored_or_preset
        try:
            with db.database.connection_context():
                data = stored_or_preset()
        except DatabaseError as exc:
            raise click.ClickException(f"cannot read the configuration ({exc}); "
                                       "run `flask --app app init-db` first") from None
        what = "the stored configuration"
    procedure = _organisation(data, what).procedure
    for deadline in for_procedure(procedure, received, channel,
                                  extended=procedure.extension is not None):
        click.echo(f"{deadline.name}: {deadline.due.isoformat()}")
    if channel == "phone" and procedure.callback is not None:
        due = term_end(received, procedure.callback, procedure_calendar(procedure),
                       procedure.atw_shift)
        click.echo(f"callback: {due.isoformat()}")
