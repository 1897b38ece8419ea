"""A staff member's account: who may log in to the back office, and in which role."""
from peewee import AutoField, BooleanField, CharField, DateTimeField, IntegerField

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
