"""Staff accounts and sessions (issue 7, "Staff accounts and sessions"): the second factor and
the first login.

- staff.password_is_temporary: a password made by the command line or an administrator; the
  first login asks for one of the person's own. Existing accounts keep theirs (false).
- staff.totp_secret ("" until enrolled) and staff.totp_last_step (a code works once). Existing
  accounts enrol at their next login.
- staff_backup_code: ten argon2id-hashed one-time codes per account.
- login_failure: wrong passwords and codes per typed address and network address (the cool-off).
- kept_form: what was sent after a session had ended, given back after the next login.

The tables are frozen copies of klachtenloket/models/staff.py."""
from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('staff', 'password_is_temporary', BooleanField(default=False)),
        migrator.add_column('staff', 'totp_secret', CharField(max_length=64, default='')),
        migrator.add_column('staff', 'totp_last_step', BigIntegerField(default=0)),
    )

    class Staff(Model):
        class Meta:
            database = db
            table_name = 'staff'

    class StaffBackupCode(Model):
        staff = ForeignKeyField(Staff, on_delete='CASCADE')
        code_hash = CharField(max_length=255)
        created_at = DateTimeField()
        used_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'staff_backup_code'

    class LoginFailure(Model):
        email = CharField(max_length=254)
        address = CharField(max_length=64)
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'login_failure'
            indexes = ((('email', 'address', 'created_at'), False),)

    class KeptForm(Model):
        key = CharField(max_length=64, unique=True)
        staff = ForeignKeyField(Staff, on_delete='CASCADE')
        path = CharField(max_length=500)
        fields = TextField()
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'kept_form'

    db.create_tables([StaffBackupCode, LoginFailure, KeptForm])


def down(migrator, db):
    migrator.migrate(
        migrator.drop_table('kept_form'),
        migrator.drop_table('login_failure'),
        migrator.drop_table('staff_backup_code'),
        migrator.drop_column('staff', 'totp_last_step'),
        migrator.drop_column('staff', 'totp_secret'),
        migrator.drop_column('staff', 'password_is_temporary'),
    )
