"""Staff accounts from the command line. There are no default accounts: the first
administrator is made here, with a password shown once."""
import click
from flask.cli import with_appcontext

from klachtenloket import db
from klachtenloket.domain.roles import ADMINISTRATOR, ROLES
from klachtenloket.services import accounts


def _create(email: str, name: str, role: str) -> None:
    db.migrate()
    password = accounts.generate_password()
    with db.database.connection_context():
        try:
            staff = accounts.create(email, name, role, password, temporary=True)
        except accounts.AccountError as exc:
            raise click.ClickException(f"No account created: {exc}.") from None
    click.echo(f"Created {staff.role} {staff.name} <{staff.email}>.")
    click.echo(f"One-time password (shown only now, hand it over safely): {password}")
    click.echo("At the first login they choose a password of their own and set up an "
               "authenticator app (two-factor authentication).")


@click.command("create-admin")
@with_appcontext
@click.argument("email")
@click.argument("name")
def create_admin(email, name):
    """Create an administrator account (the first one, too) and print its password once."""
    _create(email, name, ADMINISTRATOR)


@click.command("create-staff")
@with_appcontext
@click.argument("email")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES),
              help="coordinator: all complaints · handler: assigned complaints · "
                   "reader: reads complaints and reports · administrator: accounts and settings")
def create_staff(email, name, role):
    """Create a staff account with a role and print its password once."""
    _create(email, name, role)
