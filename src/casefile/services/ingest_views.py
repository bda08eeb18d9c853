"""Read models of an ingest: the source, what the text mentions and what it proposes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from casefile.services.views import EntityRef

JSON = dict[str, Any]


@dataclass(frozen=True, slots=True)
class MentionView:
    """A known entity named in the text, where, and in which sentence."""

    entity: EntityRef
    text: str
    start: int
    end: int
    sentence: str

    def to_json(self) -> JSON:
        e = self.entity
        return {
            "entity": {"handle": e.handle, "name": e.name, "kind": e.kind},
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class CandidateView:
    """A name the case file does not know yet, with its likely kind and every occurrence."""

    name: str
    kind: str
    confidence: float
    sentence: str
    occurrences: tuple[tuple[int, int], ...]
    maybe_same_as: tuple[EntityRef, ...] = ()

    def to_json(self) -> JSON:
        return {
            "name": self.name,
            "kind": self.kind,
            "confidence": round(self.confidence, 3),
            "maybe_same_as": [e.handle for e in self.maybe_same_as],
            "sentence": self.sentence,
            "occurrences": [{"start": s, "end": e} for s, e in self.occurrences],
        }


@dataclass(frozen=True, slots=True)
class DateView:
    """A date found in the text (EDTF)."""

    text: str
    date: str
    start: int
    end: int
    sentence: str

    def to_json(self) -> JSON:
        return {"text": self.text, "date": self.date}


@dataclass(frozen=True, slots=True)
class CountView:
    """A count of people or things, proposed as a claim ``attribute = value``."""

    text: str
    value: int
    noun: str
    attribute: str
    start: int
    end: int
    sentence: str

    def to_json(self) -> JSON:
        return {"text": self.text, "value": self.value, "noun": self.noun, "attribute": self.attribute}


@dataclass
class IngestReport:
    """What ``ingest`` did and what it proposes; ``existing`` when the bytes were already stored."""

    source: EntityRef
    source_json: JSON
    existing: bool
    text: str
    proposed_fields: dict[str, str] = field(default_factory=dict)
    mentions: list[MentionView] = field(default_factory=list)
    candidates: list[CandidateView] = field(default_factory=list)
    dates: list[DateView] = field(default_factory=list)
    counts: list[CountView] = field(default_factory=list)

    def to_json(self) -> JSON:
        return {
            "source": self.source_json,
            "mentions": [m.to_json() for m in self.mentions],
            "candidates": [c.to_json() for c in self.candidates],
            "dates": [d.to_json() for d in self.dates],
            "counts": [c.to_json() for c in self.counts],
        }


@dataclass(frozen=True, slots=True)
class AcceptResult:
    """What one accept did: entities created or linked, links, citations, claims and mentions."""

    created: tuple[EntityRef, ...] = ()
    linked: tuple[EntityRef, ...] = ()
    links: int = 0
    citations: int = 0
    claims: int = 0
    mentions: int = 0
    rejected: int = 0

    def to_json(self) -> JSON:
        return {
            "created": [e.handle for e in self.created],
            "linked": [e.handle for e in self.linked],
            "links": self.links,
            "citations": self.citations,
            "claims": self.claims,
            "mentions": self.mentions,
            "rejected": self.rejected,
        }

    def __add__(self, other: AcceptResult) -> AcceptResult:
        return AcceptResult(
            self.created + other.created,
            self.linked + other.linked,
            self.links + other.links,
            self.citations + other.citations,
            self.claims + other.claims,
            self.mentions + other.mentions,
            self.rejected + other.rejected,
        )
