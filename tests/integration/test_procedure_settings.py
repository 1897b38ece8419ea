"""The administrator's pages for the rest of the organisation's own procedure (issue 5), on
SQLite and PostgreSQL: the logo, the contact channels, the managers of the teams, the complaint
form (questions, answers, languages), the second line and the e-mail texts.

Each save stores the whole configuration through configuration.save (a new row, audited); a
refused one stores nothing and keeps what was typed, the reason at the field. What is saved
shows where residents and staff meet it: the public header, the start page, the form."""
import io
import re

import pytest
from PIL import Image

from klachtenloket.domain.organisation import Organisation
from klachtenloket.domain.roles import ADMINISTRATOR, COORDINATOR, HANDLER, READER
from klachtenloket.models import AuditEntry, OrganisationConfig
from klachtenloket.services import configuration
from tests.conftest import csrf_token
from tests.integration.helpers import (choose_who, error_summary, file_complaint, logged_in,
                                       make_staff, page_of, registered)
from tests.integration.test_paper_form import pdf_text

pytestmark = pytest.mark.usefixtures("cheap_hashing")

LOGO = "/beheer/instellingen/logo"
CHANNELS = "/beheer/instellingen/kanalen"
MANAGERS = "/beheer/instellingen/leidinggevenden"
INTAKE = "/beheer/instellingen/formulier"
SECOND_LINE = "/beheer/instellingen/tweede-lijn"
EMAILS = "/beheer/instellingen/e-mails"


@pytest.fixture
def admin(app):
    return logged_in(app, make_staff(ADMINISTRATOR))


def post(client, url, data, lang="en", page_url=None, **kwargs):
    page = client.get(f"{page_url or url}?lang={lang}")
    return client.post(url, data={**data, "csrf_token": csrf_token(page.text)}, **kwargs)


def changes() -> tuple[int, int]:
    return (OrganisationConfig.select().count(),
            AuditEntry.select().where(AuditEntry.action == configuration.CHANGED).count())


def current() -> Organisation:
    return Organisation.from_dict(configuration.stored_or_preset("wil-lekstroom"))


