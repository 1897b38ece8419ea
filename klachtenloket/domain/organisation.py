"""The organisation's own procedure and channels, as data (presets are TOML files).

Organisation.from_dict reads a preset (or a stored configuration); every key added after the
first version has a default, so an older stored configuration still reads.
"""
from __future__ import annotations

import copy
import functools
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from klachtenloket.domain.colours import check_accent
from klachtenloket.domain.terms import Procedure

PRESETS_DIR = Path(__file__).resolve().parent / "presets"
CHANNELS = ("web", "phone", "letter", "email", "desk")
REPLY_OPTIONS = ("letter", "email", "phone")
ORGANISATION_KINDS = ("public", "private", "foundation")
SECOND_LINE_KINDS = ("ombudsman", "committee", "commissioning_party")

# The second line of every public body under the Awb (9:12, chapter 9 title 9.2): the same
# for all, so its contact details are filled in where a configuration names it without them.
NATIONALE_OMBUDSMAN = {"address": ("Postbus 93122", "2509 AC Den Haag"),
                       "phone": "0800 33 55 555", "url": "https://www.nationaleombudsman.nl"}
# Who handles a complaint (Awb 9:7: never the person it is about): WIL's complaints handler, the
# manager of the employee or department (IJmond Werkt!), a person named to the complainant (WIJ
# Heemstede), or simply someone not involved (Bijstand naar Werk; the Awb's own words).
HANDLER_KINDS = ("complaints_handler", "manager", "named_person", "not_involved")
# The questions on the resident's form an organisation may leave out or make required (the name
# and what happened are always asked, and required). A client number is never required: nobody
# needs one to complain. `[intake.fields]` names a state per question; one left out keeps its
# default (the date it happened required, the rest optional).
INTAKE_FIELDS = ("address", "phone", "email", "event_date", "event_time", "unit",
                 "employee_name", "desired_outcome", "client_number")
FIELD_STATES = ("required", "optional", "off")
DEFAULT_FIELD_STATES = {name: "optional" for name in INTAKE_FIELDS} | {"event_date": "required"}
NEVER_REQUIRED = ("client_number",)
# The answer a resident can choose needs a way to reach them: reply_by option -> its question.
REPLY_NEEDS = {"letter": "address", "email": "email", "phone": "phone"}
LOGO_DIGEST = re.compile(r"^[0-9a-f]{64}$")
# AVG: how long a finished complaint keeps its personal data, in months after the day it was
# finished ([register] retention_months); `flask --app app purge` then anonymises it. The default
# where a configuration names none: two years, so the complaint outlives the yearly report of
# the year it was handled and a late second-line procedure (Nationale ombudsman: within a year).
DEFAULT_RETENTION_MONTHS = 24


@dataclass(frozen=True)
class Hours:
    days: str        # "mon-fri", "mon-thu", "fri"
    opens: str       # "08:30"
    closes: str


@dataclass(frozen=True)
class Channel:
    kind: str
    value: str = ""                  # phone number or e-mail address
    addressee: str = ""
    address: tuple[str, ...] = ()
    hours: tuple[Hours, ...] = ()
    callback: bool = False           # outside the hours, a call-back request is taken

    @property
    def usable(self) -> bool:
        """A channel a resident can use: a number or address to reach, or a desk to visit."""
        return bool(self.value or self.address or self.kind == "desk")


@dataclass(frozen=True)
class Option:
    """A configurable choice with a stable key and the label people read."""
    key: str
    label: str
    article: str = ""                # the rule it rests on, e.g. "Awb 9:8(1)(b)"


@dataclass(frozen=True)
class SecondLine:
    kind: str                        # ombudsman | committee | commissioning_party
    name: str
    address: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    url: str = ""
    # commissioning_party: who that is differs per complaint (e.g. employer, municipality, UWV);
    # the handler chooses one of these for each complaint.
    options: tuple[Option, ...] = ()


