"""The organisation's logo (migration 0018): the image itself, found by its SHA-256, which the
configuration names (organisation.logo). A logo replaced or removed stays, so an older
configuration row still shows its own; the image is a few hundred KB at most."""
from peewee import AutoField, CharField, DateTimeField, IntegerField, TextField

from klachtenloket.models.base import BaseModel, utcnow


class Logo(BaseModel):
    id = AutoField()
    digest = CharField(max_length=64, unique=True)   # SHA-256 of the image, hex
    content_type = CharField(max_length=20)          # image/png or image/jpeg
    # Base64 text rather than bytes: every engine and `move-to-postgresql` copy it as text.
    data_base64 = TextField()
    width = IntegerField()
    height = IntegerField()
    created_at = DateTimeField(default=utcnow)
