"""Files with a complaint (issue 7, "Attachments"): what the resident may send, that a chosen
file survives a form shown again and the check page, how staff get it, and the hostile corpus.
Every refused file comes back as an error at the file field with everything typed kept."""
import io
import os
import re
import socketserver
import stat
import struct
import tempfile
import threading
from pathlib import Path

import pytest

from klachtenloket.domain.roles import COORDINATOR, HANDLER, READER
from klachtenloket.models import Attachment, AuditEntry, Complaint, Event
from klachtenloket.services import attachments
from klachtenloket.services.backup import uploads_dir
from tests.conftest import csrf_token
from tests.integration import sample_files
from tests.integration.helpers import (GOOD_DETAILS, choose_who, error_summary, logged_in,
                                       make_staff, send)

pytestmark = pytest.mark.usefixtures("cheap_hashing")


def post_details(client, files=(), **overrides):
    """The details form as a browser sends it, with `files`: [(name, bytes)]."""
    page = client.get("/klacht/gegevens")
    data = {**GOOD_DETAILS, **overrides, "csrf_token": csrf_token(page.text)}
    if files:
        data["attachment"] = [(io.BytesIO(content), name) for name, content in files]
    return client.post("/klacht/gegevens", data=data, content_type="multipart/form-data")


def stored_files(app) -> list[Path]:
    folder = uploads_dir(app.config)
    return sorted(folder.iterdir()) if folder.exists() else []


def field_error(html: str) -> str:
    match = re.search(r'<p class="field-error" id="attachment-error">(.*?)</p>', html, re.S)
    if not match:
        return ""
    text = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", match.group(1))
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def test_a_pdf_survives_a_form_with_errors_and_the_check_page_and_goes_with_the_complaint(
        app, client):
    choose_who(client)
    content = sample_files.pdf()
    shown = post_details(client, [("Beschikking maart.pdf", content)], name="")
    assert shown.status_code == 200
    assert "Enter the name" in error_summary(shown.text) or "Vul de naam in" in error_summary(shown.text)
    assert "Beschikking maart.pdf" in shown.text           # listed, with a remove button
    assert re.search(r'name="remove" value="\d+"', shown.text)
    assert "De medewerker aan de balie was onbeleefd." in shown.text     # the rest kept

    assert post_details(client).status_code == 302        # no file chosen again: still there
    check = client.get("/klacht/controleren")
    assert "Beschikking maart.pdf" in check.text
    sent, key = send(client)
    assert sent.status_code == 303

    complaint = Complaint.get()
    [attachment] = attachments.for_complaint(complaint)
    assert (attachment.filename, attachment.content_type, attachment.size) == \
        ("Beschikking maart.pdf", "application/pdf", len(content))
    path = attachments.path_of(attachment, app.config)
    assert path.read_bytes() == content
    # Outside static/, under a random name, readable by the service user only.
    assert path.parent == uploads_dir(app.config)
    assert "static" not in path.parts and "Beschikking" not in path.name
    assert re.fullmatch(r"[0-9a-f]{32}", path.name)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_staff_who_may_see_the_complaint_download_it_as_an_attachment_with_nosniff(app, client):
    choose_who(client)
    content = sample_files.image("PNG")
    assert post_details(client, [("foto.png", content)]).status_code == 302
    send(client)
    complaint = Complaint.get()
    [attachment] = attachments.for_complaint(complaint)
    url = f"/beheer/klachten/{complaint.reference}/bestanden/{attachment.id}"

    coordinator = logged_in(app, make_staff(COORDINATOR))
    page = coordinator.get(f"/beheer/klachten/{complaint.reference}")
    assert url in page.text and "foto.png" in page.text
    response = coordinator.get(url)
    assert response.status_code == 200
    assert response.data == content
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "foto.png" in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Type"] == "image/png"
    assert "no-store" in response.headers["Cache-Control"]
    assert AuditEntry.select().where(AuditEntry.complaint == complaint,
                                     AuditEntry.detail.contains(f"file {attachment.id}")).count() == 1

    assert logged_in(app, make_staff(READER)).get(url).status_code == 200
    # A handler it is not assigned to may not, and that is not logged as a download.
    assert logged_in(app, make_staff(HANDLER)).get(url).status_code == 403
    assert AuditEntry.select().where(AuditEntry.detail.contains("download")).count() == 2


@pytest.mark.parametrize("label", list(sample_files.HOSTILE))
def test_a_hostile_file_is_refused_at_the_field_and_everything_typed_is_kept(app, client, label):
    name, make = sample_files.HOSTILE[label]
    choose_who(client)
    shown = post_details(client, [(name, make())])
    assert shown.status_code == 200
    message = field_error(shown.text)
    assert message, f"{label}: an error at the file field"
    assert message in error_summary(shown.text) or message.split(": ", 1)[1] in error_summary(shown.text)
    assert "Fatima el Amrani" in shown.text and "De medewerker aan de balie" in shown.text
    assert Attachment.select().count() == 0 and stored_files(app) == []
    assert "/etc/" not in shown.text, "a path is never echoed as given"


