"""The base model every table derives from."""
from datetime import datetime, timezone

from peewee import Model

from klachtenloket.db import database


def utcnow() -> datetime:
    # Stored naive in UTC on both engines; shown in Europe/Amsterdam by Babel.
    return datetime.now(timezone.utc).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False
