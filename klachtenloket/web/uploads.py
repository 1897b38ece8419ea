"""Files in a resident's request: the larger body the two forms with a file field may send, and
the chosen files read within the per-file cap (klachtenloket.services.attachments checks them)."""
from flask import current_app, request
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

FIELD = "attachment"


def allow_files() -> None:
    """Call before the form is read: a multipart request to this view may carry
    ATTACHMENT_MAX_TOTAL of files on top of MAX_CONTENT_LENGTH (Flask 3.1's per-request limit);
    every other request keeps the small one."""
    if request.mimetype == "multipart/form-data":     # only a form with a file field sends it
        config = current_app.config
        request.max_content_length = config["MAX_CONTENT_LENGTH"] + config["ATTACHMENT_MAX_TOTAL"]


def chosen() -> list[FileStorage]:
    return [f for f in request.files.getlist(FIELD) if f and f.filename]


def read(storage: FileStorage) -> bytes:
    """The file's bytes, at most one past the cap (enough to know it is too large)."""
    return storage.stream.read(current_app.config["ATTACHMENT_MAX_FILE"] + 1)


def files() -> list[tuple[str, bytes]]:
    return [(storage.filename, read(storage)) for storage in chosen()]


def problem(name: str, message) -> str:
    """A refused file's error, naming the file."""
    return _("%(file)s: %(problem)s", file=name, problem=str(message))
