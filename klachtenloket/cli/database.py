"""Database commands: schema and demo data."""
import random
from datetime import date, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext

from klachtenloket import db


@click.command("init-db")
@with_appcontext
def init_db():
    """Create or upgrade the database schema (runs pending migrations)."""
    applied = db.migrate()
    click.echo(f"Applied: {', '.join(applied)}" if applied else "The schema is up to date.")


DEMO_TEXTS = [
    ("De medewerker aan de telefoon was onvriendelijk en hing op.", "Excuses"),
    ("Ik heb drie keer een brief gestuurd en nooit antwoord gekregen.", "Een antwoord op mijn brief"),
    ("Mijn werkcoach beloofde terug te bellen, maar deed dat niet.", ""),
    ("Ik kreeg verkeerde informatie over de energietoeslag.", "Uitleg"),
    ("Het duurt al maanden voordat mijn aanvraag wordt behandeld.", "Snel een besluit"),
]
DEMO_NAMES = ["A. de Vries", "M. Yilmaz", "J. Jansen", "F. El Amrani", "K. Nowak", "T. Bakker"]


@click.command("demo-data")
@with_appcontext
@click.option("--count", default=12, show_default=True)
@click.option("--again", is_flag=True, help="Add them even when the register holds complaints.")
@click.option("--preset", "preset_name", metavar="NAME",
              help="Load this preset first (as `preset load` does) and fill the register with "
                   "its demo data set: wil-lekstroom reproduces the figures of WIL's annual "
                   "report 2024. Needs an empty register; --count does not apply.")
def demo_data(count, again, preset_name):
    """Fill an empty register with invented complaints (on top of the current configuration)."""
    from klachtenloket.models import Complaint
    from klachtenloket.services import drafts, intake
    from klachtenloket.web.organisation import current_organisation

    db.migrate()
    if preset_name:
        _preset_demo(preset_name)
        return
    rng = random.Random(42)
    with current_app.test_request_context(), db.database.connection_context():
        present = Complaint.select().count()
        if present and not again:
            click.echo(f"The register already holds {present} complaints; nothing added "
                       "(--again adds more).")
            return
        org = current_organisation()
        # An answer the organisation offers (its preset may leave out phone or e-mail), with the
        # contact data that answer needs.
        reply_by = "phone" if "phone" in org.reply_by else org.reply_by[0]
        contact = {"phone": "06 12345678", "email": "", "street": "", "postcode": "", "city": ""}
        if reply_by == "email":
            contact["email"] = "demo@example.nl"
        if reply_by == "letter":
            contact.update(street="Dorpsstraat 1", postcode="1234 AB", city="Voorbeeld")
        for n in range(count):
            received = date.today() - timedelta(days=rng.randint(0, 60))
            text, wish = rng.choice(DEMO_TEXTS)
            data = {
                "filed_by": "self", "name": rng.choice(DEMO_NAMES), **contact,
                "reply_by": reply_by, "description": text,
                "desired_outcome": wish, "unit": rng.choice(org.units or ("",)),
                "event_date": (received - timedelta(days=rng.randint(1, 30))).isoformat(),
            }
            intake.submit(drafts.new_key(), data, org, "nl", received,
                          render_ack=lambda complaint, token: [])
    click.echo(f"Added {count} demo complaints.")


# The presets with a demo data set of their own (klachtenloket/demo).
PRESET_DEMOS = {"wil-lekstroom": "klachtenloket.demo.wil_2024"}


def _preset_demo(name: str) -> None:
    """Load preset `name`, make the demo's staff and fill the register with its data set."""
    import importlib
    import time

    from klachtenloket.cli.presets import load_command
    from klachtenloket.models import Complaint
    from klachtenloket.web.organisation import current_organisation

    if name not in PRESET_DEMOS:
        raise click.BadParameter(f"no demo data set for preset {name!r}; there is one for "
                                 f"{', '.join(PRESET_DEMOS)}", param_hint="--preset")
    with db.database.connection_context():
        present = Complaint.select().count()
    if present:
        click.echo(f"The register already holds {present} complaints; the demo data set of "
                   f"{name} needs an empty one (its figures would not add up otherwise). "
                   "Nothing added.")
        return
    click.get_current_context().invoke(load_command, name=name)
    demo = importlib.import_module(PRESET_DEMOS[name])
    started = time.monotonic()
    click.echo("Staff accounts (invented; each password is shown only now):")
    with current_app.test_request_context(), db.database.connection_context():
        with db.database.atomic():
            org = current_organisation()
            staff = demo.make_staff(lambda line: click.echo(f"  {line}"))
            added = demo.fill(org, staff, date.today())
            requests = demo.callback_requests(org, staff, date.today())
    click.echo(f"Added {added} demo complaints and {requests} call-back requests "
               f"({time.monotonic() - started:.1f} s).")
