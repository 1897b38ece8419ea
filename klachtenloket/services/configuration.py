"""The organisation's configuration as stored: read the one that applies, check a new one
completely, and store it (a new row; the newest applies) with an audit row, in one transaction.

Every way of changing the configuration goes through `save`: `flask preset load`, the
administrator's pages and an import. A complaint keeps the procedure it was received under
(Complaint.procedure_json), so a change applies to new complaints only.
"""
from __future__ import annotations

import json
import re
import tomllib
from datetime import date

import tomli_w

from klachtenloket.db import database
from klachtenloket.domain.organisation import Organisation, json_ready, load_preset
from klachtenloket.models import AuditEntry, OrganisationConfig, Staff
from klachtenloket.services import audit, logos

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
    if organisation.logo and logos.find_meta(organisation.logo) is None:
        raise ConfigurationError("organisation.logo names a logo that is not stored here; "
                                 "upload the logo on the settings page, or leave the key out")
    return organisation, text


def save(data: dict, staff: Staff | None = None, detail: str = "") -> OrganisationConfig:
    """Check `data` completely, then store it as the configuration that applies, audited as
    `staff`'s change (None: the command line). Nothing is stored when the check fails."""
    _organisation, text = check(data)
    with database.atomic():
        row = OrganisationConfig.create(data_json=text)
        audit.log(staff, CHANGED, detail=detail or f"configuration #{row.id}")
    return row


# --- the whole configuration as one TOML file (export and import) ---------------------------

# The order of the sections in an exported file: as in the presets, the organisation first.
SECTION_ORDER = ("organisation", "channels", "procedure", "intake", "handling", "register",
                 "outcomes", "decline_grounds", "second_line", "letters")
TOML_HEADER = ("# Klachtenloket: the organisation's whole configuration. Keys left out get their\n"
               "# default. Check and store it with `flask --app app config import FILE` or on the\n"
               "# back office page /beheer/instellingen/configuratie; it applies to new complaints.\n\n")
# Above MAX_CONTENT_LENGTH (256 KB) a request is refused whole; below it, in words at the field.
MAX_TOML_BYTES = 200 * 1024
_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")


class TomlSyntaxError(ConfigurationError):
    """Text that is not TOML at all; `line` and `column` say where reading stopped."""

    def __init__(self, detail: str, line: int, column: int):
        super().__init__(f"not valid TOML: line {line}, column {column}: {detail}")
        self.detail, self.line, self.column = detail, line, column


def _without_none(value):
    # TOML has no null; a term that is None is the same as one left out (Procedure.from_dict).
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_without_none(v) for v in value if v is not None]
    return value


def to_toml(data: dict) -> str:
    """`data` (a stored configuration or a preset) as a TOML file that from_toml reads back as
    the same organisation. Closed days are written as TOML dates, as in the presets."""
    data = _without_none(json_ready(data))
    ordered = {key: data[key] for key in SECTION_ORDER if key in data}
    ordered.update((key, data[key]) for key in sorted(data) if key not in ordered)
    procedure = ordered.get("procedure")
    if isinstance(procedure, dict) and isinstance(procedure.get("closed_days"), list):
        try:
            procedure["closed_days"] = [date.fromisoformat(d) if isinstance(d, str) else d
                                        for d in procedure["closed_days"]]
        except ValueError:
            pass    # not dates: written as they are, and refused as they are on import
    return TOML_HEADER + tomli_w.dumps(ordered, multiline_strings=True)


def from_toml(text: str) -> dict:
    """The configuration a TOML text holds, or ConfigurationError (TomlSyntaxError naming the
    line and column when it is not TOML). Only reads: check() says whether it can be used."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _AT.search(message)
        if at:
            line, column = int(at.group(1)), int(at.group(2))
        else:
            lines = text.split("\n")
            line, column = len(lines), len(lines[-1]) + 1
        detail = _AT_END.sub("", _AT.sub("", message)) or "not valid TOML"
        raise TomlSyntaxError(detail, line, column) from None


def decode(raw: bytes) -> str:
    """An uploaded file as text: UTF-8 (a byte-order mark is dropped), at most MAX_TOML_BYTES."""
    if len(raw) > MAX_TOML_BYTES:
        raise ConfigurationError(f"the file is larger than {MAX_TOML_BYTES // 1024} KB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigurationError(f"the file is not UTF-8 text (byte {exc.start + 1})") from None


def changed_sections(old: dict | None, new: dict) -> list[str]:
    """The top-level sections (organisation, procedure …) in which `new` differs from `old`,
    compared as they are stored; a section only one of them has counts as changed."""
    old = json.loads(json.dumps(json_ready(old or {}), sort_keys=True))
    new = json.loads(json.dumps(json_ready(new), sort_keys=True))
    return sorted(key for key in set(old) | set(new) if old.get(key) != new.get(key))


def last_change() -> AuditEntry | None:
    """The audit row of the newest stored change (who, when), or None."""
    return (AuditEntry.select().where(AuditEntry.action == CHANGED)
            .order_by(AuditEntry.id.desc()).first())
