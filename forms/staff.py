"""Forms of the back office. They stay under the app's global CSRF check."""
from datetime import date

from flask_babel import lazy_gettext as _l, lazy_ngettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, HiddenField, PasswordField, RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from forms.base import error_summary, text
from forms.complaint import LONG, NAME, REPLY_LABELS, SHORT
from forms.validators import (a_date, email_address, parse_date, past_date, phone_number,
                              reply_route_gap)
from klachtenloket.domain.privacy_check import personal_data_in
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
    """A step on the complaint page. The page holds several of these, so each is made with its
    step's name as prefix (unique ids) and carries no token field of its own (its id would
    repeat): the template sends the token, and the app's global CSRF check tests it.

    `seen` is the newest event the person had on their screen: when someone else changed the
    complaint since, the step is not taken but shown on the conflict page, text kept."""
    class Meta:
        csrf = False

    seen = HiddenField()

    def __init__(self, *args, organisation=None, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.today = today or date.today()

    @property
    def seen_event(self) -> int | None:
        try:
            return int(self.seen.data)
        except (TypeError, ValueError):
            return None

    def payload(self) -> dict:
        """What the step stores (klachtenloket.domain.states.step checks it)."""
        return {}


def _day(field_label, required_message, **kwargs):
    return text(field_label, DataRequired(required_message), **kwargs)


class _DatedStep(StepForm):
    """A step that happened on a day: today unless staff say otherwise; not in the future."""
    on = _day(_l("Date"), _l("Enter the date"), description=_l("For example: 20-11-2026"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.on.data:
            self.on.data = self.today.strftime("%d-%m-%Y")

    def validate_on(self, field):
        parsed = parse_date(field.data)
        if parsed is None or parsed.year < 1900:
            raise ValidationError(_l("Enter the date like 20-11-2026"))
        if parsed > self.today:
            raise ValidationError(_l("The date cannot be in the future"))

    def payload(self) -> dict:
        return {"on": parse_date(self.on.data)}


class NoteForm(StepForm):
    text = text(_l("Internal note"), DataRequired(_l("Write the note")), LONG, area=True,
                description=_l("Only staff see this note. The complainant does not."))

    def payload(self) -> dict:
        return {"text": self.text.data}


class AssignForm(StepForm):
    handler = SelectField(_l("Handler"), coerce=int,
                          validators=[DataRequired(_l("Choose who handles the complaint"))])

    def __init__(self, *args, staff_members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.handler.choices = [SelectChoice(0, _l("Choose"))] + [
            SelectChoice(member.id, f"{member.name} ({labels.ROLES[member.role]})")
            for member in staff_members]

    def payload(self) -> dict:
        return {"handler": self.handler.data}


class AcknowledgeForm(StepForm):
    def payload(self) -> dict:
        return {"on": self.today}


class FirstContactForm(StepForm):
    def payload(self) -> dict:
        return {"on": self.today}


class CopySentForm(StepForm):
    def payload(self) -> dict:
        return {"on": self.today}


class ProcedureForm(StepForm):
    procedure = RadioField(
        _l("Procedure"),
        choices=[SelectChoice("informal", _l("Informal: solve it together, by phone or in a "
                                             "talk")),
                 SelectChoice("formal", _l("Formal: investigate, hear both sides and decide "
                                           "in writing"))],
        validators=[InputRequired(_l("Choose the procedure"))])

    def payload(self) -> dict:
        return {"procedure": self.procedure.data}


class HearingPlannedForm(StepForm):
    planned_on = _day(_l("Date of the hearing"), _l("Enter the date of the hearing"),
                      description=_l("For example: 20-11-2026"))
    text = text(_l("Where and how (optional)"), LONG, area=True)

    validate_planned_on = a_date

    def payload(self) -> dict:
        return {"on": parse_date(self.planned_on.data), "text": self.text.data}


class HearingHeldForm(_DatedStep):
    text = text(_l("Report of the hearing"), DataRequired(_l("Write the report of the hearing")),
                LONG, area=True,
                description=_l("Awb 9:10: a report is made of every hearing."))

    def payload(self) -> dict:
        return {**super().payload(), "text": self.text.data}


class HearingWaivedForm(StepForm):
    ground = RadioField(_l("Why is there no hearing? (Awb 9:10)"),
                        choices=[SelectChoice(k, v) for k, v in labels.HEARING_WAIVERS.items()],
                        validators=[InputRequired(_l("Choose why there is no hearing"))])

    def payload(self) -> dict:
        return {"ground": self.ground.data}


class SuspendForm(_DatedStep):
    consent = BooleanField(_l("The complainant agrees that the term is paused"))
    text = text(_l("Reason"), DataRequired(_l("Write why the term is paused")), LONG, area=True)

    def validate_consent(self, field):
        if not field.data:
            raise ValidationError(_l("The term can only be paused when the complainant agrees. "
                                     "Tick the box when they do."))

    def payload(self) -> dict:
        return {**super().payload(), "consent": bool(self.consent.data), "text": self.text.data}


class ResumeForm(_DatedStep):
    pass


class ExtendForm(StepForm):
    weeks = SelectField(_l("Extend by"), coerce=int,
                        choices=[SelectChoice(n, lazy_ngettext("%(num)d week", "%(num)d weeks", n))
                                 for n in range(4, 0, -1)],
                        validators=[InputRequired(_l("Choose by how many weeks"))])
    reason = text(_l("Reason"), DataRequired(_l("Write why the decision takes longer")), LONG,
                  area=True, description=_l("The complainant gets this reason in writing."))

    decision_due: date | None = None     # set by the view: the term that is extended

    def payload(self) -> dict:
        return {"weeks": self.weeks.data, "reason": self.reason.data, "on": self.today,
                "decision_due": self.decision_due}


class ForwardForm(StepForm):
    recipient = text(_l("Forwarded to"), DataRequired(_l("Write to which organisation")), NAME,
                     description=_l("The organisation the complaint is really about (Awb 2:3)."))
    text = text(_l("Note for the complainant (optional)"), LONG, area=True)

    def payload(self) -> dict:
        return {"recipient": self.recipient.data, "text": self.text.data}


class DeclineForm(StepForm):
    ground = SelectField(_l("Ground (Awb 9:8)"),
                         validators=[DataRequired(_l("Choose the ground"))])
    reason = text(_l("Reason"), DataRequired(_l("Write why the complaint is not handled")), LONG,
                  area=True, description=_l("The complainant gets this reason in writing."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        grounds = self.organisation.decline_grounds if self.organisation else ()
        self.ground.choices = [SelectChoice("", _l("Choose"))] + [
            SelectChoice(g.key, f"{g.label} ({g.article})" if g.article else g.label)
            for g in grounds]

    def payload(self) -> dict:
        return {"ground": self.ground.data, "reason": self.reason.data}


# Outcomes whose complaint gets a line in the yearly report's "what was it about".
UPHELD = ("upheld", "partly_upheld")
# What klachtenloket.domain.privacy_check finds, in words.
PERSONAL_LABELS = {
    "name": _l("the name"), "street": _l("the address"), "postcode": _l("the postcode"),
    "phone": _l("the phone number"), "email": _l("the e-mail address"),
    "client_number": _l("the client number"),
    "representative_name": _l("the representative's name"),
    "representative_phone": _l("the representative's phone number"),
    "representative_email": _l("the representative's e-mail address")}


class DecideForm(StepForm):
    outcome = SelectField(_l("Outcome"), validators=[DataRequired(_l("Choose the outcome"))])
    findings = text(_l("Findings and reasons"), DataRequired(_l("Write what you found and why "
                                                               "you decided this")),
                    LONG, area=True, description=_l("Awb 9:12: the decision gives its reasons."))
    measures = text(_l("Measures (optional)"), LONG, area=True,
                    description=_l("What the organisation will do or change."))
    # One anonymous line for the yearly report's "what was it about" (Awb 9:12a, seed 002),
    # asked for when the complaint is (partly) upheld; checked for the complainant's details.
    summary = text(_l("What was it about? One line for the yearly report"),
                   Length(max=300, message=_l("Use at most %(max)d characters")),
                   description=_l("No names, addresses, phone numbers or client numbers. "
                                  "For example: a client was not phoned back."))
    # Only where the second line differs per complaint (a commissioning party, e.g. the
    # employer, the municipality or UWV): the decision letter names the one chosen here.
    second_line = SelectField(_l("Where can the complainant go next?"),
                              validators=[DataRequired(_l("Choose where the complainant can go "
                                                          "next"))])

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.complaint = complaint
        outcomes = self.organisation.outcomes if self.organisation else ()
        self.outcome.choices = [SelectChoice("", _l("Choose"))] + [
            SelectChoice(o.key, o.label) for o in outcomes]
        options = self.organisation.second_line.options if self.organisation else ()
        if options:
            self.second_line.choices = [SelectChoice("", _l("Choose"))] + [
                SelectChoice(o.key, o.label) for o in options]
        else:
            del self.second_line

    def payload(self) -> dict:
        chosen = {"second_line": self.second_line.data} if "second_line" in self else {}
        return {"outcome": self.outcome.data, "findings": self.findings.data,
                "measures": self.measures.data, "summary": self.summary.data, **chosen}

    def validate_summary(self, field):
        if not field.data and self.outcome.data in UPHELD:
            raise ValidationError(_l("Write in one line what the complaint was about"))
        if field.data and self.complaint is not None:
            found = personal_data_in(field.data, self.complaint.personal_details())
            if found:
                named = ", ".join(str(PERSONAL_LABELS.get(name, name)) for name in found)
                raise ValidationError(_l("This line contains personal data of the "
                                         "complainant (%(found)s). Leave it out: the yearly "
                                         "report is public.", found=named))


class CloseForm(StepForm):
    text = text(_l("Note (optional)"), LONG, area=True)

    def payload(self) -> dict:
        return {"text": self.text.data}


class SolvedDirectlyForm(StepForm):
    text = text(_l("What was agreed"), DataRequired(_l("Write what was agreed with the "
                                                       "complainant")), LONG, area=True,
                description=_l("Awb 9:5: an oral complaint solved to the complainant's "
                               "satisfaction is not handled further."))

    def payload(self) -> dict:
        return {"solved_directly": True, "text": self.text.data}


class ClassifyForm(StepForm):
    category = SelectField(_l("Category"), validators=[Optional()])
    unit = SelectField(_l("Team or department"), validators=[Optional()])
    municipality = SelectField(_l("Municipality"), validators=[Optional()])

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        org = self.organisation
        for field, values in ((self.category, org.categories if org else ()),
                              (self.unit, org.units if org else ()),
                              (self.municipality, org.municipalities if org else ())):
            current = getattr(complaint, field.name, "") if complaint is not None else ""
            # A value no longer on the list stays choosable, so saving does not lose it.
            choices = list(values) + ([current] if current and current not in values else [])
            field.choices = [SelectChoice("", _l("Not chosen"))] + [
                SelectChoice(v, v) for v in choices]
            if complaint is not None and not field.raw_data:
                field.data = current

    @property
    def has_lists(self) -> bool:
        return any(len(field.choices) > 1 for field in (self.category, self.unit,
                                                        self.municipality))

    def payload(self) -> dict:
        return {"category": self.category.data or "", "unit": self.unit.data or "",
                "municipality": self.municipality.data or ""}
