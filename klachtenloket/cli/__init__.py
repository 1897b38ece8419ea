"""Command-line tasks: `flask --app app <command>`, one module per concern."""
from klachtenloket.cli import backup, database, mail, presets, reminders, staff


def register(app):
    for command in (database.init_db, database.demo_data, mail.send_mail, mail.outbox_status,
                    presets.preset, presets.deadlines_command,
                    staff.create_admin, staff.create_staff,
                    backup.backup_command, backup.restore_command,
                    reminders.send_reminders):
        app.cli.add_command(command)
