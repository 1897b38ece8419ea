"""The administrator's forms for how people reach the organisation (issue 5): the logo, the
contact channels with their hours, and the second line. Each gives its part of the
configuration back as plain data, as a preset writes it; the view stores the whole."""
import re

from flask_babel import get_locale, gettext as _, lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from forms.base import text
from forms.settings import LINE, SettingsForm, URL, keyed_options, keyed_text, lines, web_address
from forms.validators import email_address, phone_number
from klachtenloket.domain.organisation import CHANNELS, SECOND_LINE_KINDS
from klachtenloket.services import logos
from klachtenloket.web.labels import CHANNELS as CHANNEL_LABELS

SHORT = Length(max=100, message=_l("Use at most %(max)d characters"))


# --- the logo ---------------------------------------------------------------------------------

LOGO_REFUSALS = {
    "empty": _l("Choose an image file to upload"),
    "too_large": _l("The file is larger than %(max)d KB. Make it smaller and try again."),
    "not_an_image": _l("This is not a PNG or JPEG image we can read. Save the logo as PNG or "
                       "JPEG and try again."),
    "too_wide": _l("The image is %(width)d by %(height)d pixels. It can be at most %(max)d "
                   "pixels wide and high."),
    "too_small": _l("The image is %(width)d by %(height)d pixels. It must be at least %(min)d "
                    "pixels wide and high."),
}


class LogoForm(SettingsForm):
    logo = FileField(_l("Logo"), description=_l("A PNG or JPEG file of at most 500 KB and at "
                                                "most 2000 by 2000 pixels. It is shown at the "
                                                "top of every page."))

    # Set by validate_logo: the image as checked.
    checked = None

    def validate_logo(self, field):
        upload = field.data
        data = upload.read(logos.MAX_BYTES + 1) if upload and hasattr(upload, "read") else b""
        try:
            self.checked = logos.check(data)
        except logos.LogoError as exc:
            raise ValidationError(str(LOGO_REFUSALS[exc.reason]) % {
                "max": logos.MAX_SIDE if exc.reason == "too_wide" else logos.MAX_BYTES // 1024,
                "min": logos.MIN_SIDE, **exc.values}) from None


class RemoveLogoForm(SettingsForm):
    """"Remove the logo": only the token."""


# --- contact channels -------------------------------------------------------------------------

# Day keys as stored (mon … sun), and the Dutch abbreviations people may type instead.
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DUTCH_DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
HOURS_LINE = re.compile(r"^([a-z]{2,3})(?:\s*-\s*([a-z]{2,3}))?\s+"
                        r"(\d{1,2})[:.](\d{2})\s*-\s*(\d{1,2})[:.](\d{2})$")


def _day_key(word: str) -> str | None:
    if word in DAYS:
        return word
    if word in DUTCH_DAYS:
        return DAYS[DUTCH_DAYS.index(word)]
    return None


def parse_hours_line(line: str) -> dict | None:
    """"mon-fri 08:30-12:30" (or "ma-vr 8.30-12.30") as {days, opens, closes}, or None."""
    match = HOURS_LINE.match(line.strip().lower())
    if not match:
        return None
    first, last = _day_key(match[1]), _day_key(match[2]) if match[2] else None
    if first is None or (match[2] and last is None):
        return None
    opens, closes = (int(match[3]), int(match[4])), (int(match[5]), int(match[6]))
    if not all(h < 24 and m < 60 for h, m in (opens, closes)) or opens >= closes:
        return None
    if last is not None and DAYS.index(last) <= DAYS.index(first):
        return None
    return {"days": f"{first}-{last}" if last else first,
            "opens": "%02d:%02d" % opens, "closes": "%02d:%02d" % closes}


def hours_lines(hours) -> str:
    """Stored hours as the form shows them, with Dutch day names on a Dutch page."""
    dutch = str(get_locale() or "nl") == "nl"

    def day(key):
        return DUTCH_DAYS[DAYS.index(key)] if dutch else key
    result = []
    for h in hours:
        first, _sep, last = h["days"].partition("-")
        days = f"{day(first)}-{day(last)}" if last else day(first)
        result.append(f"{days} {h['opens']}-{h['closes']}")
    return "\n".join(result)


def _check_hours(form, field):
    bad = [line for line in lines(field.data) if parse_hours_line(line) is None]
    if bad:
        raise ValidationError(_("“%(line)s” is not a day and times we can read. Write each line "
                                "like: ma-vr 08:30-12:30", line=bad[0][:40]))


