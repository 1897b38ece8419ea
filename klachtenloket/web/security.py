"""Headers on every response: nothing from other hosts, no inline script or style, no framing,
no sniffing, no caching of pages that may hold personal data, and HSTS behind TLS.

The CSP has no 'unsafe-inline' for scripts or styles: templates hold no <script>, <style>,
style="…" or on…= attributes (tests/integration/test_security_headers.py looks), and htmx is
told not to add its indicator style (templates/staff/base.html, htmx-config)."""
from flask import current_app, request
from werkzeug.exceptions import HTTPException

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


def headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    # Tracking links carry their secret in the path: never send it on to another page.
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    hsts = current_app.config.get("STRICT_TRANSPORT_SECURITY")
    if hsts:    # set when PUBLIC_URL is https:// (config.py)
        response.headers.setdefault("Strict-Transport-Security", hsts)
    if request.endpoint and not request.endpoint.startswith("static"):
        # Pages, letters and PDFs may hold personal data; no cache keeps a copy. Routes that
        # hold none and want caching (the brand stylesheet, the logo) set their own value.
        response.headers.setdefault("Cache-Control", "no-store")
        response.vary.add("Cookie")
    return response


# The blueprints app.py exempts from the global CSRF check: their forms check their own token.
SELF_CHECKING = ("public", "callback", "track")


def tokenless_post(response):
    """A resident's form with a stale token is shown again with everything typed (forms/base.py);
    a POST that carries no token at all is no stale page but a request made elsewhere. Its
    status says so (400), like the staff forms under the global check; nothing was stored."""
    if request.method != "POST" or request.blueprint not in SELF_CHECKING \
            or response.status_code != 200:
        return response
    try:
        has_token = "csrf_token" in request.form
    except HTTPException:   # a body too large to read: its own error page already answers
        return response
    if not has_token:
        response.status_code = 400
    return response
