"""The organisation's own procedure and channels, as data (presets are TOML files)."""
from __future__ import annotations

import copy
import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from klachtenloket.domain.terms import Procedure

PRESETS_DIR = Path(__file__).resolve().parent / "presets"
CHANNELS = ("web", "phone", "letter", "email", "desk")
REPLY_OPTIONS = ("letter", "email", "phone")


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
class SecondLine:
    kind: str                        # ombudsman | committee | commissioning_party
    name: str
    address: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    url: str = ""


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
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    def channel(self, kind: str) -> Channel | None:
        return next((c for c in self.channels if c.kind == kind), None)

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
        second = data["second_line"]
        return cls(
            name=org["name"], short_name=org.get("short_name", org["name"]),
            kind=org.get("kind", "public"), website=org.get("website", ""),
            objection_url=org.get("objection_url", ""), privacy_url=org.get("privacy_url", ""),
            channels=channels,
            procedure=Procedure.from_dict(data.get("procedure", {})),
            second_line=SecondLine(kind=second["kind"], name=second["name"],
                                   address=tuple(second.get("address", ())),
                                   phone=second.get("phone", ""), email=second.get("email", ""),
                                   url=second.get("url", "")),
            on_behalf=intake.get("on_behalf", True),
            reply_by=tuple(intake.get("reply_by", REPLY_OPTIONS)),
            units=tuple(intake.get("units", ())),
            categories=tuple(register.get("categories", ())),
            municipalities=tuple(register.get("municipalities", ())),
            raw=data,
        )


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
