"""The organisation's choice of questions (settings, `[intake.fields]`) applied to the
resident's complaint form: a question not asked leaves the form (its field becomes None, as
the team question does when there are no teams), a required one gets a required check and
loses "(optional)" from its label. The printable form reads the same states (org.field_state)."""
from flask_babel import lazy_gettext as _l
from wtforms.validators import DataRequired, Optional

# Each configurable question and the fields of the form that ask it.
QUESTION_FIELDS = {
    "address": ("street", "postcode", "city"),
    "phone": ("phone",),
    "email": ("email",),
    "event_date": ("event_date",),
    "event_time": ("event_time",),
    "unit": ("unit",),
    "employee_name": ("employee_name",),
    "desired_outcome": ("desired_outcome",),
    "client_number": ("client_number",),
}
# The label when the question is required, and the message when it is left empty.
REQUIRED = {
    "street": (_l("Street and house number"), _l("Enter the street and house number")),
    "postcode": (_l("Postcode"), _l("Enter the postcode")),
    "city": (_l("Town"), _l("Enter the town")),
    "phone": (_l("Phone number"), _l("Enter a phone number")),
    "email": (_l("E-mail address"), _l("Enter an e-mail address")),
    "event_date": (_l("Date it happened"), _l("Enter the date it happened")),
    "event_time": (_l("Time"), _l("Enter the time")),
    "unit": (_l("Which team or department is it about?"), _l("Choose the team or department")),
    "employee_name": (_l("Name of the employee"), _l("Enter the name of the employee")),
    "desired_outcome": (_l("What would you like us to do?"),
                        _l("Tell us what you would like us to do")),
}
# The date is required unless the organisation says otherwise; optional, it says so.
OPTIONAL_LABELS = {"event_date": _l("Date it happened (optional)")}


def apply(form, org) -> None:
    """Remove the questions `org` does not ask from `form`; make the required ones required."""
    for question, names in QUESTION_FIELDS.items():
        state = org.field_state(question)
        for name in names:
            field = getattr(form, name, None)
            if field is None:
                continue
            if state == "off":
                delattr(form, name)
            elif state == "required" and name in REQUIRED:
                label, message = REQUIRED[name]
                field.label.text = label
                field.validators = [DataRequired(message),
                                    *(v for v in field.validators
                                      if not isinstance(v, (DataRequired, Optional)))]
                field.flags.required = True
            elif state == "optional":
                field.validators = [v for v in field.validators
                                    if not isinstance(v, DataRequired)]
                if name in OPTIONAL_LABELS:
                    field.label.text = OPTIONAL_LABELS[name]
