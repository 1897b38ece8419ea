"""A complaint being written: kept on the server so a long text never rides in a cookie."""
from peewee import CharField, DateTimeField, TextField

from klachtenloket.models.base import BaseModel, utcnow


class Draft(BaseModel):
    key = CharField(max_length=64, primary_key=True)
    data_json = TextField(default="{}")
    updated_at = DateTimeField(default=utcnow, index=True)
