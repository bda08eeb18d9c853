"""The dossier read model: everything ``show`` displays about one entity, claims included."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from casefile.services.claim_views import ClaimView, ConflictView, FactView
from casefile.services.views import (
    JSON,
    AliasView,
    CitationView,
    EntityRef,
    LinkView,
    NoteView,
    TimelineItem,
)


@dataclass(slots=True)
class Dossier:
    """Everything ``show`` displays about one entity."""

    entity: EntityRef
    summary: str
    created: str
    updated: str
    fields: dict[str, Any]
    aliases: list[AliasView]
    tags: list[str]
    links: list[LinkView]
    notes: list[NoteView]
    citations: list[CitationView]
    cited_by: list[CitationView]
    timeline: list[TimelineItem]
    extra: dict[str, Any] = field(default_factory=dict)
    claims: list[ClaimView] = field(default_factory=list)
    conflicts: list[ConflictView] = field(default_factory=list)
    facts: list[FactView] = field(default_factory=list)
    sourced_claims: list[ClaimView] = field(default_factory=list)  # a source's: the claims it backs

    def to_json(self) -> JSON:
        data: JSON = {
            **self.entity.to_json(),
            "summary": self.summary,
            "created": self.created,
            "updated": self.updated,
            **self.fields,
            "aliases": [a.to_json() for a in self.aliases],
            "tags": list(self.tags),
            "links": [link.to_json() for link in self.links],
            "notes": [n.to_json() for n in self.notes],
            "citations": [c.to_json() for c in self.citations],
            "cited_by": [c.to_json() for c in self.cited_by],
            "timeline": [t.to_json() for t in self.timeline],
            "claims": [c.to_json() for c in self.claims],
            "conflicts": [c.to_json() for c in self.conflicts],
            "facts": {f.field: f.to_json() for f in self.facts},
            "sourced_claims": [c.to_json() for c in self.sourced_claims],
        }
        data.update(self.extra)
        return data