@dataclass(frozen=True)
class Handling:
    handler: str = "not_involved"            # one of HANDLER_KINDS
    about_coordinator: str = ""              # who handles a complaint about the coordinator
    decline_also_inform: tuple[str, ...] = ()  # besides the complainant, e.g. ("coordinator",)
    names_handler: bool = False              # the acknowledgement gives the handler's name


# Domain section 4: the outcome labels (WIL's, seed 002); the default where a preset has none.
DEFAULT_OUTCOMES = (
    Option("upheld", "Gegrond"),
    Option("partly_upheld", "Gedeeltelijk gegrond"),
    Option("not_upheld", "Ongegrond"),
    Option("resolved_by_agreement", "Wederzijdse overeenstemming"),
    Option("withdrawn", "Ingetrokken"),
    Option("not_admissible", "Niet ontvankelijk"),
)

# Awb 9:8: the grounds on which a complaint may be declined; the default where a preset has none.
AWB_DECLINE_GROUNDS = (
    Option("already_handled", "Over deze gedraging is al eerder een klacht behandeld",
           "Awb 9:8(1)(a)"),
    Option("older_than_a_year", "De gedraging was meer dan een jaar voor het indienen van de klacht",
           "Awb 9:8(1)(b)"),
    Option("objection_possible", "U had tegen de gedraging bezwaar kunnen maken", "Awb 9:8(1)(c)"),
    Option("appeal_possible", "U kunt of kon tegen de gedraging beroep instellen", "Awb 9:8(1)(d)"),
    Option("court", "Een rechter (geen bestuursrechter) oordeelt of oordeelde over de gedraging",
           "Awb 9:8(1)(e)"),
    Option("criminal_investigation", "Over de gedraging loopt een strafrechtelijk onderzoek of "
           "een vervolging", "Awb 9:8(1)(f)"),
    Option("insufficient_interest", "Uw belang of het gewicht van de gedraging is kennelijk "
           "onvoldoende", "Awb 9:8(2)"),
)


