"""Backup commands: an online backup of the database and uploads, and bringing one back."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from klachtenloket import db
from klachtenloket.services import backup as backups


def _close_connections():
    if not db.database.is_closed():
        db.database.close()
    if hasattr(db.database.obj, "close_all"):      # the PostgreSQL pool
        db.database.obj.close_all()


@click.command("backup")
@with_appcontext
@click.option("--output", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to put the backup in (default: instance/backups/).")
def backup_command(output):
    """Make a consistent backup while the portal keeps running."""
    config = current_app.config
    output = output or Path(config["INSTANCE_PATH"]) / "backups"
    try:
        folder = backups.create(config["DATABASE_URL"], backups.uploads_dir(config), output)
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from None
    manifest = backups.read_manifest(folder)
    counts = manifest["counts"]
    click.echo(f"Backup written to {folder}")
    click.echo(f"  {manifest['engine']}, {counts.get('complaint', 0)} complaints, "
               f"{sum(1 for f in manifest['files'] if f.startswith('uploads/'))} uploaded files")


@click.command("restore")
@with_appcontext
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--yes", is_flag=True,
              help="Replace a database that already holds complaints.")
def restore_command(path, yes):
    """Bring a backup back into the configured database and uploads folder.

    Stop the web app and the mail sender first: the database is replaced under them."""
    config = current_app.config
    _close_connections()
    try:
        restored = backups.restore(path, config["DATABASE_URL"], backups.uploads_dir(config),
                                   overwrite=yes, migrate=db.migrate)
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        _close_connections()
    manifest = restored.manifest
    click.echo(f"Restored the backup of {manifest['created']} ({manifest['engine']}): "
               f"{manifest['counts'].get('complaint', 0)} complaints; counts and checksums "
               "match the manifest.")
    if restored.uploads_set_aside:
        click.echo(f"The uploads that were there before are kept in {restored.uploads_set_aside}")
    applied = restored.migrations_applied
    click.echo(f"Migrations applied afterwards: {', '.join(applied)}" if applied
               else "The schema is up to date.")
