"""Whether a file a resident sends may be kept: an allowed extension, content that libmagic
says is that type, and a file that parses as that type within limits (no decompression bombs).

`check` raises Refused with a message for the resident; it never writes anything. What the
file is comes from its bytes; its name only picks the type it must be.
"""
from __future__ import annotations

import io
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass

import magic
from flask_babel import lazy_gettext as _l

# The extension, the type stored and served, and what libmagic may call its content.
ALLOWED = {
    "pdf": ("application/pdf", {"application/pdf"}),
    "jpg": ("image/jpeg", {"image/jpeg"}),
    "jpeg": ("image/jpeg", {"image/jpeg"}),
    "png": ("image/png", {"image/png"}),
    "heic": ("image/heic", {"image/heic", "image/heif"}),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "application/zip"}),
}
ACCEPT = ",".join("." + ext for ext in ALLOWED)     # the file input's accept attribute

# A photo from a 50-megapixel phone camera fits; a PNG that unpacks to gigabytes does not.
MAX_PIXELS = 64_000_000
# A Word file unpacks to a few times its size; a zip bomb to thousands of times.
DOCX_MAX_RATIO = 100
DOCX_MAX_UNPACKED = 200 * 1024 * 1024
DOCX_MAX_ENTRIES = 2_000
WORD_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

NOT_ALLOWED = _l("This type of file is not allowed. Send a PDF, JPG, PNG, HEIC or Word (DOCX) file")
NOT_WHAT_IT_SAYS = _l("This file is not what its name says. Send a real PDF, JPG, PNG, HEIC or "
                      "Word (DOCX) file")
DAMAGED = _l("We cannot open this file. It may be damaged. Save it again and send it once more")
EMPTY = _l("This file is empty. Choose another file")
TOO_LARGE_IMAGE = _l("This picture is too large. Send a smaller picture or a screenshot")
PROTECTED = _l("This PDF has a password. Send a PDF without a password")
UNPACKS_TOO_LARGE = _l("This file becomes far too large when it is opened. Send a smaller file")
MACROS = _l("This Word file contains macros. Save it as a normal Word file (DOCX) and try again")


class Refused(Exception):
    """The file is not kept; str(message) says why, for the resident."""

    def __init__(self, message):
        super().__init__("refused")     # the message stays lazy: it is read in the page's language
        self.message = message


@dataclass
class Checked:
    extension: str
    content_type: str
    filename: str          # for display only


def extension_of(name: str) -> str:
    base = re.split(r"[\\/]", name or "")[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def display_name(name: str) -> str:
    """The file's own name as text to show staff: no folders, no control or odd characters,
    at most 120 characters with the extension kept. Never used as a path."""
    base = unicodedata.normalize("NFC", re.split(r"[\\/]", name or "")[-1])
    base = "".join(c for c in base if unicodedata.category(c)[0] not in "CZ" or c == " ")
    base = re.sub(r"\s+", " ", base).strip(" .")
    stem, ext = base.rsplit(".", 1) if "." in base else (base, "")
    stem = stem.strip(" .")[: 110] or "file"
    return f"{stem}.{ext}" if ext else stem


def check(name: str, data: bytes) -> Checked:
    ext = extension_of(name)
    if ext not in ALLOWED:
        raise Refused(NOT_ALLOWED)
    if not data:
        raise Refused(EMPTY)
    content_type, seen_as = ALLOWED[ext]
    if magic.from_buffer(data[:65536], mime=True) not in seen_as:
        raise Refused(NOT_WHAT_IT_SAYS)
    PARSERS[content_type](data)
    return Checked(ext, content_type, display_name(name))


def _pdf(data: bytes) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise Refused(PROTECTED)
        if len(reader.pages) < 1:
            raise Refused(DAMAGED)
    except Refused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError):
        raise Refused(DAMAGED) from None


def _image(expected: str):
    def parse(data: bytes) -> None:
        from PIL import Image
        if expected == "HEIF":
            import pillow_heif
            pillow_heif.register_heif_opener()
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                with Image.open(io.BytesIO(data)) as image:
                    if image.format != expected:
                        raise Refused(NOT_WHAT_IT_SAYS)
                    # The size comes from the header: refused before anything is unpacked.
                    if image.width * image.height > MAX_PIXELS:
                        raise Refused(TOO_LARGE_IMAGE)
                    image.verify()
            except Refused:
                raise
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                raise Refused(TOO_LARGE_IMAGE) from None
            except Exception:  # noqa: BLE001 — any decoder failure means: not a usable image
                raise Refused(DAMAGED) from None
    return parse


def _docx(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            unpacked = sum(entry.file_size for entry in entries)
            packed = sum(entry.compress_size for entry in entries) or 1
            if (len(entries) > DOCX_MAX_ENTRIES or unpacked > DOCX_MAX_UNPACKED
                    or unpacked / packed > DOCX_MAX_RATIO):
                raise Refused(UNPACKS_TOO_LARGE)
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise Refused(NOT_WHAT_IT_SAYS)
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise Refused(MACROS)
            with archive.open("[Content_Types].xml") as types:
                if WORD_MAIN not in types.read(256 * 1024):
                    raise Refused(NOT_WHAT_IT_SAYS)
    except Refused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError):
        raise Refused(DAMAGED) from None


PARSERS = {
    "application/pdf": _pdf,
    "image/jpeg": _image("JPEG"),
    "image/png": _image("PNG"),
    "image/heic": _image("HEIF"),
    ALLOWED["docx"][0]: _docx,
}