@dataclass(frozen=True)
class Organisation:
    name: str
    short_name: str
    kind: str
    website: str
    objection_url: str
    privacy_url: str
    channels: tuple[Channel, ...]
    procedure: Procedure
    second_line: SecondLine
    on_behalf: bool = True
    reply_by: tuple[str, ...] = REPLY_OPTIONS
    units: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    outcomes: tuple[Option, ...] = DEFAULT_OUTCOMES
    decline_grounds: tuple[Option, ...] = AWB_DECLINE_GROUNDS
    handling: Handling = Handling()
    accent_colour: str = ""          # "#rrggbb": header and links; white text on it (domain/colours)
    logo: str = ""                   # the SHA-256 of the stored logo (services/logos), or ""
    # Each question of INTAKE_FIELDS with its state (FIELD_STATES).
    intake_fields: tuple[tuple[str, str], ...] = tuple(DEFAULT_FIELD_STATES.items())
    languages: tuple[str, ...] = ()  # offered to residents; empty: every language the app has
    unit_managers: tuple[tuple[str, str], ...] = ()   # (unit, the manager's staff e-mail)
    retention_months: int = DEFAULT_RETENTION_MONTHS   # AVG: see DEFAULT_RETENTION_MONTHS
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    def channel(self, kind: str) -> Channel | None:
        return next((c for c in self.channels if c.kind == kind), None)

    def outcome(self, key: str) -> Option | None:
        return next((o for o in self.outcomes if o.key == key), None)

    def decline_ground(self, key: str) -> Option | None:
        return next((o for o in self.decline_grounds if o.key == key), None)

    def field_state(self, name: str) -> str:
        """required, optional or off: how the resident's form asks the question `name`."""
        return dict(self.intake_fields).get(name, "optional")

    def manager_of(self, unit: str | None) -> str:
        """The e-mail address of the staff member who manages `unit`, or ""."""
        return dict(self.unit_managers).get(unit or "", "")

    @classmethod
    def from_dict(cls, data: dict) -> Organisation:
        org = data["organisation"]
        intake = data.get("intake", {})
        register = data.get("register", {})
        channels = tuple(
            Channel(kind=c["kind"], value=c.get("value", ""), addressee=c.get("addressee", ""),
                    address=tuple(c.get("address", ())), callback=c.get("callback", False),
                    hours=tuple(Hours(**h) for h in c.get("hours", ())))
            for c in data.get("channels", ()))
        unknown = {c.kind for c in channels} - set(CHANNELS)
        if unknown:
            raise ValueError(f"unknown channel kind(s): {', '.join(sorted(unknown))}")
        kind = org.get("kind", "public")
        _one_of("organisation kind", kind, ORGANISATION_KINDS)
        reply_by = tuple(intake.get("reply_by", REPLY_OPTIONS))
        if not reply_by:
            raise ValueError("intake.reply_by needs at least one way to answer")
        for option in reply_by:
            _one_of("reply_by option", option, REPLY_OPTIONS)
        second = data["second_line"]
        if second.get("kind") == "ombudsman":
            second = {**NATIONALE_OMBUDSMAN, **second}
        _one_of("second_line kind", second["kind"], SECOND_LINE_KINDS)
        options = _options("second_line.options", second.get("options"), ())
        if second["kind"] == "commissioning_party" and not options:
            raise ValueError("a commissioning_party second line lists its options "
                             "(e.g. employer, municipality, UWV): one is chosen per complaint")
        handling = data.get("handling", {})
        unknown = set(handling) - {"handler", "about_coordinator", "decline_also_inform",
                                   "names_handler"}
        if unknown:
            raise ValueError(f"unknown handling key(s): {sorted(unknown)}")
        handler = handling.get("handler", "not_involved")
        _one_of("handling.handler", handler, HANDLER_KINDS)
        units, managers = _units(intake.get("units", ()))
        fields = _intake_fields(intake.get("fields", {}), reply_by)
        languages = tuple(intake.get("languages", ()))
        if not all(isinstance(code, str) and re.fullmatch(r"[a-z]{2,3}", code)
                   for code in languages):
            raise ValueError(f"intake.languages lists language codes like nl; got {languages!r}")
        logo = org.get("logo", "")
        if logo and not (isinstance(logo, str) and LOGO_DIGEST.match(logo)):
            raise ValueError("organisation.logo is the SHA-256 of a stored logo (64 hex digits)")
        return cls(
            name=org["name"], short_name=org.get("short_name", org["name"]),
            kind=kind, website=org.get("website", ""),
            objection_url=org.get("objection_url", ""), privacy_url=org.get("privacy_url", ""),
            channels=channels,
            procedure=Procedure.from_dict(data.get("procedure", {})),
            second_line=SecondLine(kind=second["kind"], name=second["name"],
                                   address=tuple(second.get("address", ())),
                                   phone=second.get("phone", ""), email=second.get("email", ""),
                                   url=second.get("url", ""), options=options),
            on_behalf=intake.get("on_behalf", True),
            reply_by=reply_by,
            units=units, unit_managers=managers, intake_fields=fields, languages=languages,
            logo=logo,
            categories=tuple(register.get("categories", ())),
            municipalities=tuple(register.get("municipalities", ())),
            outcomes=_options("outcomes", data.get("outcomes"), DEFAULT_OUTCOMES),
            decline_grounds=_options("decline_grounds", data.get("decline_grounds"),
                                     AWB_DECLINE_GROUNDS),
            handling=Handling(handler=handler,
                              about_coordinator=handling.get("about_coordinator", ""),
                              decline_also_inform=tuple(handling.get("decline_also_inform", ())),
                              names_handler=bool(handling.get("names_handler", False))),
            accent_colour=check_accent(org["accent_colour"]) if org.get("accent_colour") else "",
            retention_months=_retention(register.get("retention_months",
                                                     DEFAULT_RETENTION_MONTHS)),
            raw=data,
        )


