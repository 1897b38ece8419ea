"""Letters stored with the complaint and sent through the outbox (klachtenloket.services.letters),
on SQLite and PostgreSQL: a step makes its letter and at most one mail per address in its own
transaction; no address (or answers by post) means no mail; the intake's acknowledgement is a
letter too; the PDF, and who may fetch it — the resident only with the private link, staff as
they may see the complaint."""
import importlib.util
import re
import zlib
from datetime import date
from pathlib import Path

import pytest
from playhouse.migrate import SchemaMigrator

from klachtenloket import db
from klachtenloket.domain.roles import ADMINISTRATOR, COORDINATOR, HANDLER, READER
from klachtenloket.domain.states import TransitionError
from klachtenloket.models import Complaint, Event, Letter, OutboxMail
from klachtenloket.services import casework, intake, letters
from klachtenloket.web.mail import acknowledgement_mails
from klachtenloket.web.organisation import current_organisation
from tests.conftest import CheckingClient
from tests.integration.helpers import file_complaint, log_in, make_staff

pytestmark = pytest.mark.usefixtures("cheap_hashing")

RECEIVED = date(2026, 2, 20)
DECLINED = {"ground": "older_than_a_year", "reason": "Het gesprek was in maart 2024."}
DECIDED = {"outcome": "upheld", "findings": "De medewerker was onbeleefd.", "measures": ""}


def registered(app, staff, email="fatima@example.nl", reply_by="email", mails=False,
               **values) -> Complaint:
    """A complaint staff registered by phone; `mails`: with the acknowledgement e-mail."""
    data = {"name": "Fatima el Amrani", "street": "Dorpsstraat 1", "postcode": "3431 AB",
            "city": "Nieuwegein", "phone": "06 12345678", "email": email, "reply_by": reply_by,
            "description": "De medewerker aan de balie was onbeleefd.", **values}
    with app.test_request_context():
        return intake.register(data, current_organisation(), staff, "phone", RECEIVED,
                               date(2026, 3, 1), "nl",
                               acknowledgement_mails if mails else lambda c, t: []).complaint


def letter_mails(complaint) -> list[OutboxMail]:
    return list(OutboxMail.select().where(OutboxMail.complaint == complaint,
                                          OutboxMail.kind.startswith("letter_")))


def letters_of(complaint) -> list[Letter]:
    return list(Letter.select().where(Letter.complaint == complaint).order_by(Letter.number))


def acknowledged(complaint, staff):
    casework.record(complaint, "acknowledged", {}, staff)


# --- made with the step, in its transaction ---------------------------------------------------

def test_a_step_stores_its_letter_and_queues_exactly_one_mail(app):
    coordinator = make_staff(COORDINATOR)
    complaint = registered(app, coordinator)
    acknowledged(complaint, coordinator)
    casework.record(complaint, "declined", DECLINED, coordinator)

    acknowledgement, declined = letters_of(complaint)
    assert (acknowledgement.number, declined.number) == (1, 2)
    assert declined.kind == "declined" and declined.language == "nl"
    assert declined.created_by == f"staff:{coordinator.id}"
    assert "meer dan een jaar" in declined.body and "Nationale ombudsman" in declined.body
    (mail,) = letter_mails(complaint)
    assert (mail.kind, mail.recipient) == ("letter_declined", "fatima@example.nl")
    assert (mail.subject, mail.body) == (declined.subject, declined.body)
    assert declined.outbox_mail_id == mail.id and declined.email_to == "fatima@example.nl"


def test_the_letter_and_its_mail_go_with_the_step_when_the_transaction_fails(app, monkeypatch):
    coordinator = make_staff(COORDINATOR)
    complaint = registered(app, coordinator)
    acknowledged(complaint, coordinator)

    def fails(*args, **kwargs):
        raise RuntimeError("the database went away")
    monkeypatch.setattr(casework, "refresh_next_deadline", fails)   # runs after the letter
    with pytest.raises(RuntimeError):
        casework.record(complaint, "declined", DECLINED, coordinator)
    assert [letter.kind for letter in letters_of(complaint)] == ["acknowledgement"]
    assert letter_mails(complaint) == []
    assert Event.select().where(Event.kind == "declined").count() == 0


def test_a_refused_step_makes_no_letter_and_no_mail(app):
    coordinator = make_staff(COORDINATOR)
    complaint = registered(app, coordinator)
    with pytest.raises(TransitionError):
        casework.record(complaint, "decided", DECIDED, coordinator)  # not acknowledged yet
    assert [letter.kind for letter in letters_of(complaint)] == ["acknowledgement"]
    assert letter_mails(complaint) == []


