"""A page of a longer list: where it is, and how a query gets there. Lists page by number; a
number past the end shows the last page, one before the start the first."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Paged:
    total: int          # rows in the whole list
    page: int           # this page, from 1
    pages: int          # at least 1, also for an empty list

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def position(query, requested: int, size: int) -> tuple[dict, list]:
    """Count `query`, clamp `requested` to its pages, and fetch that page: the Paged fields
    (total, page, pages) and the rows. The query brings its own order."""
    total = query.count()
    pages = max(1, -(-total // size))
    page = min(max(requested, 1), pages)
    return {"total": total, "page": page, "pages": pages}, list(query.paginate(page, size))
