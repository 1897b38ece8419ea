"""The back office, for staff: one blueprint under /beheer.

Deny by default: every endpoint but the login page needs a logged-in staff member, and each
view names the roles that may use it (klachtenloket.web.access.role_required). Unlike the
residents' blueprints, this one stays under the app's global CSRF check.
"""
from flask import Blueprint

from klachtenloket.web import access

bp = Blueprint("staff", __name__, url_prefix="/beheer")

from views.staff import audit, auth, callbacks, casework, complaints, configuration, letter_texts, letters, people, registration, settings  # noqa: E402,F401 — their routes register on bp

access.protect(bp, public=("staff.login",))
