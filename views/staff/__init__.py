"""The back office, for staff: one blueprint under /beheer.

Deny by default: every endpoint but the login page needs a logged-in staff member, and each
view names the roles that may use it (klachtenloket.web.access.role_required). Unlike the
residents' blueprints, this one stays under the app's global CSRF check.
"""
from flask import Blueprint

from klachtenloket.web import access

bp = Blueprint("staff", __name__, url_prefix="/beheer")

from views.staff import attachments, spam  # noqa: E402,F401 — files and the spam queue
from views.staff import report  # noqa: E402,F401 — the yearly report
from views.staff import open_data  # noqa: E402,F401 — the register as open data (Woo)
from views.staff import audit, auth, callbacks, casework, complaints, configuration, letter_texts, letters, measures, people, privacy, registration, settings  # noqa: E402,F401 — their routes register on bp

access.protect(bp, public=("staff.login", "staff.login_code", "staff.login_enrol"))
