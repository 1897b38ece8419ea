"""Command-line tasks: `flask --app app <command>`."""
import random
import time
from datetime import date, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext

from klachtenloket import db
from klachtenloket.services import outbox


def register(app):
    app.cli.add_command(init_db)
    app.cli.add_command(demo_data)
    app.cli.add_command(send_mail)
    app.cli.add_command(outbox_status)


@click.command("init-db")
@with_appcontext
def init_db():
    """Create or upgrade the database schema (runs pending migrations)."""
    applied = db.migrate()
    click.echo(f"Applied: {', '.join(applied)}" if applied else "The schema is up to date.")


@click.command("send-mail")
@with_appcontext
@click.option("--watch", is_flag=True, help="Keep running and send new mail as it arrives.")
@click.option("--interval", default=10.0, show_default=True, help="Seconds between rounds with --watch.")
def send_mail(watch, interval):
    """Deliver queued mail (with retries and backoff); failures stay marked for staff."""
    settings = outbox.SmtpSettings.from_config(current_app.config)
    while True:
        with db.database.connection_context():
            result = outbox.send_pending(settings)
        if result.sent or result.retrying or result.failed or not watch:
            click.echo(f"sent {result.sent}, to retry {result.retrying}, failed {result.failed}")
        if not watch:
            return
        time.sleep(interval)


@click.command("outbox")
@with_appcontext
def outbox_status():
    """Show how much mail is waiting, sent and failed, and each failure with its reason."""
    from peewee import fn
    from klachtenloket.models import OutboxMail

    with db.database.connection_context():
        counts = dict(OutboxMail.select(OutboxMail.status, fn.COUNT(OutboxMail.id))
                      .group_by(OutboxMail.status).tuples())
        click.echo(", ".join(f"{s}: {counts.get(s, 0)}" for s in
                             (OutboxMail.PENDING, OutboxMail.SENDING, OutboxMail.SENT, OutboxMail.FAILED)))
        for mail in OutboxMail.select().where(OutboxMail.status == OutboxMail.FAILED):
            reference = mail.complaint.reference if mail.complaint_id else "-"
            click.echo(f"failed #{mail.id} {reference} {mail.kind} after {mail.attempts} "
                       f"attempt(s): {mail.last_error}")


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
def demo_data(count):
    """Fill the register with invented complaints (on top of the current configuration)."""
    from klachtenloket.services import intake
    from klachtenloket.web.organisation import current_organisation

    db.migrate()
    rng = random.Random(42)
    with current_app.test_request_context(), db.database.connection_context():
        org = current_organisation()
        for n in range(count):
            received = date.today() - timedelta(days=rng.randint(0, 60))
            text, wish = rng.choice(DEMO_TEXTS)
            data = {
                "filed_by": "self", "name": rng.choice(DEMO_NAMES), "email": "",
                "phone": "06 12345678", "reply_by": "phone", "description": text,
                "desired_outcome": wish, "unit": rng.choice(org.units or ("",)),
                "event_date": (received - timedelta(days=rng.randint(1, 30))).isoformat(),
            }
            intake.submit(f"demo-{received.isoformat()}-{n}", data, org, "nl", received,
                          render_ack=lambda complaint, token: [])
    click.echo(f"Added {count} demo complaints.")
