"""/huisstijl.css: the organisation's accent colour as a stylesheet. The CSP allows no inline
style, so the colour the administrator chose (organisation.accent_colour) comes from this
route, linked after the stylesheets it overrides. Public: every page uses it, and it holds
nothing but the colour."""
import hashlib

from flask import Blueprint, current_app, request

from klachtenloket.web.organisation import current_organisation

bp = Blueprint("brand", __name__)


def stylesheet_text() -> str:
    colour = current_organisation().accent_colour
    # --accent is the header's background and the links' colour (static/css/public.css).
    return f":root {{ --accent: {colour}; }}\n" if colour else "/* no accent colour set */\n"


def version() -> str:
    """A short hash of the stylesheet: its ETag, and a query string that changes with it so a
    browser never keeps an old colour."""
    return hashlib.sha256(stylesheet_text().encode()).hexdigest()[:16]


@bp.get("/huisstijl.css")
def stylesheet():
    response = current_app.response_class(stylesheet_text(), mimetype="text/css")
    response.set_etag(version())
    # Revalidated on every use (a 304 costs a few bytes); security.headers keeps this value.
    response.headers["Cache-Control"] = "no-cache"
    return response.make_conditional(request)
