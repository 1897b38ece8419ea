"""A resident's file name is display text only (klachtenloket/services/file_checks.py): no
folders, no invisible or direction-changing characters, a sane length, the extension kept."""
import pytest

from klachtenloket.services.file_checks import display_name, extension_of


@pytest.mark.parametrize("sent, shown", [
    ("Beschikking maart.pdf", "Beschikking maart.pdf"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\Windows\\brief.PDF", "brief.PDF"),
    ("brief\u202efdp.exe.pdf", "brieffdp.exe.pdf"),       # no right-to-left override
    ("foto\x00\n.jpg", "foto.jpg"),
    ("  .verborgen.docx ", "verborgen.docx"),
    ("", "file"),
    ("x" * 300 + ".heic", "x" * 110 + ".heic"),
])
def test_the_name_shown_is_the_last_part_cleaned(sent, shown):
    assert display_name(sent) == shown


@pytest.mark.parametrize("name, ext", [("a.PDF", "pdf"), ("../x/passwd", ""), ("a.tar.gz", "gz"),
                                       ("map.d/geen", "")])
def test_the_extension_comes_from_the_last_part(name, ext):
    assert extension_of(name) == ext
