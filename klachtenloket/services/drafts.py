"""Drafts of complaints being written, kept server-side under a random key."""
import json
import secrets
from datetime import timedelta

from klachtenloket.db import database
from klachtenloket.models import Draft
from klachtenloket.models.base import utcnow

KEEP = timedelta(days=2)


def new_key() -> str:
    return secrets.token_urlsafe(32)


def load(key: str | None) -> dict:
    if not key:
        return {}
    draft = Draft.get_or_none(Draft.key == key)
    return json.loads(draft.data_json) if draft else {}


def save(key: str, data: dict) -> None:
    """Merge data into the draft; drafts nobody touched for two days go (they hold personal data)."""
    with database.atomic():
        merged = {**load(key), **data}
        (Draft.insert(key=key, data_json=json.dumps(merged), updated_at=utcnow())
         .on_conflict(conflict_target=[Draft.key],
                      update={Draft.data_json: json.dumps(merged), Draft.updated_at: utcnow()})
         .execute())
        Draft.delete().where(Draft.updated_at < utcnow() - KEEP).execute()
