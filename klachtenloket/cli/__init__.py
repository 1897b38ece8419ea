"""Command-line tasks: `flask --app app <command>`, one module per concern."""
from klachtenloket.cli import (backup, configuration, database, mail, presets, reminders, staff,
                               transfer)
from klachtenloket.cli import privacy
from klachtenloket.cli import open_data


def register(app):
    for command in (database.init_db, database.demo_data, mail.send_mail, mail.outbox_status,
                    presets.preset, presets.deadlines_command,
                    staff.create_admin, staff.create_staff,
                    backup.backup_command, backup.restore_command, transfer.move_to_postgresql,
                    reminders.send_reminders, configuration.config, privacy.purge_command,
                    open_data.export_register):
        app.cli.add_command(command)
