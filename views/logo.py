"""/logo/<sha256>.<png|jpg>: the organisation's logo (services/logos). Public and GET only. The
address holds the image's hash, so it never changes for another image: browsers and proxies
may keep it for a year."""
from flask import Blueprint, abort, current_app, request

from klachtenloket.services import logos

bp = Blueprint("logo", __name__)
A_YEAR = 365 * 24 * 3600


@bp.get("/logo/<digest>.<ext>")
def image(digest: str, ext: str):
    logo = logos.find(digest)
    if logo is None or logos.extension(logo) != ext:
        abort(404)
    response = current_app.response_class(logos.image_bytes(logo), mimetype=logo.content_type)
    response.set_etag(digest)
    response.headers["Cache-Control"] = f"public, max-age={A_YEAR}, immutable"
    return response.make_conditional(request)


@bp.app_template_global("logo_url")
def logo_url(org) -> str:
    """The address of `org`'s logo, or "" when it has none (or it is not stored here)."""
    logo = logos.find_meta(org.logo) if org.logo else None
    if logo is None:
        return ""
    return current_app.url_for("logo.image", digest=logo.digest, ext=logos.extension(logo))


# The upload page's own limit: the logo may be up to logos.MAX_BYTES, more than other requests
# (MAX_CONTENT_LENGTH); a file above it is refused at the field, not with an error page.
UPLOAD_ENDPOINT = "staff.settings_logo"
UPLOAD_LIMIT = logos.MAX_BYTES * 2 + 64 * 1024


def larger_upload() -> None:
    if request.endpoint == UPLOAD_ENDPOINT and request.method == "POST":
        request.max_content_length = max(UPLOAD_LIMIT,
                                         current_app.config.get("MAX_CONTENT_LENGTH") or 0)
