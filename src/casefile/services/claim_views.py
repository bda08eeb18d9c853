"""Read models of claims, conflicts, resolutions and fact fields (plain data for the front-ends)."""

from __future__ import annotations

from dataclasses import dataclass, field

from casefile.services.views import JSON, CitationView, EntityRef


@dataclass(frozen=True, slots=True)
class ClaimSource:
    """One source backing a claim, with the Admiralty grading shown together (``B2``)."""

    source: EntityRef
    reliability: str | None
    credibility: int | None
    locator: str | None
    quote: str | None
    citation: str | None  # the citation handle when the source was added with ``cite``

    @property
    def grade(self) -> str:
        return f"{self.reliability or '?'}{self.credibility or '?'}"

    @property
    def label(self) -> str:
        return f"{self.source.handle} {self.grade}"

    def to_json(self) -> JSON:
        return {
            "source": self.source.to_json(),
            "reliability": self.reliability,
            "credibility": self.credibility,
            "grade": self.grade,
            "locator": self.locator,
            "quote": self.quote,
            "citation": self.citation,
        }

    @classmethod
    def of_citation(cls, citation: CitationView) -> ClaimSource:
        return cls(
            citation.source,
            citation.reliability,
            citation.credibility,
            citation.locator,
            citation.quote,
            citation.handle,
        )


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim with its entity, value, as-of date and every source behind it."""

    id: str
    handle: str
    entity: EntityRef
    attribute: str
    value: str
    value_kind: str  # "number", "date" or "text"
    value_key: str
    as_of: str | None
    as_of_marker: str
    as_of_lower: int | None
    as_of_upper: int | None
    note: str | None
    created: str
    sources: list[ClaimSource] = field(default_factory=list)
    status: str = ""  # "", "preferred" or "set aside" once a conflict is resolved
    updated: str = ""  # the version an edit form saw (services/versions.py)

    @property
    def unsourced(self) -> bool:
        return not self.sources

    @property
    def grade(self) -> str:
        """The first source's grading (``B2``), or ``unsourced``."""
        return self.sources[0].grade if self.sources else "unsourced"

    @property
    def sources_label(self) -> str:
        """``S1 B2, S4 C3`` or ``unsourced``: each source with its grading."""
        return ", ".join(s.label for s in self.sources) if self.sources else "unsourced"

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "handle": self.handle,
            "entity": self.entity.to_json(),
            "attribute": self.attribute,
            "value": self.value,
            "value_kind": self.value_kind,
            "value_key": self.value_key,
            "as_of": self.as_of,
            "as_of_marker": self.as_of_marker,
            "note": self.note,
            "created": self.created,
            "sources": [s.to_json() for s in self.sources],
            "grade": self.grade,
            "unsourced": self.unsourced,
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class ResolutionView:
    """A recorded decision: ``preferred`` is kept over ``other`` (neither is deleted)."""

    id: str
    preferred: str  # claim handles
    other: str
    note: str | None
    created: str

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "preferred": self.preferred,
            "other": self.other,
            "note": self.note,
            "created": self.created,
        }


@dataclass(frozen=True, slots=True)
class ConflictView:
    """Claims on one entity and attribute that disagree, and any decisions taken on them."""

    entity: EntityRef
    attribute: str
    claims: list[ClaimView]
    pairs: list[tuple[str, str]]  # the disagreeing claim handles
    open_pairs: list[tuple[str, str]]
    resolutions: list[ResolutionView]

    @property
    def resolved(self) -> bool:
        return not self.open_pairs

    @property
    def summary(self) -> str:
        """One sentence naming each side with its sources and their gradings."""
        sides = "; ".join(f"{c.handle} says {c.value} ({c.sources_label})" for c in self.claims)
        return f"{self.entity.handle} {self.attribute}: {sides}"

    def to_json(self) -> JSON:
        return {
            "entity": self.entity.to_json(),
            "attribute": self.attribute,
            "resolved": self.resolved,
            "claims": [c.to_json() for c in self.claims],
            "pairs": [list(p) for p in self.pairs],
            "open_pairs": [list(p) for p in self.open_pairs],
            "resolutions": [r.to_json() for r in self.resolutions],
        }


@dataclass(frozen=True, slots=True)
class FactView:
    """An entity field that is a fact (status, born, date) with the claims for and against it."""

    field: str
    value: str | None
    supporting: list[ClaimView]
    contrary: list[ClaimView]

    def to_json(self) -> JSON:
        return {
            "field": self.field,
            "value": self.value,
            "supporting": [c.to_json() for c in self.supporting],
            "contrary": [c.to_json() for c in self.contrary],
        }
