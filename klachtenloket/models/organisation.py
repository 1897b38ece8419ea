"""The organisation's configuration: each change is a new row, the newest applies."""
from peewee import AutoField, DateTimeField, TextField

from klachtenloket.models.base import BaseModel, utcnow


class OrganisationConfig(BaseModel):
    id = AutoField()
    data_json = TextField()
    created_at = DateTimeField(default=utcnow)
