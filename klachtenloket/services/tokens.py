"""Private tracking links: random tokens of which only a hash is stored."""
import hashlib
import secrets

from klachtenloket.models import Complaint, TrackingToken


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(complaint: Complaint) -> str:
    """A new link for the complaint; 256 bits from the OS's CSPRNG. Earlier links stay valid."""
    token = secrets.token_urlsafe(32)
    TrackingToken.create(complaint=complaint, token_hash=_hash(token))
    return token


def find(token: str) -> Complaint | None:
    if not token or len(token) > 100:
        return None
    row = (TrackingToken.select(TrackingToken, Complaint).join(Complaint)
           .where(TrackingToken.token_hash == _hash(token)).first())
    return row.complaint if row else None