@pytest.mark.parametrize("email, reply_by", [("", "phone"), ("fatima@example.nl", "letter")])
def test_without_an_address_or_by_post_the_letter_is_stored_and_no_mail_queued(app, email,
                                                                               reply_by):
    coordinator = make_staff(COORDINATOR)
    complaint = registered(app, coordinator, email=email, reply_by=reply_by)
    acknowledged(complaint, coordinator)
    casework.record(complaint, "decided", DECIDED, coordinator)
    decided = letters_of(complaint)[-1]
    assert decided.kind == "decided" and not decided.by_email and decided.outbox_mail is None
    assert letter_mails(complaint) == []
    assert decided.addressee_lines == ["Fatima el Amrani", "Dorpsstraat 1", "3431 AB Nieuwegein"]


def test_every_kind_of_step_makes_its_letter_once(app):
    coordinator = make_staff(COORDINATOR)
    complaint = registered(app, coordinator)
    acknowledged(complaint, coordinator)
    casework.record(complaint, "first_contact_made", {}, coordinator)
    casework.record(complaint, "extended", {"weeks": 4, "reason": "Drukte", "on": RECEIVED,
                                            "decision_due": date(2026, 4, 7)}, coordinator)
    casework.record(complaint, "decided", DECIDED, coordinator)
    casework.record(complaint, "closed", {}, coordinator)
    assert [letter.kind for letter in letters_of(complaint)] == [
        "acknowledgement", "extended", "decided"]
    extended = letters_of(complaint)[1]
    assert "vrijdag 1 mei 2026" in extended.body and extended.dated == RECEIVED
    assert [m.kind for m in letter_mails(complaint)] == ["letter_extended", "letter_decided"]


def test_acknowledging_a_complaint_that_has_no_letter_yet_writes_one(app):
    """Complaints stored before letters existed get theirs with the step."""
    coordinator = make_staff(COORDINATOR)
    complaint = registered(app, coordinator, email="")
    Letter.delete().execute()
    acknowledged(complaint, coordinator)
    (letter,) = letters_of(complaint)
    assert letter.kind == "acknowledgement" and letter.created_by == f"staff:{coordinator.id}"


# --- the acknowledgement at intake ------------------------------------------------------------

def test_the_intake_acknowledgement_is_a_stored_letter_whose_mail_adds_the_link(client):
    _, link = file_complaint(client)
    complaint = Complaint.get()
    (letter,) = letters_of(complaint)
    (mail,) = OutboxMail.select()
    assert letter.kind == "acknowledgement" and letter.created_by == "complainant"
    assert letter.outbox_mail_id == mail.id and mail.kind == "acknowledgement"
    assert mail.subject == letter.subject and complaint.reference in letter.subject
    assert mail.body.startswith(letter.body)
    assert "http://klachten.test" + link in mail.body
    assert link.rsplit("/", 1)[1] not in letter.body, "the private link is not kept in the letter"


def test_two_addresses_get_the_letter_each(app):
    coordinator = make_staff(COORDINATOR)
    complaint = registered(app, coordinator, mails=True, filed_by="representative", consent="y",
                           representative_name="Jan Hulp", representative_email="jan@example.nl")
    acknowledged_letter, = letters_of(complaint)
    assert acknowledged_letter.email_to == "fatima@example.nl, jan@example.nl"
    assert acknowledged_letter.body.startswith("Beste Jan Hulp,")
    assert OutboxMail.select().where(OutboxMail.kind == "acknowledgement").count() == 2


# --- the PDF ------------------------------------------------------------------------------

def readable(pdf: bytes) -> bytes:
    """The PDF with its compressed streams unpacked (WeasyPrint packs even the objects), to
    look for its metadata without a PDF library."""
    unpacked = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            unpacked.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            pass
    return b"\n".join(unpacked)


def test_the_pdf_is_an_a4_letter_with_the_reference(app):
    coordinator = make_staff(COORDINATOR)
    complaint = registered(app, coordinator)
    with app.test_request_context():
        data = letters.pdf(letters_of(complaint)[0])
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    objects = readable(data)
    assert f"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Wij hebben uw klacht " \
           f"{complaint.reference} ontvangen".encode() in objects, "the subject is its title"
    assert b"/MediaBox [0 0 595.2" in objects and b" 841.8" in objects, "A4: 595 x 842 points"
    assert b"/Lang (nl)" in objects and b"/MarkInfo <</Marked true>>" in objects, "tagged"
    html = letters.letter_html(letters_of(complaint)[0])
    for text in ("Fatima el Amrani", "Dorpsstraat 1", "3431 AB Nieuwegein", "Werk en Inkomen "
                 "Lekstroom", complaint.reference, "Ons kenmerk", 'lang="nl"'):
        assert text in html, text


# --- who may fetch a letter ---------------------------------------------------------------

def tracking_link(client) -> str:
    _, link = file_complaint(client)
    return link


