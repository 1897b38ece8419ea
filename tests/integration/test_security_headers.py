"""Security headers on every response (klachtenloket/web/security.py), on SQLite and PostgreSQL:

- a Content-Security-Policy without 'unsafe-inline' for scripts or styles, which forbids framing;
- nosniff, Referrer-Policy no-referrer, no framing, on pages, error pages and static files;
- Cache-Control: no-store on every page that may hold personal data: the intake after its first
  step, the tracking page and its letters, the staff pages;
- HSTS exactly when the public address is https://;
- no template carries inline script, style or event handlers (the CSP would block them).
"""
import re
from pathlib import Path

import pytest

from tests.integration.helpers import (choose_who, file_complaint, logged_in, make_staff,
                                       page_of, registered)

pytestmark = pytest.mark.usefixtures("cheap_hashing")

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Made into PDFs by WeasyPrint, never served as HTML: their <style> never meets a browser's CSP.
# So is every template named pdf.html (the yearly report's).
PDF_ONLY = {"letters", "paper"}
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)


def directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


def assert_safe_headers(response):
    csp = directives(response)
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert csp["script-src"] == "script-src 'self'" and csp["style-src"] == "style-src 'self'"
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Frame-Options"] == "DENY"


def assert_not_stored(response):
    assert "no-store" in response.headers.get("Cache-Control", ""), response.request.path


def test_public_pages_errors_and_files_carry_the_headers(client):
    for path in ("/", "/klacht/indienen", "/volgen/", "/bestaat-niet",
                 "/static/css/public.css", "/static/js/htmx.min.js"):
        assert_safe_headers(client.get(path))


def test_pages_with_personal_data_are_never_cached(app, client):
    choose_who(client)
    assert_not_stored(client.get("/klacht/gegevens"))
    confirmation, link = file_complaint(client)
    assert_not_stored(client.get("/klacht/ontvangen"))
    tracking = client.get(link)
    assert_safe_headers(tracking)
    assert_not_stored(tracking)
    assert_not_stored(client.get(f"{link}/intrekken"))

    coordinator = make_staff("coordinator")
    staff = logged_in(app, coordinator)
    complaint = registered(app, coordinator)
    for path in ("/beheer/", "/beheer/klachten", page_of(complaint)):
        response = staff.get(path)
        assert response.status_code == 200, path
        assert_safe_headers(response)
        assert_not_stored(response)


def test_a_letter_as_pdf_is_never_cached(app, client):
    from klachtenloket.models import Complaint
    from klachtenloket.services import letters
    _html, link = file_complaint(client)
    complaint = Complaint.get()
    found = letters.for_complaint_letters(complaint)
    if not found:
        pytest.skip("no letter is made on filing for this organisation")
    number = getattr(found[0], "number", 1)
    response = client.get(f"{link}/brieven/{number}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert_not_stored(response)
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_hsts_only_when_the_public_address_is_https(app, monkeypatch):
    assert "Strict-Transport-Security" not in app.test_client().get("/").headers
    from app import create_app
    from klachtenloket import db
    before = db.database.obj
    secure = create_app({"DATABASE_URL": app.config["DATABASE_URL"], "TESTING": True,
                         "PUBLIC_URL": "https://klachten.example.nl"})
    try:
        response = secure.test_client().get("/", base_url="https://klachten.example.nl")
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
        assert_safe_headers(response)
    finally:
        if hasattr(db.database.obj, "close_all"):
            db.database.obj.close_all()
        db.database.initialize(before)


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "an on…= event handler"),
    (re.compile(r"\shx-on[:-]", re.I), "hx-on (needs eval)"),
    (re.compile(r"=\s*[\"']\s*javascript:", re.I), "a javascript: URL"),
]


def test_no_template_holds_inline_script_or_style():
    found = []
    for template in TEMPLATES.rglob("*.html"):
        relative = template.relative_to(TEMPLATES)
        if relative.parts[0] in PDF_ONLY or relative.name == "pdf.html":
            continue
        text = JINJA_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), template.read_text())
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{template.relative_to(TEMPLATES)}:{line}: {what}")
    assert not found, "the CSP blocks these:\n" + "\n".join(found)


def test_htmx_is_told_to_add_no_style_and_to_send_the_csrf_token(app):
    staff = logged_in(app, make_staff("coordinator"))
    html = staff.get("/beheer/klachten").text
    assert '<meta name="htmx-config" content=\'{"includeIndicatorCSS": false}\'>' in html
    token = re.search(r'<meta name="csrf-token" content="([^"]+)">', html).group(1)
    script = (TEMPLATES.parent / "static/js/staff.js").read_text()
    assert "X-CSRFToken" in script and "htmx:config:request" in script
    # The header alone is enough: a step sent by htmx without the form's token field.
    response = staff.post("/beheer/uitloggen", headers={"X-CSRFToken": token, "HX-Request": "true"})
    assert response.status_code == 303