@pytest.mark.parametrize("name, make", [("brief.pdf", sample_files.pdf),
                                        ("foto.JPG", lambda: sample_files.image("JPEG")),
                                        ("scan.png", lambda: sample_files.image("PNG")),
                                        ("IMG_0001.HEIC", lambda: sample_files.image("HEIF")),
                                        ("verslag.docx", sample_files.docx)])
def test_each_allowed_type_is_kept(app, client, name, make):
    choose_who(client)
    assert post_details(client, [(name, make())]).status_code == 302
    assert [a.filename for a in Attachment.select()] == [name]


def test_a_path_in_the_name_is_kept_only_as_the_last_part(app, client):
    choose_who(client)
    assert post_details(client, [("../../etc/cron.d/brief\u202e.pdf", sample_files.pdf())]).status_code == 302
    [attachment] = Attachment.select()
    assert attachment.filename == "brief.pdf"
    assert attachments.path_of(attachment, app.config).parent == uploads_dir(app.config)


def test_the_size_caps_per_file_and_per_complaint(app, client):
    app.config.update(ATTACHMENT_MAX_FILE=1024 * 1024, ATTACHMENT_MAX_TOTAL=2 * 1024 * 1024)
    choose_who(client)
    too_large = post_details(client, [("groot.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024))])
    assert "larger than 1 MB" in field_error(too_large.text) or "groter dan 1 MB" in field_error(too_large.text)
    assert "Fatima el Amrani" in too_large.text

    # Three files of 0.8 MB: the third would pass 2 MB together.
    big = sample_files.image("PNG", size=(1200, 1000))
    big = big + b"\0" * (800 * 1024 - len(big))         # PNG ignores trailing bytes
    post_details(client, [("a.png", big), ("b.png", big)])
    third = post_details(client, [("c.png", big)])
    assert field_error(third.text).startswith("c.png")
    assert [a.filename for a in Attachment.select().order_by(Attachment.id)] == ["a.png", "b.png"]


def test_a_request_larger_than_the_caps_gets_the_413_page(app, client):
    app.config.update(ATTACHMENT_MAX_FILE=1024 * 1024, ATTACHMENT_MAX_TOTAL=1024 * 1024)
    choose_who(client)
    response = post_details(client, [("groot.pdf", b"%PDF" + b"0" * (2 * 1024 * 1024))])
    assert response.status_code == 413


def test_remove_takes_the_file_away_and_keeps_what_was_typed(app, client):
    choose_who(client)
    shown = post_details(client, [("brief.pdf", sample_files.pdf())], action="upload", name="")
    assert shown.status_code == 200
    assert "There is a problem" not in shown.text and "Er is een probleem" not in shown.text, \
        "adding a file does not judge the answers yet"
    [attachment] = Attachment.select()
    path = attachments.path_of(attachment, app.config)
    removed = post_details(client, remove=str(attachment.id), name="Jan")
    assert removed.status_code == 200 and 'value="Jan"' in removed.text
    assert Attachment.select().count() == 0 and not path.exists()


def test_someone_else_cannot_remove_a_file_of_my_draft(app, client):
    choose_who(client)
    post_details(client, [("brief.pdf", sample_files.pdf())], action="upload")
    [attachment] = Attachment.select()
    other = app.test_client()
    choose_who(other)
    post_details(other, remove=str(attachment.id))
    assert Attachment.select().count() == 1


def _track_link(client) -> str:
    confirmation = client.get("/klacht/ontvangen")
    return re.search(r'href="(/volgen/[A-Za-z0-9_\-]+)"', confirmation.text).group(1)


def add_information(client, link, text, files=()):
    page = client.get(link)
    data = {"text": text, "csrf_token": csrf_token(page.text)}
    if files:
        data["attachment"] = [(io.BytesIO(content), name) for name, content in files]
    return client.post(f"{link}/aanvullen", data=data, content_type="multipart/form-data")


def test_files_added_on_the_tracking_page_go_with_that_information(app, client):
    choose_who(client)
    post_details(client)
    send(client)
    link = _track_link(client)
    answer = add_information(client, link, "", [("brief.docx", sample_files.docx())])
    assert answer.status_code == 303, "a file alone is enough to add"
    event = Event.get(Event.kind == "information_added")
    [attachment] = attachments.for_complaint(Complaint.get())
    assert attachment.event_id == event.id
    assert "brief.docx" in client.get(link).text

    refused = add_information(client, link, "Hier de brief", [("brief.pdf", sample_files.executable())])
    assert refused.status_code == 400
    assert "brief.pdf" in field_error(refused.text) and "Hier de brief" in refused.text
    assert Event.select().where(Event.kind == "information_added").count() == 1


def test_delete_for_removes_rows_and_files_of_those_complaints_only(app, client):
    for n in range(2):
        c = app.test_client()
        choose_who(c)
        post_details(c, [(f"brief{n}.pdf", sample_files.pdf()), (f"foto{n}.jpg", sample_files.image("JPEG"))])
        send(c)
    first, second = Complaint.select().order_by(Complaint.id)
    paths = [attachments.path_of(a, app.config) for a in attachments.for_complaint(first)]
    with app.app_context():
        assert attachments.delete_for([first.id]) == 2
    assert not any(p.exists() for p in paths)
    assert attachments.for_complaint(first) == [] and len(attachments.for_complaint(second)) == 2


def test_pending_files_of_an_abandoned_draft_go_with_the_draft(app, client):
    import time_machine
    from datetime import datetime, timedelta, timezone
    choose_who(client)
    post_details(client, [("brief.pdf", sample_files.pdf())], action="upload")
    [old] = Attachment.select()
    later = datetime.now(timezone.utc) + timedelta(days=3)
    with time_machine.travel(later, tick=False):
        other = app.test_client()
        choose_who(other)              # saving a draft removes the expired one
        post_details(other, [("foto.png", sample_files.image("PNG"))], action="upload")
    assert [a.filename for a in Attachment.select()] == ["foto.png"]
    assert not attachments.path_of(old, app.config).exists()


# --- ClamAV ------------------------------------------------------------------------------------

class FakeClamd(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """clamd's INSTREAM over a unix socket: FOUND when the stream holds the EICAR marker."""
    daemon_threads = True
    streams: list


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        conn = self.request
        command = b""
        while not command.endswith(b"\0"):
            command += conn.recv(1)
        assert command == b"zINSTREAM\0"
        data = b""
        while True:
            size = struct.unpack("!L", _exactly(conn, 4))[0]
            if size == 0:
                break
            data += _exactly(conn, size)
        self.server.streams.append(data)
        verdict = b"stream: Eicar-Test-Signature FOUND\0" if b"EICAR" in data else b"stream: OK\0"
        conn.sendall(verdict)


def _exactly(conn, size):
    out = b""
    while len(out) < size:
        out += conn.recv(size - len(out))
    return out


@pytest.fixture
def clamd():
    folder = tempfile.mkdtemp(prefix="kl-clamd-", dir="/tmp")   # unix socket paths are short
    path = os.path.join(folder, "clamd.sock")
    server = FakeClamd(path, Handler)
    server.streams = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, path
    server.shutdown()
    server.server_close()
    os.unlink(path)
    os.rmdir(folder)


def test_with_clamd_a_clean_file_is_scanned_and_kept_and_an_infected_one_refused(app, client, clamd):
    server, path = clamd
    app.config["CLAMD_SOCKET"] = path
    choose_who(client)
    content = sample_files.pdf()
    assert post_details(client, [("brief.pdf", content)], action="upload").status_code == 200
    assert server.streams == [content] and Attachment.select().count() == 1

    infected = sample_files.pdf("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!")
    shown = post_details(client, [("virus.pdf", infected)])
    assert shown.status_code == 200
    assert "virus.pdf" in field_error(shown.text) and "virus" in field_error(shown.text).lower()
    assert Attachment.select().count() == 1 and "Fatima el Amrani" in shown.text


def test_an_unreachable_scanner_refuses_the_file_try_again_later_and_keeps_the_rest(app, client):
    app.config["CLAMD_SOCKET"] = "/tmp/kl-no-clamd-here.sock"
    choose_who(client)
    shown = post_details(client, [("brief.pdf", sample_files.pdf())])
    assert shown.status_code == 200
    assert "Try again later" in field_error(shown.text) or "Probeer het later" in field_error(shown.text)
    assert "Fatima el Amrani" in shown.text and "De medewerker aan de balie" in shown.text
    assert Attachment.select().count() == 0 and stored_files(app) == []
    # Without a file the complaint goes on as usual.
    assert post_details(client).status_code == 302


def test_a_form_with_a_stale_token_keeps_no_file(app, client):
    choose_who(client)
    client.get("/klacht/gegevens")
    data = {**GOOD_DETAILS, "csrf_token": "stale",
            "attachment": [(io.BytesIO(sample_files.pdf()), "brief.pdf")]}
    shown = client.post("/klacht/gegevens", data=data, content_type="multipart/form-data")
    assert shown.status_code in (200, 400) and "Fatima el Amrani" in shown.text
    assert Attachment.select().count() == 0 and stored_files(app) == []
