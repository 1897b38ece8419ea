"""The inbox stays fast with a large register (migration 0012; figures in bench/inbox.py): its
page is an index walk in the list's order, and the name search asks a trigram index — checked
with the planner, on SQLite and PostgreSQL. And the search index follows every change."""
from datetime import date, timedelta

import pytest

from klachtenloket import db
from klachtenloket.domain.roles import COORDINATOR
from klachtenloket.models import Complaint, Staff
from klachtenloket.services import register
from tests.integration.helpers import statements_of

TODAY = date(2026, 3, 2)
COORDINATOR_STAFF = Staff(id=1, role=COORDINATOR, name="Corrie")


def add(n: int, name: str = "Inwoner", state: str = "acknowledged", **values) -> Complaint:
    received = date(2026, 1, 1) + timedelta(days=n % 60)
    return Complaint.create(reference=f"KL-2026-{n:05d}", received_on=received, name=name,
                            description="Te lang gewacht.", state=state,
                            next_deadline=received + timedelta(weeks=6),
                            next_deadline_name="decision", **values)


def found(search: str, **filters) -> list[str]:
    page = register.complaints_for(COORDINATOR_STAFF, {"q": search, **filters}, today=TODAY)
    return [c.reference for c in page.complaints]


def listing_queries(filters: dict) -> list[tuple[str, tuple]]:
    """The SELECTs complaints_for runs for these filters, with their parameters."""
    ran = statements_of(lambda: register.complaints_for(COORDINATOR_STAFF, filters, today=TODAY))
    return [(sql, params) for sql, params in ran if sql.startswith('SELECT "t1"."id", "t1"."reference"')]


def plan(sql: str, params: tuple, *off: str) -> str:
    """SQLite's plan; PostgreSQL's with the plans in `off` (besides reading the whole table)
    made unattractive: on a test-sized table it sorts or scans happily, and the question is
    whether an index can answer, as it must at 100 000 complaints."""
    if db.is_sqlite():
        return " | ".join(row[-1] for row in db.database.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
    with db.database.atomic():
        for setting in ("enable_seqscan", *off):
            db.database.execute_sql(f"SET LOCAL {setting} = off")
        return " | ".join(row[0] for row in db.database.execute_sql("EXPLAIN " + sql, params))


@pytest.fixture
def many(fresh_database_url):
    """400 complaints in a database of their own: ANALYZE's statistics stay with it."""
    db.bind(fresh_database_url)
    db.migrate()
    with db.database.connection_context():
        with db.database.atomic():
            for n in range(1, 401):
                add(n, name=f"Inwoner {n}", unit=("Werk", "Inkomen", "SHV")[n % 3])
        db.database.execute_sql("ANALYZE")
    yield
    if not db.database.is_closed():
        db.database.close()


def test_a_page_of_the_inbox_is_an_index_walk_in_its_order_not_a_sort(many):
    for filters in ({}, {"due": "overdue"}, {"unit": "Werk"}):
        (sql, params), = listing_queries(filters)
        shown = plan(sql, params, "enable_sort", "enable_bitmapscan")
        assert "complaint_inbox" in shown, (filters, shown)
        assert "TEMP B-TREE" not in shown and "Sort" not in shown, (filters, shown)


def test_the_name_search_asks_the_trigram_index(many):
    if db.is_sqlite():
        (sql, params), = listing_queries({"q": "inwoner 12"})
        shown = plan(sql, params)
        assert "complaint_name_search VIRTUAL TABLE INDEX 0:L" in shown, shown
        assert "complaint_reference" in shown, "the reference by its own index"
    else:
        # The search's own condition, as register builds it: both halves from the GIN index.
        shown = plan(*Complaint.select(Complaint.id).where(register._search("inwoner 12")).sql(),
                     "enable_indexscan", "enable_indexonlyscan")
        assert shown.count("Bitmap Index Scan on complaint_search_trgm") == 2, shown


def test_the_search_follows_new_renamed_and_removed_complaints(app):
    piet = add(1, name="Piet Bellen")
    add(2, name="Anna Bakker")
    assert found("bellen") == ["KL-2026-00001"]
    Complaint.update(name="Piet Mulder").where(Complaint.id == piet.id).execute()
    assert found("bellen") == [] and found("mulder") == ["KL-2026-00001"]
    Complaint.delete().where(Complaint.id == piet.id).execute()
    assert found("mulder") == [] and found("bakker") == ["KL-2026-00002"]


@pytest.mark.parametrize("search, expected", [
    ("li", ["KL-2026-00001"]),                  # shorter than a trigram: still found
    ("LI WEI", ["KL-2026-00001"]), ("wei", ["KL-2026-00001"]),
    ("kl-2026-0000", ["KL-2026-00001", "KL-2026-00002", "KL-2026-00003"]),
    ("KL-2026-00002", ["KL-2026-00002"]),
    ("*", []), ("KL-2026-0000?", []), ("[K]", []),   # GLOB's wildcards are plain text
    ("50%", ["KL-2026-00003"]), ("%", ["KL-2026-00003"]), ("_", ["KL-2026-00002"]),
    ("100", []),
])
def test_the_search_takes_what_is_typed_literally(app, search, expected):
    add(1, name="Li Wei")
    add(2, name="jan_de_vries")
    add(3, name="Stichting 50% Korting")
    assert sorted(found(search)) == expected


def test_the_search_keeps_to_the_state_filter(app):
    add(1, name="Piet Bellen")
    add(2, name="Piet Bellen", state="withdrawn")
    assert found("bellen") == ["KL-2026-00001"]
    assert sorted(found("bellen", state="all")) == ["KL-2026-00001", "KL-2026-00002"]


def test_a_teams_open_complaints_are_counted_from_an_index_of_team_and_state(many):
    """Not from the yearly report's index of every complaint the team ever had (migration 0020;
    at a million complaints that took 250 ms on SQLite; PostgreSQL's planner, with its own
    statistics per value, did not make that choice)."""
    if not db.is_sqlite():
        pytest.skip("SQLite's planner only")
    query = register._where(Complaint.select(Complaint.id), {"unit": "Werk"}, TODAY)
    shown = plan(*query.sql())
    assert "complaint_unit_state" in shown or "complaint_inbox" in shown, shown
    assert "complaint_report_received" not in shown, shown