def test_the_resident_reads_the_letters_on_the_tracking_page_and_gets_the_pdf(client, app):
    link = tracking_link(client)
    complaint = Complaint.get()
    coordinator = make_staff(COORDINATOR)
    acknowledged(complaint, coordinator)
    casework.record(complaint, "decided", DECIDED, coordinator)

    page = client.get(link + "?lang=en").text
    assert f'href="{link}/brieven/1"' in page and f'href="{link}/brieven/2"' in page
    assert f'<span lang="nl">Ons antwoord op uw klacht {complaint.reference}</span> (PDF)' \
        in page, "the letter's subject in the complaint's language, marked as such"
    assert '<p class="pre" lang="nl">Beste Fatima el Amrani,' in page
    assert "De medewerker was onbeleefd." in page, "its text, to read on the page"

    response = client.get(f"{link}/brieven/2")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    assert response.headers["Cache-Control"] == "no-store"
    assert f'filename="{complaint.reference}-2.pdf"' in response.headers["Content-Disposition"]


def test_a_letter_needs_the_private_link_of_its_own_complaint(client):
    first = tracking_link(client)
    second = tracking_link(client)
    other = Complaint.get(Complaint.reference.endswith("00002"))
    coordinator = make_staff(COORDINATOR)
    acknowledged(other, coordinator)
    casework.record(other, "decided", DECIDED, coordinator)     # the second's letter 2

    assert client.get(f"{second}/brieven/2").status_code == 200
    assert client.get(f"{first}/brieven/2").status_code == 404, "not another complaint's letter"
    assert client.get(f"{first}/brieven/1").status_code == 200
    for token in ("x", "A" * 43, other.reference):
        assert client.get(f"/volgen/{token}/brieven/1").status_code == 404


def staff_client(app, role, **values) -> CheckingClient:
    staff = make_staff(role, **values)
    client = CheckingClient(app.test_client())
    assert log_in(client, staff.email).status_code == 303
    return client


def test_staff_fetch_a_letter_as_they_may_see_the_complaint(app):
    coordinator = make_staff(COORDINATOR, email="corrie@example.nl")
    handler = make_staff(HANDLER, email="henk@example.nl")
    complaint = registered(app, coordinator)
    url = f"/beheer/klachten/{complaint.reference}/brieven/1"

    assert app.test_client().get(url).status_code == 302, "anonymous: to the login page"
    for role in (COORDINATOR, READER):
        response = staff_client(app, role).get(url)
        assert response.status_code == 200 and response.data.startswith(b"%PDF-"), role
    assert staff_client(app, ADMINISTRATOR).get(url).status_code == 403

    own_handler = CheckingClient(app.test_client())
    log_in(own_handler, "henk@example.nl")
    assert own_handler.get(url).status_code == 403, "not assigned to them"
    acknowledged(complaint, coordinator)
    casework.record(complaint, "assigned", {"handler": handler.id}, coordinator)
    assert own_handler.get(url).status_code == 200, "assigned to them"
    assert own_handler.get(url[:-1] + "9").status_code == 404


def test_the_complaint_page_lists_the_letters_with_their_pdf(app):
    coordinator = make_staff(COORDINATOR)
    with_mail = registered(app, coordinator, mails=True)
    by_post = registered(app, coordinator, email="")
    client = CheckingClient(app.test_client())
    log_in(client, coordinator.email)

    page = client.get(f"/beheer/klachten/{with_mail.reference}?lang=en").text
    letters_part = re.search(r'<h2 id="letters">.*?</table>', page, re.S).group(0)
    assert "Confirmation of receipt" in letters_part
    assert "Yes, to fatima@example.nl (waiting to be sent)" in letters_part
    assert f'href="/beheer/klachten/{with_mail.reference}/brieven/1"' in letters_part
    assert page.index('id="letters"') < page.index("<h2>Timeline</h2>"), "before the timeline"

    page = client.get(f"/beheer/klachten/{by_post.reference}?lang=en").text
    assert "No: send it by post" in page


# --- the migration ------------------------------------------------------------------------

def test_migration_0009_goes_down_and_up_again(app):
    path = Path(__file__).resolve().parents[2] / "migrations" / "0009_letters.py"
    spec = importlib.util.spec_from_file_location("migration_0009", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with db.database.connection_context():
        migrator = SchemaMigrator.from_database(db.database.obj)
        with db.database.atomic():
            migration.down(migrator, db.database.obj)
        assert "letter" not in db.database.get_tables()
        with db.database.atomic():
            migration.up(migrator, db.database.obj)
        assert set(Letter._meta.columns) <= {c.name for c in db.database.get_columns("letter")}
        indexes = {tuple(i.columns): i.unique for i in db.database.get_indexes("letter")}
        assert indexes[("complaint_id", "number")] is True