def _retention(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1200:
        raise ValueError(f"register.retention_months is a whole number of months from 1 to 1200; "
                         f"got {value!r}")
    return value


def _units(items) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """intake.units: names, or tables {name, manager} (the manager's staff e-mail)."""
    names, managers = [], []
    for item in items:
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not str(item.get("name", "")).strip():
            raise ValueError(f"each of intake.units is a name, or a table with a name; "
                             f"got {item!r}")
        unknown = set(item) - {"name", "manager"}
        if unknown:
            raise ValueError(f"unknown key(s) in intake.units: {sorted(unknown)}")
        name = str(item["name"]).strip()
        if name in names:
            raise ValueError(f"intake.units has {name!r} more than once")
        names.append(name)
        if item.get("manager"):
            managers.append((name, str(item["manager"]).strip().lower()))
    return tuple(names), tuple(managers)


def _intake_fields(states, reply_by: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    if not isinstance(states, dict):
        raise ValueError('intake.fields is a table: question = "required", "optional" or "off"')
    unknown = set(states) - set(INTAKE_FIELDS)
    if unknown:
        raise ValueError(f"unknown question(s) in intake.fields: {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(INTAKE_FIELDS)}")
    merged = {**DEFAULT_FIELD_STATES, **states}
    for name, state in merged.items():
        _one_of(f"intake.fields.{name}", state, FIELD_STATES)
        if name in NEVER_REQUIRED and state == "required":
            raise ValueError(f"intake.fields.{name} cannot be required: nobody needs one "
                             f"to complain")
    for option in reply_by:
        if merged[REPLY_NEEDS[option]] == "off":
            raise ValueError(f"intake.reply_by offers {option}, so intake.fields."
                             f"{REPLY_NEEDS[option]} cannot be off")
    return tuple(merged.items())


def _one_of(what: str, value, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}; got {value!r}")


def _options(what: str, items, default: tuple[Option, ...]) -> tuple[Option, ...]:
    """A list of {key, label[, article]} tables; missing means `default`."""
    if items is None:
        return default
    options = []
    for item in items:
        if not isinstance(item, dict) or not item.get("key") or not item.get("label"):
            raise ValueError(f"each of {what} has a key and a label; got {item!r}")
        unknown = set(item) - {"key", "label", "article"}
        if unknown:
            raise ValueError(f"unknown key(s) in {what}: {sorted(unknown)}")
        options.append(Option(str(item["key"]), str(item["label"]), str(item.get("article", ""))))
    keys = [o.key for o in options]
    doubles = sorted({k for k in keys if keys.count(k) > 1})
    if doubles:
        raise ValueError(f"{what} has the key(s) {', '.join(doubles)} more than once")
    if not options:
        raise ValueError(f"{what} is empty; leave it out to get the default")
    return tuple(options)


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESETS_DIR.glob("*.toml"))


def load_preset(name: str) -> dict:
    """The preset as a fresh dict (callers may change it)."""
    return copy.deepcopy(_read_preset(name))


@functools.lru_cache(maxsize=None)
def _read_preset(name: str) -> dict:
    # Shipped with the code, so read once per process.
    path = PRESETS_DIR / f"{name}.toml"
    if not path.is_file():
        raise KeyError(f"no preset {name!r}; known: {', '.join(preset_names())}")
    with path.open("rb") as fh:
        return tomllib.load(fh)


def json_ready(data):
    """`data` (a preset as read from TOML) with dates as ISO strings, so it can be stored as JSON
    and read back by Organisation.from_dict."""
    if isinstance(data, dict):
        return {key: json_ready(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [json_ready(value) for value in data]
    if isinstance(data, (date, datetime, time)):
        return data.isoformat()
    return data
