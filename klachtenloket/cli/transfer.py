"""Moving an installation from SQLite to PostgreSQL (klachtenloket.services.transfer)."""
import click
from flask import current_app
from flask.cli import with_appcontext

from klachtenloket.services import transfer


def _summary(tables) -> None:
    click.echo(f"  {'table':<20} {'rows':>9}  {'checksum (SHA-256)':<14} {'next id':>8}")
    for t in tables:
        mark = "" if t.equal else (f"  DIFFERS: {t.target_rows} rows, "
                                   f"checksum {t.target_sum[:12]}")
        click.echo(f"  {t.table:<20} {t.source_rows:>9}  {t.source_sum[:12]:<14} "
                   f"{'' if t.next_id is None else t.next_id:>8}{mark}")


@click.command("move-to-postgresql")
@with_appcontext
@click.argument("target_url", metavar="POSTGRESQL_URL")
def move_to_postgresql(target_url):
    """Copy this SQLite installation into an empty PostgreSQL database and verify it.

    Stop the web app, the mail sender and the timers first (anything written after the copy
    began stays behind), then set DATABASE_URL to POSTGRESQL_URL and start them again."""
    source_url = current_app.config["DATABASE_URL"]
    try:
        path = transfer.sqlite_source(source_url)
        click.echo(f"Moving {path} to {transfer.describe(target_url)} …")
        moved = transfer.move(source_url, target_url, progress=lambda table, rows: click.echo(
            f"  copied {table}: {rows} rows"))
    except transfer.TransferMismatch as exc:
        _summary(exc.tables)
        raise click.ClickException(str(exc)) from None
    except transfer.TransferError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo("Verified in the same transaction, then committed:")
    _summary(moved.tables)
    click.echo(f"{moved.rows} rows in {len(moved.tables)} tables copied in {moved.seconds:.1f} s; "
               "row counts and checksums equal. Migrations applied on both: "
               f"{len(moved.migrations)} ({moved.migrations[-1] if moved.migrations else '-'}).")
    click.echo("Next: keep the portal stopped, set DATABASE_URL to the PostgreSQL URL "
               "(e.g. in /etc/klachtenloket.env) and start it again. The SQLite file is left as "
               "it was.")
