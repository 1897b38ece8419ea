"""The register as open data (Woo), for publication from cron:

    flask --app app export-register --from 2024-01-01 --to 2024-12-31 --format csv [--output FILE]
"""
import os
import tempfile

import click
from flask.cli import with_appcontext

from klachtenloket import db
from klachtenloket.cli.presets import IsoDate
from klachtenloket.services import audit, open_data


@click.command("export-register")
@click.option("--from", "start", required=True, type=IsoDate(),
              help="The first day of the period, YYYY-MM-DD.")
@click.option("--to", "end", required=True, type=IsoDate(),
              help="The last day of the period (included), YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(open_data.FORMATS), default="csv",
              show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file (replaced only once complete); default: standard output.")
@with_appcontext
def export_register(start, end, fmt, output):
    """Every complaint received or handled from --from up to and including --to, without
    personal data: reference, dates, channel, unit, category, municipality, procedure, outcome,
    within term and the number of measures."""
    from klachtenloket.web.organisation import current_organisation

    if end < start:
        raise click.BadParameter(f"the period ends ({end}) before it starts ({start})",
                                 param_hint="--to")
    with db.database.connection_context():
        organisation = current_organisation().name
        with db.database.atomic():
            audit.log(None, open_data.EXPORTED, detail=open_data.describe(fmt, start, end))
        chunks = open_data.chunks(fmt, start, end, organisation)
        if not output:
            for chunk in chunks:
                click.echo(chunk, nl=False)
            return
        # A web server may publish the file while cron writes it: write a neighbour, then
        # rename it into place, so it is never seen half-written.
        folder = os.path.dirname(os.path.abspath(output))
        handle, partial = tempfile.mkstemp(prefix=".export-", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as target:
                for chunk in chunks:
                    target.write(chunk)
            os.chmod(partial, 0o644)
            os.replace(partial, output)
        except BaseException:
            os.unlink(partial)
            raise
    click.echo(f"Wrote {output}.", err=True)
