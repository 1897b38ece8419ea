"""Headers on every response: nothing from other hosts, no framing, no sniffing."""
from flask import request

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


def headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    # Tracking links carry their secret in the path: never send it on to another page.
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if request.endpoint and not request.endpoint.startswith("static"):
        # Pages may hold personal data; no cache keeps a copy.
        response.headers.setdefault("Cache-Control", "no-store")
        response.vary.add("Cookie")
    return response
