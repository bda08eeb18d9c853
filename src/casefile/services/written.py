"""Read models returned by the write services: what was just written, as plain data."""

from __future__ import annotations

from dataclasses import dataclass

from casefile.services.claim_views import ClaimView
from casefile.services.views import JSON


@dataclass(frozen=True, slots=True)
class WrittenLink:
    """A link just added (or removed)."""

    id: str
    handle: str
    role: str
    date: str | None

    def to_json(self) -> JSON:
        return {"id": self.id, "handle": self.handle, "role": self.role, "date": self.date}


@dataclass(frozen=True, slots=True)
class WrittenNote:
    """A note just added."""

    id: str
    handle: str
    private: bool

    def to_json(self) -> JSON:
        return {"id": self.id, "handle": self.handle, "private": self.private}


@dataclass(frozen=True, slots=True)
class WrittenCitation:
    """A citation just added."""

    id: str
    handle: str

    def to_json(self) -> JSON:
        return {"id": self.id, "handle": self.handle}


@dataclass(frozen=True, slots=True)
class AddedClaim:
    """A claim just recorded, with the claims on the same entity it now conflicts with."""

    claim: ClaimView
    conflicts_with: list[ClaimView]

    def to_json(self) -> JSON:
        return {**self.claim.to_json(), "conflicts_with": [c.handle for c in self.conflicts_with]}
