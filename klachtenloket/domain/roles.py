"""Who does what in the back office (issue 4, "People and access").

coordinator: everything about complaints · handler: the complaints assigned to them ·
reader (a manager): reads complaints and reports · administrator: staff accounts and
configuration, not the complaints themselves (they hold personal data the role does not need).
"""
COORDINATOR, HANDLER, READER, ADMINISTRATOR = "coordinator", "handler", "reader", "administrator"
ROLES = (COORDINATOR, HANDLER, READER, ADMINISTRATOR)

# The roles that work with complaints at all.
COMPLAINT_ROLES = (COORDINATOR, HANDLER, READER)


def sees_every_complaint(role: str) -> bool:
    """A handler sees only the complaints assigned to them; the coordinator and readers see all."""
    return role in (COORDINATOR, READER)
