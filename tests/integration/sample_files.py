"""Files made in the test: good ones of each allowed type, and a corpus of hostile ones
(issue 7: renamed executables, HTML as PDF, SVG with script, decompression bombs, `../` names)."""
import io
import struct
import zipfile
import zlib
from pathlib import Path

WORD_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
              'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
              'officedocument.wordprocessingml.document.main+xml"/></Types>')


def pdf(text: str = "Brief van de gemeente") -> bytes:
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image(fmt: str, size=(64, 48)) -> bytes:
    from PIL import Image
    if fmt == "HEIF":
        import pillow_heif
        pillow_heif.register_heif_opener()
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, fmt)
    return out.getvalue()


def docx(extra: dict | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", WORD_TYPES)
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document><w:body>Brief</w:body></w:document>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack("!I", len(data)) + kind + data + struct.pack("!I", zlib.crc32(kind + data))


def png_bomb(side: int = 50_000) -> bytes:
    """A valid PNG header claiming side × side pixels (2.5 billion) in a few hundred bytes."""
    header = struct.pack("!IIBBBBB", side, side, 8, 0, 0, 0, 0)     # 8-bit greyscale
    rows = zlib.compress(b"\0" * (side + 1) * 4, 9)                 # the first rows only
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", rows)
            + _png_chunk(b"IEND", b""))


def zip_bomb_docx() -> bytes:
    """A real Word package with 60 MB of zeros inside, a few dozen KB packed."""
    return docx({"word/media/image1.bin": b"\0" * (60 * 1024 * 1024)})


def executable() -> bytes:
    return Path("/bin/true").read_bytes()


HOSTILE = {
    # name: (file name as sent, its bytes)
    "ELF executable renamed to .pdf": ("factuur.pdf", executable),
    "Windows executable renamed to .pdf": ("brief.pdf", lambda: b"MZ\x90\x00\x03" + b"\0" * 60
                                           + b"PE\0\0" + b"\0" * 400),
    "HTML renamed to .pdf": ("brief.pdf", lambda: b"<!DOCTYPE html><html><body><script>"
                             b"fetch('/beheer/')</script></body></html>"),
    "PDF header that does not parse": ("brief.pdf", lambda: b"%PDF-1.7\n<html><script>alert(1)"
                                       b"</script></html>\n%%EOF"),
    "SVG with script renamed to .png": ("foto.png", lambda: b'<svg xmlns="http://www.w3.org/2000/'
                                        b'svg"><script>alert(document.cookie)</script></svg>'),
    "SVG with script": ("tekening.svg", lambda: b'<svg xmlns="http://www.w3.org/2000/svg">'
                        b'<script>alert(1)</script></svg>'),
    "PNG decompression bomb": ("scan.png", png_bomb),
    "zip bomb as .docx": ("verslag.docx", zip_bomb_docx),
    "plain zip as .docx": ("verslag.docx", lambda: _zip({"a.txt": "hallo"})),
    "JPEG renamed to .png": ("foto.png", lambda: image("JPEG")),
    "../../etc/passwd": ("../../etc/passwd", lambda: b"root:x:0:0:root:/root:/bin/bash\n"),
    "empty file": ("leeg.pdf", lambda: b""),
    "Word file with macros": ("brief.docx", lambda: docx({"word/vbaProject.bin": b"\1" * 500})),
}


def _zip(members: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()
