"""The complaint form to print (issue 5; seed 001 offers one), on SQLite and PostgreSQL: an A4
PDF in each offered language with the organisation's name, where to send it and the fields of
the web form as configured; made once per language and configuration, then served from the
cache; linked from the start page next to the postal address, with its type and size."""
import re
import zlib

import pytest

from klachtenloket.domain.organisation import load_preset
from klachtenloket.services import configuration
from views import paper_form

URL = "/klacht/formulier.pdf"


def streams(pdf: bytes) -> list[bytes]:
    """The PDF's streams, unpacked (as test_letters_sent.readable, without a PDF library)."""
    found = []
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            found.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            pass
    return found


def pdf_text(pdf: bytes) -> str:
    """Each line of text on the pages, decoded with every font's ToUnicode map in turn (a line
    is drawn in one font; decoded with another it reads as nonsense, which no test looks for)."""
    unpacked = streams(pdf)
    maps = []
    for cmap in (s for s in unpacked if b"begincmap" in s):
        pairs = dict(re.findall(rb"<([0-9a-f]{4})>\s*<([0-9a-f]+)>", cmap.lower()))
        maps.append({code: bytes.fromhex(text.decode()).decode("utf-16-be")
                     for code, text in pairs.items()})
    lines = []
    for content in (s for s in unpacked if b" TJ" in s):
        for array in re.findall(rb"\[(.*?)\]\s*TJ", content, re.S):
            codes = [c.lower() for c in re.findall(rb"<([0-9a-fA-F]{4})>", array)]
            for unicode_of in maps:
                lines.append("".join(unicode_of.get(code, "\ufffd") for code in codes))
    return "\n".join(lines)


@pytest.fixture
def bijstand_naar_werk(app):
    """Seed 001's organisation, which offers a complaint form for the post."""
    configuration.save(load_preset("bijstand-naar-werk"))


@pytest.mark.parametrize("lang, labels", [
    ("nl", ["Klachtformulier", "Naam *", "Straat en huisnummer *", "Wat is er gebeurd? *",
            "Handtekening *", "Stuur het formulier naar:", "Klantnummer"]),
    ("en", ["Complaint form", "Name *", "Street and house number *", "What happened? *",
            "Signature *", "Send the form to:", "Client number"]),
])
def test_the_form_is_an_a4_pdf_in_the_language_asked_for(client, bijstand_naar_werk, lang,
                                                         labels):
    response = client.get(f"{URL}?lang={lang}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    data = response.data
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    objects = b"\n".join([data, *streams(data)])
    assert b"/MediaBox [0 0 595.2" in objects and b" 841.8" in objects, "A4: 595 x 842 points"
    assert f"/Lang ({lang})".encode() in objects
    text = pdf_text(data)
    assert "Bijstand naar Werk" in text
    assert "Postbus 170" in text and "5240 AD Rosmalen" in text, "where to send it"
    for label in labels:
        assert label in text, label


def test_the_form_follows_the_configuration(client, app):
    """WIL: filing for someone else and its teams are on the form; without a postal address
    the form does not say where to send it. Without them, those parts are left out."""
    wil = pdf_text(client.get(f"{URL}?lang=en").data)
    assert "Werk en Inkomen Lekstroom" in wil
    assert "2. Do you make the complaint for someone else?" in wil
    assert "Inkomensondersteuning" in wil and "Send the form to:" not in wil

    data = load_preset("bijstand-naar-werk")
    data["intake"] = {**data.get("intake", {}), "on_behalf": False, "units": [],
                      "reply_by": ["letter"]}
    configuration.save(data)
    text = pdf_text(client.get(f"{URL}?lang=en").data)
    assert "someone else" not in text and "Which team" not in text
    assert "By letter" in text and "By e-mail" not in text
    assert "2. Your complaint" in text


def test_the_form_is_made_once_per_language_and_configuration(client, bijstand_naar_werk,
                                                             monkeypatch):
    made = []
    render = paper_form._render

    def counting(lang):
        made.append(lang)
        return render(lang)
    monkeypatch.setattr(paper_form, "_render", counting)
    paper_form._made.clear()

    first = client.get(f"{URL}?lang=nl")
    again = client.get(f"{URL}?lang=nl")
    assert first.data == again.data and made == ["nl"]
    assert client.get(URL, headers={"If-None-Match": first.headers["ETag"]}).status_code in (
        200, 304)
    assert client.get(f"{URL}?lang=nl",
                      headers={"If-None-Match": first.headers["ETag"]}).status_code == 304

    paper_form._made.clear()      # a restart: kept in instance/paper-forms/
    assert client.get(f"{URL}?lang=nl").data == first.data and made == ["nl"]

    data = configuration.stored()
    data["organisation"]["name"] = "Bijstand naar Werk B.V."
    configuration.save(data)
    changed = client.get(f"{URL}?lang=nl")
    assert made == ["nl", "nl"] and changed.headers["ETag"] != first.headers["ETag"]
    assert "Bijstand naar Werk B.V." in pdf_text(changed.data)


def test_a_language_not_offered_is_not_found(client):
    assert client.get(f"{URL}?lang=de").status_code == 404


def test_the_start_page_links_the_form_by_the_postal_address(client, bijstand_naar_werk):
    page = client.get("/?lang=nl").text
    link = re.search(r'<a href="/klacht/formulier.pdf\?lang=nl">([^<]+)</a>', page)
    assert link, "the link is on the start page"
    size = len(client.get(f"{URL}?lang=nl").data)
    assert link.group(1) == (f"Of print ons klachtformulier en vul het in "
                             f"(PDF, {round(size / 1024)} kB)")
    assert page.index("Postbus 170") < link.start()
    assert 'href="/klacht/formulier.pdf?lang=en"' in client.get("/?lang=en").text


def test_no_link_without_a_postal_address(client):
    """WIL's seed gives no postal address: no letter channel on the start page, no form."""
    assert "formulier.pdf" not in client.get("/?lang=nl").text
