"""The yearly report stays fast with a large register (migration 0019; figures in
bench/report.py): its counts are read from the two covering indexes, never from the table —
checked with the planner, on SQLite and PostgreSQL."""
from datetime import date, timedelta

import pytest

from klachtenloket import db
from klachtenloket.domain.organisation import Organisation, load_preset
from klachtenloket.models import Complaint
from klachtenloket.services import report
from tests.integration.helpers import statements_of
from tests.integration.test_inbox_indexes import plan


@pytest.fixture
def register(fresh_database_url):
    """600 complaints over 2022–2024, most handled, in a database of their own."""
    db.bind(fresh_database_url)
    db.migrate()
    with db.database.connection_context():
        with db.database.atomic():
            for n in range(600):
                received = date(2022, 1, 1) + timedelta(days=n * 53 % 1095)
                handled = received + timedelta(days=n % 50) if n % 10 else None
                Complaint.create(reference=f"KL-T-{n}", received_on=received,
                                 name="Inwoner", description="Te lang gewacht.",
                                 state="closed" if handled else "in_handling",
                                 unit=("Werk", "Inkomen", "SHV")[n % 3],
                                 category=("Bejegening", "Afhandelingsduur")[n % 2],
                                 municipality=("Houten", "Lopik")[n % 2], handled_on=handled,
                                 outcome="upheld" if handled else "",
                                 days_late=max(0, n % 50 - 42) if handled else None)
        # On PostgreSQL, VACUUM as autovacuum would after a bulk load: an index-only scan
        # needs the table's visibility map.
        db.database.execute_sql("ANALYZE" if db.is_sqlite() else "VACUUM ANALYZE complaint")
    yield
    if not db.database.is_closed():
        db.database.close()


def report_queries() -> list[tuple[str, tuple]]:
    """The SELECTs report.build runs, with their parameters."""
    def build():
        with db.database.connection_context():
            report.build(2024, Organisation.from_dict(load_preset("wil-lekstroom")))
    return [(sql, params) for sql, params in statements_of(build)
            if sql.startswith("SELECT") and '"complaint"' in sql and "measure" not in sql]


def test_the_figures_are_counted_from_covering_indexes(register):
    queries = report_queries()
    # received, handled, days late, open at the start and at the end (2 each), the lines
    assert len(queries) == 8
    with db.database.connection_context():
        for sql, params in queries:
            shown = plan(sql, params, "enable_bitmapscan", "enable_hashagg")
            assert "complaint_report_" in shown, (sql, shown)
            if "summary" in sql:    # the lines read their rows, found by a partial index
                assert "complaint_report_summary" in shown, shown
                continue
            steps = shown.split(" | ")
            if db.is_sqlite():
                reads = [s for s in steps if s.startswith(("SCAN", "SEARCH")) and "complaint" in s
                         or s.startswith(("SCAN c", "SEARCH c", "SCAN t1", "SEARCH t1"))]
                assert reads and all("COVERING INDEX" in s for s in reads), (sql, shown)
                assert "TEMP B-TREE" not in shown, (sql, shown)
            else:
                assert "Index Only Scan" in shown, (sql, shown)
                assert "Seq Scan" not in shown and " Index Scan" not in shown, (sql, shown)
