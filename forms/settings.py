"""The administrator's settings pages: each form edits one part of the organisation's
configuration (a dict, as in presets/*.toml) and gives that part back as plain data; the view
puts it into the whole configuration and stores it through services/configuration.save."""
import re
import unicodedata
from datetime import date

from flask_babel import format_decimal, gettext as _, lazy_gettext as _l, ngettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from forms.base import error_summary, text
from forms.validators import parse_date
from klachtenloket.domain.colours import AA_NORMAL_TEXT, contrast_ratio, parse_hex
from klachtenloket.domain.terms import CHANNELS, Procedure, Term
from klachtenloket.web.labels import CHANNELS as CHANNEL_LABELS

OFF = "off"
MAX_AMOUNT = 365
UNIT_CHOICES = (("weeks", _l("weeks")), ("working_days", _l("working days")),
                ("days", _l("calendar days")), (OFF, _l("no term")))

# (key in the form, its label, its hint). first_contact_<channel> is the first contact for a
# complaint that came in by that channel.
TERMS = (
    ("acknowledgement", _l("Confirmation of receipt"),
     _l("Awb 9:6. 0 calendar days means: on the day of receipt.")),
    *((f"first_contact_{channel}", CHANNEL_LABELS[channel], None) for channel in CHANNELS),
    ("callback", _l("Calling back"), _l("Counts from the day someone asks to be called back.")),
    ("decline_notice", _l("Notice of declining"),
     _l("Awb 9:8: tell the complainant within 4 weeks that the complaint is not handled.")),
    ("decision", _l("Decision"), _l("Awb 9:11: 6 weeks after receipt.")),
    ("extension", _l("Extension of the decision"),
     _l("Awb 9:11: once, by at most 4 weeks. It is added to the decision term.")),
)
TERM_KEYS = tuple(key for key, _label, _hint in TERMS)
STALE = _l("This page was open for a long time. Check your changes and save them again.")
LINE = Length(max=200, message=_l("Use at most %(max)d characters"))


class SettingsForm(FlaskForm):
    """A settings form: an expired token and a refusal by the domain show in the summary."""

    # Set by the view when the configuration as a whole is refused (the domain's reason).
    refused = None

    def error_summary(self) -> list[tuple[str, str]]:
        summary = error_summary(self, STALE)
        if self.refused:
            summary.insert(0, ("", str(self.refused)))
        return summary


# --- terms ------------------------------------------------------------------------------------

def _check_amount(form, field):
    unit = getattr(form, field.name.removesuffix("_amount") + "_unit").data
    if unit == OFF:
        return
    if not field.data:
        raise ValidationError(_l("Enter a number, or choose “no term”"))
    if not field.data.isdigit():
        raise ValidationError(_l("Enter a whole number, like 6"))
    if int(field.data) > MAX_AMOUNT:
        raise ValidationError(_l("Enter a number from 0 to %(max)d", max=MAX_AMOUNT))


