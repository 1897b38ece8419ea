"""Retention (AVG): `flask --app app purge [--dry-run]`, once a day from cron."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import with_appcontext

from klachtenloket import db
from klachtenloket.services import purge


@click.command("purge")
@with_appcontext
@click.option("--dry-run", is_flag=True,
              help="Only list the complaints whose personal data would be removed.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, hidden=True,
              help="Count the retention from this day instead of today (for tests and checks).")
def purge_command(dry_run, today):
    """Remove the personal data of complaints finished longer ago than the retention period.

    The period is the configuration's [register] retention_months (default 24), counted from
    the day the complaint was closed, forwarded, declined or withdrawn. The anonymous register
    row stays for the yearly report; each purge is written to the audit trail."""
    from klachtenloket.web.organisation import current_organisation

    day: date = today.date() if today else datetime.now(
        ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()
    with current_app.test_request_context(), db.database.connection_context():
        months = current_organisation().retention_months
        result = purge.run(day, months, dry_run=dry_run)
    verb = "Would remove" if dry_run else "Removed"
    click.echo(f"{verb} the personal data of {result.count} complaint(s) finished before "
               f"{result.cutoff.isoformat()} (retention {months} months).")
    for reference in result.references:
        click.echo(f"  {reference}")
