"""The organisation whose portal this is: the newest stored configuration, else the preset."""

from flask import current_app, g

from klachtenloket.domain.organisation import Organisation
from klachtenloket.services import configuration


def stored_or_preset() -> dict:
    return configuration.stored_or_preset(current_app.config["PRESET"])


def current_organisation() -> Organisation:
    if "organisation" not in g:
        g.organisation = Organisation.from_dict(stored_or_preset())
    return g.organisation
