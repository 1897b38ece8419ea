"""The register of complaints as staff see it: who sees which, filtered, a page at a time."""
from __future__ import annotations

from dataclasses import dataclass, field

from klachtenloket.domain import roles, states
from klachtenloket.models import Complaint, Staff

PAGE_SIZE = 50
STATES = states.STATES
ALL, ASSIGNED = "all", "assigned"


@dataclass
class ComplaintPage:
    complaints: list[Complaint]
    total: int
    page: int
    pages: int
    scope: str                     # ALL, or ASSIGNED: only the staff member's own complaints
    filters: dict = field(default_factory=dict)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def complaints_for(staff: Staff, state: str | None = None, page: int = 1) -> ComplaintPage:
    """Newest first. An unknown state means no filter; a page past the end shows the last."""
    filters = {"state": state} if state in STATES else {}
    if not roles.sees_every_complaint(staff.role):
        # A handler sees the complaints assigned to them, and nothing can be assigned yet.
        return ComplaintPage([], 0, 1, 1, ASSIGNED, filters)
    # The address, description and ticks only tell what a letter lacks (Awb 9:4).
    query = Complaint.select(Complaint.id, Complaint.reference, Complaint.received_on,
                             Complaint.channel, Complaint.state, Complaint.name,
                             Complaint.street, Complaint.postcode, Complaint.city,
                             Complaint.description, Complaint.letter_dated,
                             Complaint.letter_signed)
    if filters:
        query = query.where(Complaint.state == state)
    total = query.count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    rows = list(query.order_by(Complaint.received_on.desc(), Complaint.id.desc())
                .paginate(page, PAGE_SIZE))
    return ComplaintPage(rows, total, page, pages, ALL, filters)