def closed_day_lines(text_: str) -> tuple[list[date], list[tuple[int, str]]]:
    """The dates on each line (dd-mm-yyyy or yyyy-mm-dd), and the (number, text) of each line
    that is not a date. Empty lines do not count."""
    days, bad = [], []
    for number, line in enumerate((text_ or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        parsed = parse_date(line)
        if parsed is None or parsed.year < 1900:
            bad.append((number, line))
        else:
            days.append(parsed)
    return days, bad


def _check_closed_days(form, field):
    _days, bad = closed_day_lines(field.data)
    if bad:
        lines = ", ".join(f"{number} (“{line[:30]}”)" for number, line in bad)
        raise ValidationError(ngettext(
            "Line %(lines)s is not a date. Write each date like 31-12-2026.",
            "Lines %(lines)s are not dates. Write each date like 31-12-2026.",
            len(bad), lines=lines))


class TermsForm(SettingsForm):
    """Every term as a number and a unit (or no term), closed days and the Atw shift. The
    fields <key>_amount and <key>_unit are added below, one pair per TERMS entry."""

    def __init__(self, *args, procedure: dict | None = None, **kwargs):
        if procedure is not None and not kwargs.get("formdata") and "data" not in kwargs:
            kwargs["data"] = self.initial(procedure)
        super().__init__(*args, **kwargs)

    @staticmethod
    def initial(procedure: dict) -> dict:
        """The form's values for a procedure as stored (terms as text like "6 weeks")."""
        first = procedure.get("first_contact") or {}
        values = {}
        for key in TERM_KEYS:
            raw = (first.get(key.removeprefix("first_contact_")) if key.startswith("first_contact_")
                   else procedure.get(key))
            term = Term.parse(raw) if raw is not None else None
            values[f"{key}_amount"] = "" if term is None else str(term.amount)
            values[f"{key}_unit"] = OFF if term is None else term.unit
        values["closed_days"] = "\n".join(
            (day if isinstance(day, date) else date.fromisoformat(str(day))).strftime("%d-%m-%Y")
            for day in procedure.get("closed_days") or ())
        values["atw_shift"] = bool(procedure.get("atw_shift", True))
        return values

    def term(self, key: str) -> str | None:
        unit = getattr(self, f"{key}_unit").data
        return None if unit == OFF else f"{int(getattr(self, f'{key}_amount').data)} {unit}"

    def procedure_data(self) -> dict:
        """The procedure as plain data, as a preset writes it."""
        days, _bad = closed_day_lines(self.closed_days.data)
        first = {channel: self.term(f"first_contact_{channel}") for channel in CHANNELS}
        return {
            "acknowledgement": self.term("acknowledgement"),
            "first_contact": {k: v for k, v in first.items() if v is not None},
            "callback": self.term("callback"),
            "decline_notice": self.term("decline_notice"),
            "decision": self.term("decision"),
            "extension": self.term("extension"),
            "atw_shift": bool(self.atw_shift.data),
            "closed_days": sorted({day.isoformat() for day in days}),
        }

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        # The domain's own check, its reasons said at the field they are about.
        try:
            Procedure.from_dict(self.procedure_data())
        except ValueError as exc:
            reason = str(exc)
            if "needs a decision term" in reason:
                self.extension_unit.errors.append(_("An extension needs a decision term. Give "
                                                    "the decision a term, or choose “no term” "
                                                    "here."))
            elif "only add up with working days" in reason:
                self.extension_unit.errors.append(_("The extension is added to the decision "
                                                    "term, so count both in working days, or "
                                                    "both in weeks or calendar days."))
            else:
                self.refused = _("These terms cannot be used: %(reason)s", reason=reason)
            return False
        return True


for _key, _label, _hint in TERMS:
    setattr(TermsForm, f"{_key}_amount", text(_l("Number"), _check_amount,
                                              description=_hint))
    setattr(TermsForm, f"{_key}_unit", SelectField(
        _l("Counted in"), choices=[SelectChoice(v, label) for v, label in UNIT_CHOICES],
        default=OFF))
TermsForm.closed_days = text(
    _l("Days the organisation is closed"), _check_closed_days, area=True,
    description=_l("Besides public holidays. One date per line, like 31-12-2026. These days do "
                   "not count as working days."))
TermsForm.atw_shift = BooleanField(
    _l("When a term ends on a Saturday, Sunday or public holiday, it ends on the next working "
       "day (Algemene termijnenwet)"))
TermsForm.try_received = text(_l("Date received"), description=_l("For example: 20-02-2026"))
TermsForm.try_channel = SelectField(_l("How it came in"),
                                    choices=[SelectChoice(c, CHANNEL_LABELS[c]) for c in CHANNELS],
                                    default="web")
del _key, _label, _hint


def _check_try_received(form, field):
    """Only checked when the terms are tried out (the view sets `previewing`)."""
    if getattr(form, "previewing", False):
        parsed = parse_date(field.data)
        if parsed is None or not 1900 <= parsed.year <= 2100:
            raise ValidationError(_l("Enter the date like 20-02-2026"))


TermsForm.validate_try_received = _check_try_received


def term_label(key: str) -> str:
    return next(str(label) for k, label, _hint in TERMS if k == key)


# --- the deadline preview ---------------------------------------------------------------------

class PreviewForm(Form):
    """A GET form: no token, nothing is stored."""
    received = text(_l("Date received"), DataRequired(_l("Enter the date the complaint was "
                                                         "received")),
                    description=_l("For example: 20-02-2026"))
    channel = SelectField(_l("How it came in"),
                          choices=[SelectChoice(c, CHANNEL_LABELS[c]) for c in CHANNELS],
                          default="web")

    def validate_received(self, field):
        parsed = parse_date(field.data)
        if parsed is None or not 1900 <= parsed.year <= 2100:
            raise ValidationError(_l("Enter the date like 20-02-2026"))

    @property
    def received_date(self) -> date | None:
        return parse_date(self.received.data)

    def error_summary(self) -> list[tuple[str, str]]:
        return error_summary(self, "")


# --- the organisation -------------------------------------------------------------------------

def web_address(form, field):
    if field.data and not re.fullmatch(r"https?://[^\s/]+\.[^\s]+", field.data):
        raise ValidationError(_l("Enter a web address that starts with https://"))


def accent_colour(form, field):
    if not field.data:
        return
    colour = parse_hex(field.data)
    if colour is None:
        raise ValidationError(_l("Enter a colour like #1d4f91"))
    ratio = contrast_ratio(colour)
    if ratio < AA_NORMAL_TEXT:
        # Rounded down, so a ratio just below the bar never reads as enough.
        shown = int(ratio * 100) / 100
        raise ValidationError(_(
            "White text on this colour has a contrast of %(ratio)s:1. It needs at least "
            "%(minimum)s:1, so not everyone can read it. Choose a darker colour.",
            ratio=format_decimal(shown, format="0.00"),
            minimum=format_decimal(AA_NORMAL_TEXT, format="0.0")))


URL = Length(max=500, message=_l("Use at most %(max)d characters"))


class OrganisationForm(SettingsForm):
    name = text(_l("Name of the organisation"), DataRequired(_l("Enter the name of the "
                                                                "organisation")), LINE)
    short_name = text(_l("Short name"), DataRequired(_l("Enter a short name")),
                      Length(max=40, message=_l("Use at most %(max)d characters")),
                      description=_l("Used in page titles, like “WIL”."))
    website = text(_l("Website"), web_address, URL, description=_l("For example: "
                                                                     "https://www.example.nl"))
    objection_url = text(_l("Page about objections (bezwaar)"), web_address, URL,
                         description=_l("Where people read how to object to a decision."))
    privacy_url = text(_l("Privacy statement"), web_address, URL,
                       description=_l("The link at the bottom of every page."))
    accent_colour = text(_l("Accent colour (optional)"), accent_colour,
                         description=_l("The colour of the top of each page and of links, like "
                                        "#1d4f91. White text on it must be easy to read. Empty: "
                                        "the standard blue."))

    FIELDS = ("name", "short_name", "website", "objection_url", "privacy_url", "accent_colour")

    def organisation_data(self) -> dict:
        values = {name: getattr(self, name).data or "" for name in self.FIELDS}
        values["accent_colour"] = parse_hex(values["accent_colour"]) or ""
        return values


# --- lists ------------------------------------------------------------------------------------

def lines(text_: str) -> list[str]:
    return [line.strip() for line in (text_ or "").splitlines() if line.strip()]


def _no_doubles(items, name=lambda item: item):
    seen, doubles = set(), []
    for item in items:
        key = name(item).casefold()
        if key in seen and name(item) not in doubles:
            doubles.append(name(item))
        seen.add(key)
    if doubles:
        raise ValidationError(_("This is in the list more than once: %(items)s",
                                items=", ".join(f"“{d}”" for d in doubles)))


def _plain_list(form, field):
    items = lines(field.data)
    long = [item for item in items if len(item) > 100]
    if long:
        raise ValidationError(_("A line can have at most 100 characters: “%(line)s…”",
                                line=long[0][:30]))
    _no_doubles(items)


KEYED = re.compile(r"^([a-z0-9_]+)\s*:\s*(.+)$")


def make_key(label: str, taken: set[str]) -> str:
    """A stable key for a new label: "Te laat beantwoord" -> "te_laat_beantwoord"."""
    ascii_ = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "_", ascii_.lower()).strip("_")[:40] or "option"
    found, n = key, 2
    while found in taken:
        found, n = f"{key}_{n}", n + 1
    return found


def keyed_options(text_: str, existing: dict[str, dict]) -> list[dict]:
    """Lines "key: label" (or just "label": a key is made for it) as {key, label[, article]};
    an existing key keeps its article (e.g. "Awb 9:8(1)(a)")."""
    options, taken = [], set()
    for line in lines(text_):
        match = KEYED.match(line)
        key, label = (match[1], match[2].strip()) if match else (None, line)
        if key is None:
            key = make_key(label, taken | set(existing))
        taken.add(key)
        option = {"key": key, "label": label}
        if existing.get(key, {}).get("article"):
            option["article"] = existing[key]["article"]
        options.append(option)
    return options


def _keyed_list(form, field):
    if not lines(field.data):
        raise ValidationError(_l("Give at least one, one per line"))
    options = keyed_options(field.data, {})
    too_long = [o for o in options if len(o["label"]) > 300]
    if too_long:
        raise ValidationError(_("A line can have at most 300 characters: “%(line)s…”",
                                line=too_long[0]["label"][:30]))
    _no_doubles(options, name=lambda o: o["key"])


def keyed_text(options) -> str:
    return "\n".join(f"{o['key']}: {o['label']}" for o in options)


class ListsForm(SettingsForm):
    categories = text(_l("Categories"), _plain_list, area=True,
                      description=_l("What complaints are about, like “Bejegening”. One per "
                                     "line."))
    units = text(_l("Teams or departments"), _plain_list, area=True,
                 description=_l("One per line."))
    municipalities = text(_l("Municipalities"), _plain_list, area=True,
                          description=_l("Where complainants live. One per line."))
    outcomes = text(_l("Outcomes"), _keyed_list, area=True,
                    description=_l("One per line, as “key: label”. Keep the key of an outcome "
                                   "that is in use: the register counts by key. A line without "
                                   "a key gets a new one."))
    decline_grounds = text(_l("Grounds for declining"), _keyed_list, area=True,
                           description=_l("One per line, as “key: label”. Keep the key of a "
                                          "ground that is in use. A line without a key gets a "
                                          "new one."))
