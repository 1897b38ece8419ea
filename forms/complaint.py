"""The resident's complaint: who files it, then one page with clear sections."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, MultipleFileField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from forms import intake_questions
from forms.base import PublicForm, text
from forms.validators import clock_time, email_address, past_date, phone_number, reply_route_gap

NAME = Length(max=200, message=_l("Use at most %(max)d characters"))
SHORT = Length(max=40, message=_l("Use at most %(max)d characters"))
LONG = Length(max=10_000, message=_l("Use at most %(max)d characters"))

REPLY_GAP_MESSAGES = {
    "email": _l("You chose an answer by e-mail: enter an e-mail address"),
    "phone": _l("You chose an answer by phone: enter a phone number"),
    "letter": _l("You chose an answer by letter: enter the street, postcode and town"),
}
REPLY_LABELS = {"letter": _l("By letter"), "email": _l("By e-mail"), "phone": _l("By phone")}
# Fields of the form that are no answers: the files (stored as they come, views/public.py), the
# honeypot and the signed time the form was shown (klachtenloket/web/spam_guard.py).
NOT_ANSWERS = ("csrf_token", "attachment", "website", "started")


def files_hint() -> str:
    config = current_app.config
    return str(_l("For example a letter or a photo. PDF, JPG, PNG, HEIC or Word (DOCX), at most "
                  "%(file)d MB a file and %(total)d MB together.",
                  file=config["ATTACHMENT_MAX_FILE"] // (1024 * 1024),
                  total=config["ATTACHMENT_MAX_TOTAL"] // (1024 * 1024)))


class WhoForm(PublicForm):
    filed_by = RadioField(
        _l("Who is the complaint for?"),
        choices=[SelectChoice("self", _l("For myself")),
                 SelectChoice("representative", _l("For someone else (with their permission)"))],
        validators=[InputRequired(_l("Choose who the complaint is for"))])


class SendForm(PublicForm):
    """The check-answers page's button: only its CSRF token is checked."""


class ComplaintForm(PublicForm):
    # Only asked when filing for someone else (see for_representative).
    representative_name = text(_l("Your name"), NAME)
    representative_relation = text(_l("How do you know this person?"), NAME,
                                   description=_l("For example: neighbour, volunteer, daughter"))
    representative_phone = text(_l("Your phone number (optional)"), phone_number, SHORT)
    representative_email = text(_l("Your e-mail address (optional)"), email_address,
                                Length(max=254))
    consent = BooleanField(_l("The person I file for agrees with this complaint and with "
                              "sharing their details for it"))

    name = text(_l("Name"), DataRequired(_l("Enter the name")), NAME)
    street = text(_l("Street and house number (optional)"), NAME)
    postcode = text(_l("Postcode (optional)"), Length(max=10, message=_l("Use at most %(max)d characters")))
    city = text(_l("Town (optional)"), Length(max=100, message=_l("Use at most %(max)d characters")))
    phone = text(_l("Phone number (optional)"), phone_number, SHORT)
    email = text(_l("E-mail address (optional)"), email_address, Length(max=254))
    reply_by = RadioField(_l("How do you want to get our answer?"),
                          validators=[InputRequired(_l("Choose how you want to get our answer"))])

    description = text(_l("What happened?"), DataRequired(_l("Describe what happened")), LONG,
                       area=True,
                       description=_l("Tell us what happened and why you are not happy about it."))
    event_date = text(_l("Date it happened"), DataRequired(_l("Enter the date it happened")),
                      past_date,
                      description=_l("For example: 20-11-2026. Not sure of the exact day? Give the "
                                     "date you think it was."))
    event_time = text(_l("Time (optional)"), clock_time, description=_l("For example: 14:30"))
    unit = SelectField(_l("Which team or department is it about? (optional)"), validators=[Optional()])
    employee_name = text(_l("Name of the employee, if you know it (optional)"), NAME)
    desired_outcome = text(_l("What would you like us to do? (optional)"), LONG, area=True,
                           description=_l("For example: an apology, an explanation, or that "
                                          "something changes."))
    client_number = text(_l("Client number (optional)"), SHORT,
                         description=_l("You do not need a client number to complain."))
    attachment = MultipleFileField(_l("Add files (optional)"))
    website = StringField(_l("Leave this field empty"))
    started = HiddenField()

    def __init__(self, *args, org, filed_by: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.filed_by = filed_by
        self.attachment.description = files_hint()
        self.reply_by.choices = [SelectChoice(k, REPLY_LABELS[k]) for k in org.reply_by]
        self.unit.choices = [SelectChoice("", _l("I don't know"))] + [SelectChoice(u, u) for u in org.units]
        if not org.units:
            del self.unit
        if filed_by != "representative":
            for name in ("representative_name", "representative_relation",
                         "representative_phone", "representative_email", "consent"):
                delattr(self, name)
        intake_questions.apply(self, org)   # the questions the organisation asks (settings)

    @property
    def for_representative(self) -> bool:
        return self.filed_by == "representative"

    def validate_representative_name(self, field):
        if not field.data:
            raise ValidationError(_l("Enter your own name"))

    def validate_consent(self, field):
        if not field.data:
            raise ValidationError(_l("You can only file for someone who agrees. Tick the box "
                                     "to confirm they agree."))

    def validate_reply_by(self, field):
        gap = reply_route_gap(self)
        if gap:
            raise ValidationError(REPLY_GAP_MESSAGES[gap])

    def answer_fields(self) -> list:
        return [f for f in self if f.name not in NOT_ANSWERS]

    def draft_data(self) -> dict:
        return {f.name: f.data for f in self.answer_fields()}
