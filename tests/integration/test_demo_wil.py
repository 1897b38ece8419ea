"""`flask demo-data --preset wil-lekstroom` fills the register so that its figures are exactly
those of WIL's annual report 2024 (seed 002; domain section 6). Every cell is counted here by
SQL over the register's columns, as casework stored them from the steps."""
from datetime import date

import pytest
from peewee import Case, fn

# Domain section 6, written out again (not imported from the generator).
UNIT_BY_CATEGORY_2024 = {
    ("Inkomen", "Bejegening"): 4, ("Inkomen", "Gebrekkige informatie / nalatigheid"): 3,
    ("SHV", "Bejegening"): 5, ("SHV", "Gebrekkige informatie / nalatigheid"): 3,
    ("Inkomensondersteuning", "Gebrekkige informatie / nalatigheid"): 4,
    ("Inkomensondersteuning", "Afhandelingsduur"): 1,
    ("Werk", "Bejegening"): 18, ("Werk", "Gebrekkige informatie / nalatigheid"): 2,
    ("Bedrijfsvoering", "Bejegening"): 4,
    ("Bedrijfsvoering", "Gebrekkige informatie / nalatigheid"): 3,
}
BY_MUNICIPALITY = {   # 2024 / 2023 / 2022 / 2021
    "IJsselstein": (15, 10, 12, 8), "Houten": (9, 7, 5, 9), "Nieuwegein": (22, 22, 32, 17),
    "Lopik": (1, 1, 3, 0),
}
OUTCOMES = {          # handled in 2024 / 2023 / 2022
    "upheld": (3, 6, 5), "partly_upheld": (6, 6, 2), "not_upheld": (21, 7, 9),
    "resolved_by_agreement": (15, 19, 23), "withdrawn": (0, 2, 2), "not_admissible": (2, 3, 9),
}


def _in(column, year):
    return column.between(date(year, 1, 1), date(year, 12, 31))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def filled(request, tmp_path_factory):
    """The command run once per database on an empty register (it takes seconds); the tests
    only read what it stored. Yields the command's output."""
    from argon2 import PasswordHasher

    from app import create_app
    from klachtenloket import db
    from klachtenloket.services import accounts
    from tests.conftest import _empty_tables
    url = request.getfixturevalue(f"{request.param}_url")
    patch = pytest.MonkeyPatch()
    patch.setenv("KLACHTENLOKET_INSTANCE", str(tmp_path_factory.mktemp("instance")))
    patch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    app = create_app({"DATABASE_URL": url, "TESTING": True, "MAIL_PORT": 1})
    db.migrate()
    _empty_tables()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo-data", "--preset", "wil-lekstroom"])
    assert result.exit_code == 0, result.output
    yield result.output, runner
    _empty_tables()
    if hasattr(db.database.obj, "close_all"):
        db.database.obj.close_all()
    patch.undo()


def test_the_received_figures_are_the_reports(filled):
    """Received in 2024 by unit and category; by municipality 2021-2024."""
    from klachtenloket.models import Complaint
    rows = (Complaint.select(Complaint.unit, Complaint.category, fn.COUNT(Complaint.id))
            .where(_in(Complaint.received_on, 2024))
            .group_by(Complaint.unit, Complaint.category).tuples())
    assert {(unit, category): n for unit, category, n in rows} == UNIT_BY_CATEGORY_2024
    assert sum(UNIT_BY_CATEGORY_2024.values()) == 47
    for index, year in enumerate((2024, 2023, 2022, 2021)):
        rows = (Complaint.select(Complaint.municipality, fn.COUNT(Complaint.id))
                .where(_in(Complaint.received_on, year))
                .group_by(Complaint.municipality).tuples())
        expected = {name: counts[index] for name, counts in BY_MUNICIPALITY.items()
                    if counts[index]}
        assert dict(rows) == expected, year
    totals = [Complaint.select().where(_in(Complaint.received_on, y)).count()
              for y in (2024, 2023, 2022, 2021)]
    assert totals == [47, 40, 52, 34]


def test_the_handled_figures_are_the_reports(filled):
    """Outcomes 2022-2024 (a withdrawn complaint has no decision: it counts by its state);
    of 2024's 47, 4 formal, one about the coordinator handled by a manager; every 2024
    decision within its term; a publication line for each (partly) upheld one."""
    from klachtenloket.models import Complaint, Staff
    outcome = Case(None, ((Complaint.state == "withdrawn", "withdrawn"),), Complaint.outcome)
    for index, year in enumerate((2024, 2023, 2022)):
        rows = (Complaint.select(outcome, fn.COUNT(Complaint.id))
                .where(_in(Complaint.handled_on, year)).group_by(outcome).tuples())
        expected = {key: counts[index] for key, counts in OUTCOMES.items() if counts[index]}
        assert dict(rows) == expected, year
    handled = Complaint.select().where(_in(Complaint.handled_on, 2024))
    assert handled.count() == 47
    # Handled is not incoming: some of 2024's 47 were received in 2023.
    assert handled.where(_in(Complaint.received_on, 2023)).count() > 0

    formal = list(handled.where(Complaint.formal == True))  # noqa: E712
    assert len(formal) == 4
    coordinator = Staff.get(Staff.role == "coordinator")
    about = [c for c in formal if c.employee_name == coordinator.name]
    assert len(about) == 1
    assert Staff.get_by_id(about[0].handler_id).role == "reader"

    decided = handled.where(Complaint.outcome != "")
    assert decided.count() == 47
    assert decided.where((Complaint.days_late != 0) | Complaint.days_late.is_null()).count() == 0
    upheld = decided.where(Complaint.outcome.in_(("upheld", "partly_upheld")))
    assert upheld.count() == 9 and upheld.where(Complaint.summary == "").count() == 0


def test_no_publication_line_names_its_complainant(filled):
    from klachtenloket.domain.privacy_check import FIELDS, personal_data_in
    from klachtenloket.models import Complaint
    lines = list(Complaint.select().where(Complaint.summary != ""))
    assert len(lines) > 9
    for complaint in lines:
        fields = {name: getattr(complaint, name) for name in FIELDS}
        assert personal_data_in(complaint.summary, fields) == [], complaint.reference


def test_staff_and_call_backs_come_with_it_and_a_second_run_adds_nothing(filled):
    from klachtenloket.models import CallbackRequest, Complaint, Staff
    assert sorted(s.role for s in Staff.select()) == ["coordinator", "handler", "handler",
                                                     "reader"]
    output, runner = filled
    assert output.count("one-time password:") == 4
    assert CallbackRequest.select().count() == 3
    before = Complaint.select().count()
    again = runner.invoke(args=["demo-data", "--preset", "wil-lekstroom"])
    assert again.exit_code == 0 and "Nothing added" in again.output
    assert Complaint.select().count() == before


def test_a_preset_without_a_demo_data_set_is_refused(filled):
    _output, runner = filled
    result = runner.invoke(args=["demo-data", "--preset", "ijmond-werkt"])
    assert result.exit_code == 2 and "wil-lekstroom" in result.output
