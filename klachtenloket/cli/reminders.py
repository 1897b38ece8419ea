"""The daily reminder to staff: `flask --app app send-reminders [--days N] [--working-days]`."""
from datetime import datetime
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import with_appcontext

from klachtenloket import db
from klachtenloket.services import reminders


@click.command("send-reminders")
@with_appcontext
@click.option("--days", default=reminders.DEFAULT_DAYS, show_default=True,
              type=click.IntRange(0, 60),
              help="What falls due within this many days counts as due soon (overdue always counts).")
@click.option("--working-days", is_flag=True,
              help="Count --days as working days (the Atw calendar and the organisation's closed "
                   "days) instead of calendar days.")
def send_reminders(days, working_days):
    """Queue to each handler and coordinator the complaints that are overdue or fall due soon.

    Run it once a day (cron). A staff member gets at most one reminder a day, and none when
    nothing is due; inactive accounts get none. `send-mail` delivers them."""
    from klachtenloket.domain.terms import procedure_calendar
    from klachtenloket.web.organisation import current_organisation
    from klachtenloket.web.staff_mail import reminder_mail

    if not current_app.config["PUBLIC_URL"]:
        raise click.ClickException("Set PUBLIC_URL (e.g. https://klachten.example.nl): the "
                                   "reminders link to each complaint's page.")
    today = datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()
    with current_app.test_request_context(), db.database.connection_context():
        calendar = procedure_calendar(current_organisation().procedure) if working_days else None
        last_day = reminders.horizon(today, days, calendar)
        result = reminders.queue(today, last_day, reminder_mail)
    click.echo(f"Queued {result.queued} reminder mail(s) for {today.isoformat()} "
               f"(due up to {last_day.isoformat()})"
               + (f"; {result.already} already queued today" if result.already else "") + ".")
