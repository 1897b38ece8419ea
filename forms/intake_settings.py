"""The administrator's forms for the intake (issue 5): which questions the resident's form asks
and which it requires, filing for someone else, the ways to answer and the languages offered;
and the manager responsible for each team or department."""
from flask import current_app
from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import BooleanField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from forms.settings import SettingsForm
from klachtenloket.domain.organisation import (DEFAULT_FIELD_STATES, INTAKE_FIELDS,
                                               NEVER_REQUIRED, REPLY_NEEDS, REPLY_OPTIONS)
from klachtenloket.web.i18n import LANGUAGE_NAMES

QUESTIONS = {
    "address": _l("Street, postcode and town"),
    "phone": _l("Phone number"),
    "email": _l("E-mail address"),
    "event_date": _l("Date it happened"),
    "event_time": _l("Time it happened"),
    "unit": _l("Team or department it is about"),
    "employee_name": _l("Name of the employee"),
    "desired_outcome": _l("What the complainant would like"),
    "client_number": _l("Client number"),
}
STATE_LABELS = {"required": _l("Asked, required"), "optional": _l("Asked, optional"),
                "off": _l("Not asked")}
REPLY_LABELS = {"letter": _l("By letter"), "email": _l("By e-mail"), "phone": _l("By phone")}


def app_languages() -> tuple[str, ...]:
    """Every language the app has (config LANGUAGES), read when asked: the list can grow."""
    return tuple(current_app.config["LANGUAGES"])


class IntakeForm(SettingsForm):
    """Fields <question>_state, reply_<option> and language_<code> are added per request
    (make_intake_form), as the app's languages are only known then."""
    on_behalf = BooleanField(_l("People can file a complaint for someone else"))

    def field_states(self) -> dict:
        return {name: getattr(self, f"{name}_state").data for name in INTAKE_FIELDS}

    def reply_by(self) -> list[str]:
        return [option for option in REPLY_OPTIONS if getattr(self, f"reply_{option}").data]

    def languages(self) -> list[str]:
        return [code for code in self.language_codes if getattr(self, f"language_{code}").data]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        states, reply_by = self.field_states(), self.reply_by()
        if not reply_by:
            self.reply_letter.errors = [*self.reply_letter.errors,
                                        _("Choose at least one way to answer")]
            valid = False
        for option in reply_by:
            question = REPLY_NEEDS[option]
            field = getattr(self, f"{question}_state")
            if states[question] == "off":
                field.errors = [*field.errors, _(
                    "You offer an answer “%(answer)s”, so this question must be asked. Ask "
                    "it, or stop offering that answer.", answer=str(REPLY_LABELS[option]).lower())]
                valid = False
        if not self.languages():
            first = getattr(self, f"language_{self.language_codes[0]}")
            first.errors = [*first.errors, _("Choose at least one language")]
            valid = False
        return valid

    def intake_data(self, intake: dict) -> dict:
        """`intake` (the section as stored) with this form's choices; units stay as they are."""
        defaults = {k: v for k, v in self.field_states().items() if DEFAULT_FIELD_STATES[k] != v}
        data = {**intake, "on_behalf": bool(self.on_behalf.data), "reply_by": self.reply_by(),
                "fields": defaults}
        languages = self.languages()
        if set(languages) == set(self.language_codes):
            data.pop("languages", None)     # every language, also one the app gets later
        else:
            data["languages"] = languages
        if not defaults:
            data.pop("fields")
        return data


def _never_required(form, field):
    if field.data == "required":
        raise ValidationError(_l("A client number is never required: nobody needs one to "
                                 "complain."))


def make_intake_form(org, **kwargs) -> IntakeForm:
    """The intake form for the app's languages, filled from `org` (the form sent, if any)."""
    languages = app_languages()

    class Form(IntakeForm):
        language_codes = languages

    for name in INTAKE_FIELDS:
        choices = [SelectChoice(state, STATE_LABELS[state]) for state in STATE_LABELS]
        validators = [_never_required] if name in NEVER_REQUIRED else []
        if name in NEVER_REQUIRED:
            # Offered anyway, so a tampered form is refused in words rather than ignored.
            choices = choices[1:]
        setattr(Form, f"{name}_state", SelectField(QUESTIONS[name], choices=choices,
                                                   validators=validators,
                                                   validate_choice=name not in NEVER_REQUIRED))
    for option in REPLY_OPTIONS:
        setattr(Form, f"reply_{option}", BooleanField(REPLY_LABELS[option]))
    for code in languages:
        setattr(Form, f"language_{code}", BooleanField(LANGUAGE_NAMES.get(code, code)))
    offered = set(org.languages) or set(languages)
    data = {f"{name}_state": org.field_state(name) for name in INTAKE_FIELDS}
    data.update({f"reply_{option}": option in org.reply_by for option in REPLY_OPTIONS})
    data.update({f"language_{code}": code in offered for code in languages})
    data["on_behalf"] = org.on_behalf
    return Form(data=data, **kwargs)


# --- the manager of each team or department ---------------------------------------------------

NO_MANAGER = ""


class UnitManagersForm(SettingsForm):
    """One select per unit (unit_<n>), added per request by make_unit_managers_form."""
    units: tuple[str, ...] = ()

    def managers(self) -> dict[str, str]:
        return {unit: getattr(self, f"unit_{n}").data for n, unit in enumerate(self.units)
                if getattr(self, f"unit_{n}").data}

    def units_data(self) -> list:
        """intake.units as stored: a plain name, or a table with its manager's e-mail."""
        managers = self.managers()
        return [{"name": unit, "manager": managers[unit]} if unit in managers else unit
                for unit in self.units]


def make_unit_managers_form(org, candidates, **kwargs) -> UnitManagersForm:
    """`candidates`: the staff who may manage a unit (active readers and coordinators), as
    (e-mail, name). A manager chosen before who is no longer one of them stays in the list, and
    is refused on save with the reason."""
    allowed = {email for email, _name in candidates}

    def may_manage(form, field):
        if field.data and field.data not in allowed:
            raise ValidationError(_l("This person is not an active reader or coordinator. "
                                     "Choose someone else, or no manager."))

    class Form(UnitManagersForm):
        units = org.units

    for n, unit in enumerate(org.units):
        choices = [SelectChoice(NO_MANAGER, _l("No manager"))] + [
            SelectChoice(email, f"{name} ({email})") for email, name in candidates]
        current = org.manager_of(unit)
        if current and current not in allowed:
            choices.append(SelectChoice(current, current))
        setattr(Form, f"unit_{n}", SelectField(unit, choices=choices, validators=[may_manage],
                                               validate_choice=False))
    data = {f"unit_{n}": org.manager_of(unit) for n, unit in enumerate(org.units)}
    return Form(data=data, **kwargs)
