"""Forms of the back office. They stay under the app's global CSRF check."""
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, HiddenField, PasswordField, RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from forms.base import error_summary, text
from forms.complaint import LONG, NAME, REPLY_LABELS, SHORT
from forms.validators import email_address, parse_date, past_date, phone_number, reply_route_gap
from klachtenloket.web.i18n import LANGUAGE_NAMES
from klachtenloket.services.register import ALL_STATES, NO_HANDLER, OVERDUE, STATES, THIS_WEEK
from klachtenloket.web import labels


class LoginForm(FlaskForm):
    email = text(_l("E-mail address"), DataRequired(_l("Enter your e-mail address")),
                 Length(max=254, message=_l("Use at most %(max)d characters")))
    # Never trimmed or filtered: a password is used exactly as typed.
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password"))])

    # Set by the view when the address and password do not match an active account: one
    # message for every reason, so the page does not tell which addresses exist.
    refused = None

    def error_summary(self) -> list[tuple[str, str]]:
        summary = error_summary(self, _l("This page was open for a long time. Log in again."))
        if self.refused:
            summary.insert(0, (self.email.id, str(self.refused)))
        return summary


class ComplaintFilter(Form):
    """The list's filters, read from the query string (a GET form: no token, nothing changes)."""
    q = text(_l("Search"), description=_l("Reference or name"))
    state = SelectField(_l("State"), default="")
    handler = SelectField(_l("Handler"), default="")
    unit = SelectField(_l("Team or department"), default="")
    channel = SelectField(_l("Channel"), default="")
    due = SelectField(_l("Deadline"), default="")

    def __init__(self, *args, handlers=(), units=(), with_handler=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.state.choices = [("", _l("Open complaints")), (ALL_STATES, _l("All states"))] + [
            (state, labels.STATES.get(state, state)) for state in STATES]
        self.handler.choices = [("", _l("Every handler")), (NO_HANDLER, _l("Not assigned"))] + [
            (str(member.id), member.name) for member in handlers]
        self.unit.choices = [("", _l("Every team"))] + [(u, u) for u in units]
        self.channel.choices = [("", _l("Every channel"))] + list(labels.CHANNELS.items())
        self.due.choices = [("", _l("Any deadline")), (OVERDUE, _l("Overdue only")),
                            (THIS_WEEK, _l("Due within 7 days"))]
        if not with_handler:
            del self.handler
        if not units:
            del self.unit


STAFF_CHANNEL_LABELS = {"phone": _l("Phone"), "letter": _l("Letter"), "email": _l("E-mail"),
                        "desk": _l("At the desk")}
# Staff wording of forms.complaint.REPLY_GAP_MESSAGES.
REPLY_GAP_MESSAGES = {
    "email": _l("An answer by e-mail needs an e-mail address"),
    "phone": _l("An answer by phone needs a phone number"),
    "letter": _l("An answer by letter needs the street, postcode and town"),
}
REPRESENTATIVE_FIELDS = ("representative_name", "representative_relation",
                         "representative_phone", "representative_email", "consent")


class RegisterComplaintForm(FlaskForm):
    """A complaint that came by phone, letter, e-mail or at the desk (Awb 9:2), typed in by the
    coordinator. The representative's fields are always on the page (it works without
    JavaScript) and only checked when the complaint is filed for someone else."""
    # Made once per empty form and sent back with it: the same form sent twice (a double click,
    # the back button) stores one complaint.
    key = HiddenField()

    channel = SelectField(_l("How did the complaint come in?"),
                          validators=[DataRequired(_l("Choose how the complaint came in"))])
    received_on = text(_l("Date received"), DataRequired(_l("Enter the date the complaint was "
                                                            "received")),
                       description=_l("For example: 20-11-2026. The terms count from this date."))
    letter_dated = BooleanField(_l("The letter is dated"))
    letter_signed = BooleanField(_l("The letter is signed"))
    language = SelectField(_l("Language of our e-mails"))

    filed_by = RadioField(
        _l("Who filed the complaint?"),
        choices=[SelectChoice("self", _l("The complainant")),
                 SelectChoice("representative", _l("Someone else, on behalf of the complainant"))],
        default="self",
        validators=[InputRequired(_l("Choose who filed the complaint"))])
    representative_name = text(_l("Name of the representative"), NAME)
    representative_relation = text(_l("Relation to the complainant (optional)"), NAME,
                                   description=_l("For example: neighbour, volunteer, daughter"))
    representative_phone = text(_l("Phone number of the representative (optional)"),
                                phone_number, SHORT)
    representative_email = text(_l("E-mail address of the representative (optional)"),
                                email_address, Length(max=254))
    consent = BooleanField(_l("The complainant agrees that the representative files this "
                              "complaint for them"))

    name = text(_l("Name of the complainant"), DataRequired(_l("Enter the name of the "
                                                              "complainant")), NAME)
    street = text(_l("Street and house number (optional)"), NAME)
    postcode = text(_l("Postcode (optional)"), Length(max=10, message=_l("Use at most %(max)d characters")))
    city = text(_l("Town (optional)"), Length(max=100, message=_l("Use at most %(max)d characters")))
    phone = text(_l("Phone number (optional)"), phone_number, SHORT)
    email = text(_l("E-mail address (optional)"), email_address, Length(max=254),
                 description=_l("With an e-mail address, we send a confirmation of receipt."))
    client_number = text(_l("Client number (optional)"), SHORT)
    reply_by = RadioField(_l("How does the complainant want our answer?"),
                          validators=[InputRequired(_l("Choose how the complainant wants our "
                                                       "answer"))])

    description = text(_l("What happened?"), DataRequired(_l("Describe what happened")), LONG,
                       area=True)
    event_date = text(_l("Date it happened (optional)"), past_date,
                      description=_l("For example: 20-11-2026"))
    unit = SelectField(_l("Team or department (optional)"), validators=[Optional()])

    def __init__(self, *args, org, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.channel.choices = [SelectChoice("", _l("Choose"))] + [
            SelectChoice(k, v) for k, v in STAFF_CHANNEL_LABELS.items()]
        self.language.choices = [SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items()]
        self.reply_by.choices = [SelectChoice(k, REPLY_LABELS[k]) for k in org.reply_by]
        self.unit.choices = [SelectChoice("", _l("Not known"))] + [
            SelectChoice(u, u) for u in org.units]
        if not org.units:
            del self.unit

    @property
    def for_representative(self) -> bool:
        return self.filed_by.data == "representative"

    @property
    def received_date(self) -> date | None:
        return parse_date(self.received_on.data)

    def validate_received_on(self, field):
        parsed = self.received_date
        if parsed is None or parsed.year < 1900:
            raise ValidationError(_l("Enter the date like 20-11-2026"))
        if parsed > self.today:
            raise ValidationError(_l("The date received cannot be in the future"))

    def validate_representative_name(self, field):
        if self.for_representative and not field.data:
            raise ValidationError(_l("Enter the name of the representative"))

    def validate_consent(self, field):
        if self.for_representative and not field.data:
            raise ValidationError(_l("A representative can only file with the complainant's "
                                     "consent. Tick the box when the complainant agrees."))

    def validate_reply_by(self, field):
        gap = reply_route_gap(self)
        if gap:
            raise ValidationError(REPLY_GAP_MESSAGES[gap])

    def complaint_data(self) -> dict:
        """The fields as klachtenloket.services.intake.register takes them."""
        skip = {"csrf_token", "key", "channel", "received_on", "language"}
        if not self.for_representative:
            skip.update(REPRESENTATIVE_FIELDS)
        data = {f.name: f.data for f in self if f.name not in skip}
        data["event_date"] = parse_date(self.event_date.data).isoformat() \
            if self.event_date.data else None
        return data

    def error_summary(self) -> list[tuple[str, str]]:
        return error_summary(self, _l("This page was open for a long time. Check the details "
                                      "and send them again."))


class StepForm(FlaskForm):
    """A step on the complaint page. The page holds several of these, so they carry no token
    field of their own (its id would repeat): the template sends the token, and the app's global
    CSRF check tests it."""
    class Meta:
        csrf = False


class NoteForm(StepForm):
    text = text(_l("Internal note"), DataRequired(_l("Write the note")), LONG, area=True,
                description=_l("Only staff see this note. The complainant does not."))


class AssignForm(StepForm):
    handler = SelectField(_l("Handler"), coerce=int,
                          validators=[DataRequired(_l("Choose who handles the complaint"))])

    def __init__(self, *args, staff_members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.handler.choices = [SelectChoice(0, _l("Choose"))] + [
            SelectChoice(member.id, f"{member.name} ({labels.ROLES[member.role]})")
            for member in staff_members]
