"""A complaint form to print, for people who complain by post (issue 5; seed 001 offers one):
an A4 PDF in each offered language, with the fields the web form asks for as the organisation
configured them, and where to send it. Public and GET only.

Made with WeasyPrint from templates/paper/complaint_form.html, once per language and
configuration: kept in memory and in instance/paper-forms/ (so a restart or another worker
does not make it again), under a hash of everything that goes into it."""
import hashlib
import json
import threading
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import force_locale, gettext as _

from klachtenloket.domain.organisation import json_ready
from klachtenloket.web.i18n import current_language, offered
from klachtenloket.web.organisation import current_organisation

bp = Blueprint("paper_form", __name__)

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = "paper/complaint_form.html"
_made: dict[str, bytes] = {}
_lock = threading.Lock()


def _fingerprint(lang: str) -> str:
    """What the PDF depends on: the configuration, the language, the template and its
    translations, and the address of the web form it mentions."""
    parts = [json.dumps(json_ready(current_organisation().raw), sort_keys=True,
                        ensure_ascii=False),
             lang, web_address()]
    for path in (ROOT / "templates" / TEMPLATE,
                 ROOT / "translations" / lang / "LC_MESSAGES" / "messages.mo"):
        parts.append(str(path.stat().st_mtime_ns) if path.exists() else "-")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


def web_address() -> str:
    """The start page's address, as mails give it (PUBLIC_URL when set)."""
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    return base + "/" if base else url_for("public.start", _external=True)


def form_html(lang: str) -> str:
    org = current_organisation()
    with force_locale(lang):
        return render_template(TEMPLATE, lang=lang, org=org, letter=org.channel("letter"),
                               email=org.channel("email"), web_address=web_address())


def _render(lang: str) -> bytes:
    import weasyprint     # heavy (and needs Pango): only where a PDF is made
    from weasyprint.urls import URLFetcher

    document = weasyprint.HTML(string=form_html(lang),
                               url_fetcher=URLFetcher(allowed_protocols=()))
    return document.write_pdf(pdf_variant="pdf/ua-1")


def complaint_form(lang: str) -> tuple[bytes, str]:
    """The form in `lang` as PDF bytes, and its version (the ETag)."""
    version = _fingerprint(lang)
    key = f"{lang}:{version}"
    data = _made.get(key)
    if data is not None:
        return data, version
    folder = Path(current_app.instance_path) / "paper-forms"
    path = folder / f"complaint-form-{lang}-{version}.pdf"
    with _lock:     # one render at a time: a burst of first requests makes it once
        data = _made.get(key)
        if data is None and path.is_file():
            data = path.read_bytes()
        if data is None:
            data = _render(lang)
            try:
                folder.mkdir(parents=True, exist_ok=True)
                for old in folder.glob(f"complaint-form-{lang}-*.pdf"):
                    old.unlink(missing_ok=True)
                temporary = path.with_suffix(".tmp")
                temporary.write_bytes(data)
                temporary.replace(path)
            except OSError:
                current_app.logger.warning("cannot keep the complaint form in %s", folder)
        for older in [k for k in _made if k.startswith(f"{lang}:")]:
            del _made[older]
        _made[key] = data
    return data, version


def _language() -> str:
    lang = request.args.get("lang") or current_language()
    if lang not in offered():
        abort(404)
    return lang


@bp.get("/klacht/formulier.pdf")
def pdf():
    lang = _language()
    data, version = complaint_form(lang)
    response = current_app.response_class(data, mimetype="application/pdf")
    filename = _("complaint-form")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}-{lang}.pdf"'
    response.set_etag(version)
    # The same for everyone and without personal data; revalidated (a 304 costs a few bytes).
    response.headers["Cache-Control"] = "no-cache"
    return response.make_conditional(request)


@bp.app_template_global("complaint_form_size")
def complaint_form_size(lang: str) -> str:
    """The form's size in words for the link to it, e.g. "45 KB"."""
    data, _version = complaint_form(lang)
    return _("%(size)d KB", size=max(1, round(len(data) / 1024)))
