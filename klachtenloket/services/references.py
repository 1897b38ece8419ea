"""Short human references like KL-2026-00042, numbered per year without gaps in races."""
from klachtenloket.models import ReferenceCounter


def next_reference(year: int) -> str:
    """Call inside the complaint's transaction: the counter row is locked until it commits."""
    (ReferenceCounter.insert(year=year, last=1)
     .on_conflict(conflict_target=[ReferenceCounter.year],
                  update={ReferenceCounter.last: ReferenceCounter.last + 1})
     .execute())
    number = ReferenceCounter.get_by_id(year).last
    return f"KL-{year}-{number:05d}"