class ChannelForm(SettingsForm):
    kind = SelectField(_l("Kind of channel"),
                       choices=[SelectChoice(k, CHANNEL_LABELS[k]) for k in CHANNELS])
    value = text(_l("Phone number or e-mail address"), SHORT,
                 description=_l("For a phone: the number. For e-mail: the address. Leave empty "
                                "for a letter, a desk or the web form."))
    addressee = text(_l("Addressed to (optional)"), LINE,
                     description=_l("For a letter: the name on the envelope."))
    address = text(_l("Address (optional)"), area=True,
                   description=_l("For a letter or a desk. One line per line of the address."))
    hours = text(_l("Opening hours (optional)"), _check_hours, area=True,
                 description=_l("One line per period, like: ma-vr 08:30-12:30. Days: ma, di, "
                                "wo, do, vr, za, zo."))
    callback = BooleanField(_l("Outside these hours, we take a request to call back"))

    def validate_value(self, field):
        kind = self.kind.data
        if kind == "phone":
            if not field.data:
                raise ValidationError(_l("Enter the phone number"))
            phone_number(self, field)
        elif kind == "email":
            email_address(self, field)

    def validate_address(self, field):
        if self.kind.data == "letter" and not lines(field.data):
            raise ValidationError(_l("Enter the postal address"))
        if any(len(line) > 200 for line in lines(field.data)):
            raise ValidationError(_l("A line can have at most 200 characters"))

    def validate_callback(self, field):
        if field.data and self.kind.data != "phone":
            raise ValidationError(_l("Only a phone channel can take requests to call back"))

    @staticmethod
    def initial(channel: dict) -> dict:
        return {"kind": channel.get("kind", "phone"), "value": channel.get("value", ""),
                "addressee": channel.get("addressee", ""),
                "address": "\n".join(channel.get("address", ())),
                "hours": hours_lines(channel.get("hours", ())),
                "callback": bool(channel.get("callback", False))}

    def channel_data(self) -> dict:
        kind = self.kind.data
        data = {"kind": kind}
        if kind in ("phone", "email") and self.value.data:
            data["value"] = self.value.data
        if self.addressee.data:
            data["addressee"] = self.addressee.data
        if lines(self.address.data):
            data["address"] = lines(self.address.data)
        hours = [parse_hours_line(line) for line in lines(self.hours.data)]
        if hours:
            data["hours"] = hours
        if kind == "phone" and self.callback.data:
            data["callback"] = True
        return data


class RemoveChannelForm(SettingsForm):
    """"Remove this channel": only the token."""


# --- the second line --------------------------------------------------------------------------

SECOND_LINE_LABELS = {
    "ombudsman": _l("The Nationale ombudsman"),
    "committee": _l("A complaints committee"),
    "commissioning_party": _l("The commissioning party, chosen per complaint"),
}


class SecondLineForm(SettingsForm):
    kind = RadioField(_l("Where can a complainant go after our answer?"),
                      choices=[SelectChoice(k, SECOND_LINE_LABELS[k]) for k in SECOND_LINE_KINDS],
                      validators=[DataRequired(_l("Choose where a complainant can go"))])
    name = text(_l("Name"), DataRequired(_l("Enter the name")), LINE,
                description=_l("Like “Nationale ombudsman” or “Klachtencommissie WIJ”."))
    address = text(_l("Address (optional)"), area=True, description=_l("One line per line of the "
                                                                       "address."))
    phone = text(_l("Phone number (optional)"), phone_number, SHORT)
    email = text(_l("E-mail address (optional)"), email_address, Length(max=254))
    url = text(_l("Website (optional)"), web_address, URL,
               description=_l("For example: https://www.example.nl"))
    options = text(_l("The commissioning parties to choose from"), area=True,
                   description=_l("Only for “the commissioning party”. One per line, as “key: "
                                  "label”, like “uwv: UWV”. Staff choose one per complaint."))

    def validate_address(self, field):
        if any(len(line) > 200 for line in lines(field.data)):
            raise ValidationError(_l("A line can have at most 200 characters"))

    def validate_options(self, field):
        if self.kind.data == "commissioning_party" and not lines(field.data):
            raise ValidationError(_l("Give at least one commissioning party, one per line"))
        options = keyed_options(field.data, {})
        keys = [o["key"] for o in options]
        doubles = sorted({k for k in keys if keys.count(k) > 1})
        if doubles:
            raise ValidationError(_("This is in the list more than once: %(items)s",
                                    items=", ".join(f"“{d}”" for d in doubles)))
        if any(len(o["label"]) > 200 for o in options):
            raise ValidationError(_l("A line can have at most 200 characters"))

    @staticmethod
    def initial(second: dict) -> dict:
        return {"kind": second.get("kind", "ombudsman"), "name": second.get("name", ""),
                "address": "\n".join(second.get("address", ())),
                "phone": second.get("phone", ""), "email": second.get("email", ""),
                "url": second.get("url", ""), "options": keyed_text(second.get("options", ()))}

    def second_line_data(self, existing: dict) -> dict:
        data = {"kind": self.kind.data, "name": self.name.data}
        for key in ("phone", "email", "url"):
            if getattr(self, key).data:
                data[key] = getattr(self, key).data
        if lines(self.address.data):
            data["address"] = lines(self.address.data)
        if self.kind.data == "commissioning_party":
            old = {o["key"]: o for o in existing.get("options", ()) if isinstance(o, dict)}
            data["options"] = keyed_options(self.options.data, old)
        return data
