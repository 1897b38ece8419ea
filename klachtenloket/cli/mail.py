"""Mail commands: deliver the outbox, and show what waits or failed."""
import time

import click
from flask import current_app
from flask.cli import with_appcontext

from klachtenloket import db
from klachtenloket.services import outbox


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
