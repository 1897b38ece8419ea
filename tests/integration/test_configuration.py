"""Storing the configuration (services.configuration) and `config export` / `config import`,
on SQLite and PostgreSQL: every change is audited, a refused one stores nothing, and a
complaint keeps the procedure it was received under."""
import json
from datetime import date, timedelta

import pytest

from klachtenloket.domain.organisation import Organisation, load_preset, preset_names
from klachtenloket.domain.roles import ADMINISTRATOR, COORDINATOR
from klachtenloket.models import AuditEntry, OrganisationConfig
from klachtenloket.services import configuration
from klachtenloket.services.deadlines import for_complaint
from tests.integration.helpers import make_staff, registered

pytestmark = pytest.mark.usefixtures("cheap_hashing")


def changes() -> list[AuditEntry]:
    return list(AuditEntry.select().where(AuditEntry.action == configuration.CHANGED))


def stored_organisation() -> Organisation:
    return Organisation.from_dict(configuration.stored())


# --- check and save ------------------------------------------------------------------------

def test_a_saved_configuration_is_stored_and_audited_as_who_changed_it(app):
    admin = make_staff(ADMINISTRATOR, name="Bea Beheer")
    data = load_preset("ijmond-werkt")
    row = configuration.save(data, admin, "edited as text")
    assert OrganisationConfig.select().count() == 1
    assert json.loads(row.data_json) == json.loads(configuration.check(data)[1])
    [entry] = changes()
    assert (entry.staff_id, entry.staff_name, entry.detail) == (admin.id, "Bea Beheer",
                                                                "edited as text")
    assert entry.complaint is None
    assert configuration.last_change() == entry


def test_a_refused_configuration_stores_nothing_and_writes_no_audit_row(app):
    admin = make_staff(ADMINISTRATOR)
    configuration.save(load_preset("wil-lekstroom"), admin)
    broken = load_preset("wil-lekstroom")
    broken["procedure"]["decision"] = "six weeks"
    with pytest.raises(configuration.ConfigurationError):
        configuration.save(broken, admin)
    assert OrganisationConfig.select().count() == 1 and len(changes()) == 1
    assert stored_organisation() == Organisation.from_dict(load_preset("wil-lekstroom"))


def test_a_complaint_keeps_its_procedure_and_a_new_one_gets_the_changed_term(app):
    coordinator = make_staff(COORDINATOR)
    received = date(2026, 1, 5)        # a Monday: 6 weeks is Mon 16 Feb, 8 weeks Mon 2 Mar
    before = registered(app, coordinator, received_on=received)
    due_before = {d.name: d.due for d in for_complaint(before)}
    assert due_before["decision"] == date(2026, 2, 16)

    data = load_preset("wil-lekstroom")
    data["procedure"]["decision"] = "8 weeks"
    configuration.save(data, make_staff(ADMINISTRATOR))

    before = type(before).get_by_id(before.id)
    assert {d.name: d.due for d in for_complaint(before)} == due_before
    after = registered(app, coordinator, received_on=received)
    due_after = {d.name: d.due for d in for_complaint(after)}
    assert due_after["decision"] == date(2026, 3, 2)
    assert due_after["decision"] - due_before["decision"] == timedelta(weeks=2)
    assert after.procedure["decision"] != before.procedure["decision"]


# --- the command line -----------------------------------------------------------------------

@pytest.mark.parametrize("name", preset_names())
def test_export_then_import_gives_the_same_organisation(runner, tmp_path, name):
    assert runner.invoke(args=["preset", "load", name]).exit_code == 0
    path = tmp_path / "configuratie.toml"
    result = runner.invoke(args=["config", "export", str(path)])
    assert result.exit_code == 0, result.output
    exported = stored_organisation()

    assert runner.invoke(args=["preset", "load", "wil-lekstroom" if name != "wil-lekstroom"
                               else "ijmond-werkt"]).exit_code == 0
    result = runner.invoke(args=["config", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert stored_organisation() == exported
    assert OrganisationConfig.select().count() == 3
    assert changes()[-1].detail == "imported from configuratie.toml"


def test_export_without_a_file_writes_to_stdout(runner):
    result = runner.invoke(args=["config", "export"])
    assert result.exit_code == 0, result.output
    assert '[organisation]\nname = "Werk en Inkomen Lekstroom"' in result.stdout
    assert Organisation.from_dict(configuration.from_toml(result.stdout)) == \
        Organisation.from_dict(load_preset("wil-lekstroom"))


def test_import_says_what_changed(runner, tmp_path):
    data = load_preset("wil-lekstroom")
    data["procedure"]["decision"] = "8 weeks"
    data["intake"]["units"] = ["Werk"]
    path = tmp_path / "nieuw.toml"
    path.write_text(configuration.to_toml(data), encoding="utf-8")
    result = runner.invoke(args=["config", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "changed: intake, procedure" in result.output
    assert "new complaints" in result.output
    assert stored_organisation().procedure.decision.amount == 8


def test_importing_what_applies_stores_nothing(runner, tmp_path):
    path = tmp_path / "zelfde.toml"
    assert runner.invoke(args=["config", "export", str(path)]).exit_code == 0
    result = runner.invoke(args=["config", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "nothing was stored" in result.output
    assert OrganisationConfig.select().count() == 0 and changes() == []


@pytest.mark.parametrize("text, says", [
    ("[organisation]\nname = \n", "line 2, column 8"),
    ("[organisation]\nname = \"X\"\n", "the key 'second_line' is missing"),
])
def test_a_refused_import_exits_1_with_one_line_and_changes_nothing(runner, tmp_path, text, says):
    assert runner.invoke(args=["preset", "load", "wij-heemstede"]).exit_code == 0
    path = tmp_path / "fout.toml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(args=["config", "import", str(path)])
    assert result.exit_code == 1
    assert says in result.output and "nothing was stored" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert OrganisationConfig.select().count() == 1 and len(changes()) == 1
    assert stored_organisation().name == "WIJ Heemstede"


def test_a_whole_file_is_checked_before_anything_is_stored(runner, tmp_path):
    """A mistake in the last section refuses the whole file."""
    data = load_preset("wil-lekstroom")
    data["second_line"]["kind"] = "judge"
    path = tmp_path / "bijna.toml"
    path.write_text(configuration.to_toml(data), encoding="utf-8")
    result = runner.invoke(args=["config", "import", str(path)])
    assert result.exit_code == 1 and "second_line kind" in result.output
    assert OrganisationConfig.select().count() == 0 and changes() == []
