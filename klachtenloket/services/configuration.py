"""The organisation's configuration as stored: read the one that applies, check a new one
completely, and store it (a new row; the newest applies) with an audit row, in one transaction.

Every way of changing the configuration goes through `save`: `flask preset load`, the
administrator's pages and an import. A complaint keeps the procedure it was received under
(Complaint.procedure_json), so a change applies to new complaints only.
"""
from __future__ import annotations

import json

from klachtenloket.db import database
from klachtenloket.domain.organisation import Organisation, json_ready, load_preset
from klachtenloket.models import OrganisationConfig, Staff
from klachtenloket.services import audit

CHANGED = "configuration:changed"


class ConfigurationError(ValueError):
    """A configuration that cannot be used; the message says what is wrong, in one line."""


def stored() -> dict | None:
    """The newest stored configuration, or None when none was stored yet."""
    row = OrganisationConfig.select().order_by(OrganisationConfig.id.desc()).first()
    return json.loads(row.data_json) if row is not None else None


def stored_or_preset(preset: str) -> dict:
    """The configuration that applies: the newest stored one, else the preset `preset`."""
    data = stored()
    return data if data is not None else load_preset(preset)


def check(data: dict) -> tuple[Organisation, str]:
    """The organisation `data` describes and the JSON text to store, or ConfigurationError.
    What is stored must read back as the same organisation (dates become ISO strings)."""
    try:
        organisation = Organisation.from_dict(data)
        text = json.dumps(json_ready(data), ensure_ascii=False, sort_keys=True)
        if Organisation.from_dict(json.loads(text)) != organisation:
            raise ConfigurationError("the configuration does not survive being stored as JSON")
    except KeyError as exc:
        raise ConfigurationError(f"the key {exc} is missing") from None
    except (TypeError, ValueError) as exc:
        raise ConfigurationError(str(exc)) from None
    return organisation, text


def save(data: dict, staff: Staff | None = None, detail: str = "") -> OrganisationConfig:
    """Check `data` completely, then store it as the configuration that applies, audited as
    `staff`'s change (None: the command line). Nothing is stored when the check fails."""
    _organisation, text = check(data)
    with database.atomic():
        row = OrganisationConfig.create(data_json=text)
        audit.log(staff, CHANGED, detail=detail or f"configuration #{row.id}")
    return row