def field_error(html: str, field: str) -> str:
    match = re.search(rf'id="{field}-error">(.*?)</p>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split()) if match else ""


def image(kind="PNG", size=(120, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (29, 79, 145)).save(out, kind)
    return out.getvalue()


# --- the logo ----------------------------------------------------------------------------------

def test_an_uploaded_png_logo_is_stored_audited_and_shown_in_the_public_header(admin, client):
    before = changes()
    data = image()
    sent = post(admin, LOGO, {"logo": (io.BytesIO(data), "logo.png")},
                content_type="multipart/form-data")
    assert sent.status_code == 303, error_summary(sent.text)
    assert changes() == (before[0] + 1, before[1] + 1)
    org = current()
    assert len(org.logo) == 64
    start = client.get("/?lang=en").text
    src = re.search(r'<img[^>]+src="(/logo/[0-9a-f]{64}\.png)"[^>]*alt="([^"]+)"', start)
    assert src and src.group(2) == org.name
    served = client.get(src.group(1))
    assert served.data == data and served.mimetype == "image/png"
    assert "immutable" in served.headers["Cache-Control"]


def test_an_svg_or_broken_image_is_refused_at_the_field_and_nothing_is_stored(admin):
    before = changes()
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    for content, name in ((svg, "logo.svg"), (image()[:60], "half.png")):
        sent = post(admin, LOGO, {"logo": (io.BytesIO(content), name)},
                    content_type="multipart/form-data")
        assert sent.status_code == 200
        assert "not a PNG or JPEG" in field_error(sent.text, "logo")
    assert changes() == before


def test_a_logo_larger_than_allowed_is_refused_in_words(admin):
    before = changes()
    sent = post(admin, LOGO, {"logo": (io.BytesIO(image(size=(2400, 100))), "wide.png")},
                content_type="multipart/form-data")
    assert "2400 by 100 pixels" in field_error(sent.text, "logo")
    big = b"\x89PNG" + b"0" * (510 * 1024)
    sent = post(admin, LOGO, {"logo": (io.BytesIO(big), "big.png")},
                content_type="multipart/form-data")
    assert sent.status_code == 200     # above the usual request limit, still a page
    assert "larger than 500 KB" in field_error(sent.text, "logo")
    assert changes() == before


def test_the_logo_can_be_removed(admin, client):
    post(admin, LOGO, {"logo": (io.BytesIO(image("JPEG")), "logo.jpg")},
         content_type="multipart/form-data")
    assert current().logo
    sent = post(admin, LOGO + "/verwijderen", {}, page_url=LOGO)
    assert sent.status_code == 303
    assert current().logo == ""
    assert "/logo/" not in client.get("/?lang=en").text


# --- contact channels --------------------------------------------------------------------------

def test_a_channel_is_added_with_its_hours_and_shown_on_the_start_page(admin, client):
    before = changes()
    sent = post(admin, CHANNELS + "/nieuw", {
        "kind": "desk", "value": "", "addressee": "", "address": "Stadhuisplein 1\nNieuwegein",
        "hours": "ma-vr 09:00-12:30\nwed 13:00-16:00"})
    assert sent.status_code == 303, error_summary(sent.text)
    assert changes() == (before[0] + 1, before[1] + 1)
    desk = current().channels[-1]
    assert desk.kind == "desk" and desk.address == ("Stadhuisplein 1", "Nieuwegein")
    assert [(h.days, h.opens, h.closes) for h in desk.hours] == [
        ("mon-fri", "09:00", "12:30"), ("wed", "13:00", "16:00")]
    start = client.get("/?lang=en").text
    assert "Stadhuisplein 1" in start and "Monday to Friday, 09:00 to 12:30" in start


def test_a_channel_with_unreadable_hours_is_refused_and_keeps_what_was_typed(admin):
    before = changes()
    sent = post(admin, CHANNELS + "/1", {"kind": "phone", "value": "030 123 45 67",
                                         "hours": "weekdays 9 to 5", "callback": "y"})
    assert sent.status_code == 200
    assert "weekdays 9 to 5" in field_error(sent.text, "hours")
    assert "weekdays 9 to 5</textarea>" in sent.text and 'value="030 123 45 67"' in sent.text
    assert changes() == before


def test_a_channel_is_changed_and_removed(admin):
    phone = next(n for n, c in enumerate(current().channels, 1) if c.kind == "phone")
    sent = post(admin, f"{CHANNELS}/{phone}", {"kind": "phone", "value": "030 999 00 00",
                                               "hours": "mon-thu 08:30-12:00", "callback": "y"})
    assert sent.status_code == 303, error_summary(sent.text)
    changed = current().channel("phone")
    assert changed.value == "030 999 00 00" and changed.callback
    count = len(current().channels)
    assert post(admin, f"{CHANNELS}/{phone}/verwijderen", {}, page_url=CHANNELS).status_code == 303
    assert len(current().channels) == count - 1 and current().channel("phone") is None


# --- managers of the teams ----------------------------------------------------------------------

def test_a_unit_gets_a_reader_as_manager_shown_with_the_complaint(app, admin):
    manager = make_staff(READER, "manager@example.nl", "Mira Manager")
    before = changes()
    form = admin.get(MANAGERS + "?lang=en").text
    assert "Mira Manager" in form
    units = current().units
    sent = post(admin, MANAGERS, {"unit_0": manager.email})
    assert sent.status_code == 303, error_summary(sent.text)
    assert changes() == (before[0] + 1, before[1] + 1)
    assert current().manager_of(units[0]) == manager.email
    # The units stay in the lists page as names, and a save there keeps the manager.
    lists = admin.get("/beheer/instellingen/lijsten?lang=en").text
    assert f"{units[0]}\n" in lists
    stored = configuration.stored()
    assert stored["intake"]["units"][0] == {"name": units[0], "manager": manager.email}
    assert all(isinstance(u, str) for u in stored["intake"]["units"][1:])


def test_the_manager_shows_with_the_complaint_and_is_suggested_when_assigning(app, admin):
    manager = make_staff(READER, "manager@example.nl", "Mira Manager")
    coordinator = make_staff(COORDINATOR, "coordinator@example.nl")
    werk = current().units.index("Werk")
    assert post(admin, MANAGERS, {f"unit_{werk}": manager.email}).status_code == 303
    complaint = registered(app, coordinator)          # about the unit "Werk"
    page = logged_in(app, coordinator).get(page_of(complaint) + "?lang=en").text
    assert "Manager: Mira Manager" in page
    assert "Suggestion: Mira Manager, the manager of Werk." in page
    inbox = logged_in(app, coordinator).get("/beheer/klachten?lang=en").text
    assert '<option value="Werk">Werk (Mira Manager)</option>' in inbox


def test_a_handler_cannot_be_a_manager_and_the_choice_is_kept(admin):
    handler = make_staff(HANDLER, "handler@example.nl")
    make_staff(COORDINATOR, "coordinator@example.nl")
    before = changes()
    sent = post(admin, MANAGERS, {"unit_0": handler.email, "unit_1": "coordinator@example.nl"})
    assert sent.status_code == 200
    assert "not an active reader or coordinator" in field_error(sent.text, "unit_0")
    assert 'value="coordinator@example.nl" selected' in sent.text
    assert changes() == before


def test_units_written_as_plain_names_still_read(app):
    data = configuration.stored_or_preset("wil-lekstroom")
    data["intake"]["units"] = ["Werk", {"name": "Inkomen", "manager": "m@example.nl"}]
    org = Organisation.from_dict(data)
    assert org.units == ("Werk", "Inkomen") and org.manager_of("Inkomen") == "m@example.nl"


# --- the complaint form ------------------------------------------------------------------------

def intake_data(**changes) -> dict:
    values = {f"{name}_state": state for name, state in current().intake_fields}
    values.update({"on_behalf": "y", "reply_letter": "y", "reply_email": "y",
                   "reply_phone": "y", "language_nl": "y", "language_en": "y"})
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def test_questions_switched_off_or_required_change_the_public_form(admin, client):
    before = changes()
    sent = post(admin, INTAKE, intake_data(client_number_state="off", employee_name_state="off",
                                           phone_state="required", reply_phone=None))
    assert sent.status_code == 303, error_summary(sent.text)
    assert changes() == (before[0] + 1, before[1] + 1)
    assert current().field_state("client_number") == "off"
    choose_who(client)
    page = client.get("/klacht/gegevens?lang=en").text
    assert 'name="client_number"' not in page and 'name="employee_name"' not in page
    assert 'value="phone"' not in page          # the answer by phone is no longer offered
    page = client.post("/klacht/gegevens", data={
        "csrf_token": csrf_token(page), "name": "Sam", "reply_by": "letter", "street": "A 1",
        "postcode": "1234 AB", "city": "B", "description": "Iets", "event_date": "01-11-2026",
        "phone": ""}).text
    assert field_error(page, "phone")           # required now


def test_the_printable_form_asks_the_same_questions(admin, client):
    assert post(admin, INTAKE, intake_data(client_number_state="off", event_time_state="off",
                                           employee_name_state="required")).status_code == 303
    text = pdf_text(client.get("/klacht/formulier.pdf?lang=en").data)
    assert "Client number" not in text and "Time" not in text
    assert "Name of the employee *" in text and "Date it happened *" in text


def test_a_required_client_number_is_refused(admin):
    before = changes()
    sent = post(admin, INTAKE, intake_data(client_number_state="required"))
    assert sent.status_code == 200
    assert "never required" in field_error(sent.text, "client_number_state")
    assert changes() == before


def test_an_answer_needs_its_question_and_the_choices_are_kept(admin):
    before = changes()
    sent = post(admin, INTAKE, intake_data(email_state="off", on_behalf=None,
                                           language_en=None))
    assert sent.status_code == 200
    assert "must be asked" in field_error(sent.text, "email_state")
    assert re.search(r'<option value="off" selected>', sent.text)
    assert 'id="on_behalf" name="on_behalf" value="y"' in sent.text
    assert 'name="on_behalf" value="y" checked' not in sent.text
    assert changes() == before


def test_the_languages_offered_to_residents(admin, client):
    sent = post(admin, INTAKE, intake_data(language_en=None) | {
        f"language_{code}": None for code in ("tr", "ar", "pl", "uk")})
    assert sent.status_code == 303, error_summary(sent.text)
    assert current().languages == ("nl",)
    start = client.get("/").text
    assert 'hreflang="en"' not in start


# --- the second line ---------------------------------------------------------------------------

def test_a_commissioning_party_with_its_options_is_stored(admin):
    before = changes()
    sent = post(admin, SECOND_LINE, {"kind": "commissioning_party", "name": "De opdrachtgever",
                                     "options": "uwv: UWV\nGemeente Utrecht"})
    assert sent.status_code == 303, error_summary(sent.text)
    assert changes() == (before[0] + 1, before[1] + 1)
    second = current().second_line
    assert second.kind == "commissioning_party"
    assert [(o.key, o.label) for o in second.options] == [
        ("uwv", "UWV"), ("gemeente_utrecht", "Gemeente Utrecht")]


def test_a_commissioning_party_without_options_is_refused_and_keeps_the_input(admin):
    before = changes()
    sent = post(admin, SECOND_LINE, {"kind": "commissioning_party", "name": "De opdrachtgever",
                                     "email": "geen-adres", "options": ""})
    assert sent.status_code == 200
    assert field_error(sent.text, "options") and field_error(sent.text, "email")
    assert 'value="De opdrachtgever"' in sent.text and 'value="geen-adres"' in sent.text
    assert changes() == before


# --- e-mail texts ------------------------------------------------------------------------------

def test_the_email_page_lists_placeholders_and_previews_without_saving(admin):
    before = changes()
    page = admin.get(EMAILS + "/acknowledgement/en?lang=en").text
    assert "{{ link }}" in page and "{{ letter }}" in page
    sent = post(admin, EMAILS + "/acknowledgement/en",
                {"text": "Hello {{ name }}, see {{ link }}", "action": "preview"})
    assert sent.status_code == 200 and "Hello Sam Jansen, see http" in sent.text
    assert changes() == before


def test_an_own_acknowledgement_mail_is_saved_and_sent(admin, client):
    from klachtenloket.models import OutboxMail
    before = changes()
    sent = post(admin, EMAILS + "/acknowledgement/nl",
                {"text": "Beste {{ name }},\n\nUw klacht {{ reference }}: {{ link }}"})
    assert sent.status_code == 303, error_summary(sent.text)
    assert changes() == (before[0] + 1, before[1] + 1)
    file_complaint(client, email="fatima@example.nl", reply_by="email")
    mail = OutboxMail.select().order_by(OutboxMail.id.desc()).first()
    assert mail.body.startswith("Beste Fatima el Amrani,\n\nUw klacht KL-")
    assert "/volgen/" in mail.body


def test_an_email_text_with_an_unknown_placeholder_is_refused_and_kept(admin):
    before = changes()
    sent = post(admin, EMAILS + "/link/en", {"text": "Dear {{ naam }}, {{ link }}"})
    assert sent.status_code == 200
    assert "“naam” is not a placeholder" in field_error(sent.text, "text")
    assert "Dear {{ naam }}, {{ link }}</textarea>" in sent.text
    assert changes() == before


# --- an expired form -----------------------------------------------------------------------------

@pytest.mark.parametrize("url, data, kept", [
    (CHANNELS + "/nieuw", {"kind": "desk", "address": "Stadhuisplein 9"}, "Stadhuisplein 9"),
    (SECOND_LINE, {"kind": "committee", "name": "Commissie Zuid"}, 'value="Commissie Zuid"'),
    (EMAILS + "/link/en", {"text": "Dear {{ name }}, {{ link }}"}, "Dear {{ name }}, {{ link }}"),
    (INTAKE, {"phone_state": "required", "reply_letter": "y", "language_nl": "y"},
     '<option value="required" selected>Asked, required</option>'),
])
def test_a_form_sent_after_its_token_expired_keeps_what_was_typed(admin, url, data, kept):
    before = changes()
    admin.get(url + "?lang=en")
    sent = admin.post(url, data={**data, "csrf_token": "expired"})
    assert sent.status_code == 400
    assert "open for a long time" in error_summary(sent.text)
    assert kept in sent.text.replace("&#34;", '"')
    assert changes() == before


def test_a_decompression_bomb_is_refused_before_it_is_decoded(admin):
    from tests.integration import sample_files
    before = changes()
    sent = post(admin, LOGO, {"logo": (io.BytesIO(sample_files.png_bomb()), "bomb.png")},
                content_type="multipart/form-data")
    # Pillow refuses to open it at all (DecompressionBombError): it reads as no usable image.
    assert "not a PNG or JPEG" in field_error(sent.text, "logo")
    assert changes() == before


def test_a_complaint_is_sent_without_the_questions_not_asked(admin, client):
    from klachtenloket.models import Complaint
    assert post(admin, INTAKE, intake_data(event_date_state="off", event_time_state="off",
                                           client_number_state="off")).status_code == 303
    confirmation, _link = file_complaint(client, client_number="123", event_date="")
    complaint = Complaint.select().order_by(Complaint.id.desc()).first()
    assert complaint.reference in confirmation
    assert complaint.event_date is None and complaint.client_number == ""
