"""The whole configuration as one TOML file, to keep in version control or move between
installations.

    flask --app app config export [FILE]     # stdout when no FILE
    flask --app app config import FILE       # checked completely before anything is stored
"""
from pathlib import Path

import click
from flask.cli import with_appcontext
from peewee import DatabaseError

from klachtenloket import db
from klachtenloket.services import configuration


def _current() -> dict:
    from klachtenloket.web.organisation import stored_or_preset
    try:
        return stored_or_preset()
    except DatabaseError as exc:
        raise click.ClickException(f"cannot read the configuration ({exc}); "
                                   "run `flask --app app init-db` first") from None


@click.group("config")
def config():
    """Export the organisation's configuration as TOML, or import one."""


@config.command("export")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def export_command(file):
    """Write the configuration that applies now as TOML to FILE (stdout without FILE)."""
    with db.database.connection_context():
        text = configuration.to_toml(_current())
    if file is None:
        click.echo(text, nl=False)
        return
    try:
        file.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {file}: {exc.strerror or exc}") from None
    click.echo(f"Exported the configuration to {file}.", err=True)


@config.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_command(file):
    """Check the TOML configuration in FILE completely, then store it (a new row; the newest
    applies). Nothing is stored when anything in it is wrong.

    New complaints get the new procedure; a complaint already received keeps its own.
    """
    try:
        data = configuration.from_toml(configuration.decode(file.read_bytes()))
        organisation, _text = configuration.check(data)
    except configuration.ConfigurationError as exc:
        raise click.ClickException(f"{file} is not valid, nothing was stored: {exc}") from None
    except OSError as exc:
        raise click.ClickException(f"cannot read {file}: {exc.strerror or exc}") from None
    db.migrate()
    with db.database.connection_context():
        changed = configuration.changed_sections(_current(), data)
        if not changed:
            click.echo(f"{file} holds the configuration that applies now; nothing was stored.")
            return
        try:
            row = configuration.save(data, detail=f"imported from {file.name}")
        except configuration.ConfigurationError as exc:   # checked above; kept for safety
            raise click.ClickException(f"{file} is not valid, nothing was stored: {exc}") from None
    click.echo(f"Imported {file}: {organisation.name}, stored as configuration #{row.id}.")
    click.echo(f"  changed: {', '.join(changed)}")
    click.echo("  It applies to new complaints; a complaint already received keeps its terms.")
