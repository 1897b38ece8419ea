"""The organisation whose portal this is: the newest stored configuration, else the preset."""
import json

from flask import current_app, g

from klachtenloket.domain.organisation import Organisation, load_preset
from klachtenloket.models import OrganisationConfig


def stored_or_preset() -> dict:
    row = OrganisationConfig.select().order_by(OrganisationConfig.id.desc()).first()
    if row is not None:
        return json.loads(row.data_json)
    return load_preset(current_app.config["PRESET"])


def current_organisation() -> Organisation:
    if "organisation" not in g:
        g.organisation = Organisation.from_dict(stored_or_preset())
    return g.organisation
