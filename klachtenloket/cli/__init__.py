"""Command-line tasks: `flask --app app <command>`, one module per concern."""
from klachtenloket.cli import database, mail


def register(app):
    for command in (database.init_db, database.demo_data, mail.send_mail, mail.outbox_status):
        app.cli.add_command(command)
