"""The benchmarks' bulk seeding keeps up with the schema (a new NOT NULL column broke it once)."""
from bench.common import seed
from klachtenloket import db
from klachtenloket.models import Complaint, Event, TrackingToken


def test_bench_seeding_fills_the_current_schema(fresh_database_url):
    seed(fresh_database_url, 120, per_transaction=50, chunk=40)
    with db.database.connection_context():
        assert Complaint.select().count() == 120
        assert TrackingToken.select().count() == 120
        assert Event.select().where(Event.kind == "received").count() == 120
