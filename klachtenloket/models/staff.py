"""A staff member's account: who may log in to the back office, and in which role; its
second factor (an authenticator app, backup codes), failed logins, and a form kept when a
session ended while it was being sent."""
from peewee import (AutoField, BigIntegerField, BooleanField, CharField, DateTimeField,
                    ForeignKeyField, IntegerField, TextField)

from klachtenloket.models.base import BaseModel, utcnow


class Staff(BaseModel):
    id = AutoField()
    email = CharField(max_length=254, unique=True)  # always lower-case: see save()
    name = CharField(max_length=200)
    role = CharField(max_length=20)                 # klachtenloket.domain.roles.ROLES
    password_hash = CharField(max_length=255)       # argon2id, encoded with its parameters
    active = BooleanField(default=True)
    # Each login remembers this number in the session; raising it (logout, disabling the
    # account, "end all sessions") ends every session that carries an older one at once.
    session_version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    last_login_at = DateTimeField(null=True)
    # A password someone else made (the command line, an administrator's one-time password):
    # the first login asks for one of the person's own.
    password_is_temporary = BooleanField(default=False)
    # The authenticator app's shared secret (base32); "" until the person has enrolled.
    totp_secret = CharField(max_length=64, default="")
    # The newest 30-second time step whose code was accepted: a code works once.
    totp_last_step = BigIntegerField(default=0)

    # What flask-login asks of a user object (duck-typed, so models stay free of Flask).
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return str(self.id)

    def save(self, *args, **kwargs):
        # One address, one account: the unique index only holds if case never differs.
        self.email = self.email.strip().lower()
        return super().save(*args, **kwargs)


class BackupCode(BaseModel):
    """One of ten one-time codes for when the phone is not at hand; argon2id-hashed."""
    id = AutoField()
    staff = ForeignKeyField(Staff, on_delete="CASCADE", backref="backup_codes")
    code_hash = CharField(max_length=255)
    created_at = DateTimeField(default=utcnow)
    used_at = DateTimeField(null=True)

    class Meta:
        table_name = "staff_backup_code"


class LoginFailure(BaseModel):
    """A wrong password or code for an address (typed, so also unknown ones) from a network
    address. Counted in the database, so every worker process sees the same number."""
    id = AutoField()
    email = CharField(max_length=254)
    address = CharField(max_length=64)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "login_failure"
        indexes = ((("email", "address", "created_at"), False),)


class KeptForm(BaseModel):
    """What a staff member sent when their session had ended: given back on the page after
    they log in again, then deleted (or after a day, unused)."""
    id = AutoField()
    key = CharField(max_length=64, unique=True)
    staff = ForeignKeyField(Staff, on_delete="CASCADE")
    path = CharField(max_length=500)
    fields = TextField()                # JSON: [[name, value], …] as sent, without the token
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "kept_form"
