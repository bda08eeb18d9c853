"""Read models: plain data the front-ends show, never live ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from casefile.dates import format_bound
from casefile.storage.tables import Alias, Entity

JSON = dict[str, Any]


@dataclass(frozen=True, slots=True)
class EntityRef:
    """Enough to name an entity in a list or a link."""

    id: str
    handle: str
    kind: str
    name: str
    private: bool = False

    @classmethod
    def of(cls, entity: Entity) -> EntityRef:
        return cls(entity.id, entity.handle, entity.kind, entity.name, entity.private)

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "handle": self.handle,
            "kind": self.kind,
            "name": self.name,
            "private": self.private,
        }

    @property
    def label(self) -> str:
        return f"{self.handle} {self.name}"


@dataclass(frozen=True, slots=True)
class AliasView:
    name: str
    kind: str
    lang: str | None
    script: str | None
    scheme: str | None

    @classmethod
    def of(cls, alias: Alias) -> AliasView:
        return cls(alias.name, alias.alias_kind, alias.lang, alias.script, alias.scheme)

    def to_json(self) -> JSON:
        return {
            "name": self.name,
            "kind": self.kind,
            "lang": self.lang,
            "script": self.script,
            "scheme": self.scheme,
        }


@dataclass(frozen=True, slots=True)
class CitationView:
    id: str
    handle: str
    source: EntityRef
    reliability: str | None
    locator: str | None
    quote: str | None
    credibility: int | None
    target_kind: str
    target_handle: str
    target_name: str = ""  # what the handle names: an entity's name, "role → other" for a link

    @property
    def grade(self) -> str:
        """The Admiralty grading shown together, e.g. ``B2`` (``?`` where not graded)."""
        return f"{self.reliability or '?'}{self.credibility or '?'}"

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "handle": self.handle,
            "source": self.source.to_json(),
            "reliability": self.reliability,
            "locator": self.locator,
            "quote": self.quote,
            "credibility": self.credibility,
            "target_kind": self.target_kind,
            "target_handle": self.target_handle,
            "target_name": self.target_name,
            "grade": self.grade,
        }


@dataclass(frozen=True, slots=True)
class NoteView:
    id: str
    handle: str
    body: str
    private: bool
    created: str
    updated: str
    target_handle: str
    citations: list[CitationView] = field(default_factory=list)

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "handle": self.handle,
            "body": self.body,
            "private": self.private,
            "created": self.created,
            "updated": self.updated,
            "target": self.target_handle,
            "citations": [c.to_json() for c in self.citations],
        }


@dataclass(frozen=True, slots=True)
class LinkView:
    id: str
    handle: str
    role: str
    direction: str  # "out" when the dossier's entity is the link's source, else "in"
    source: EntityRef
    target: EntityRef
    date: str | None
    note: str | None
    citations: list[CitationView] = field(default_factory=list)
    updated: str = ""  # the version an edit form saw (services/versions.py)

    @property
    def other(self) -> EntityRef:
        return self.target if self.direction == "out" else self.source

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "handle": self.handle,
            "role": self.role,
            "direction": self.direction,
            "source": self.source.to_json(),
            "target": self.target.to_json(),
            "other": self.other.to_json(),
            "date": self.date,
            "note": self.note,
            "citations": [c.to_json() for c in self.citations],
        }


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One dated thing on a timeline: an event, a dated link or a dated claim."""

    date: str
    lower: int
    upper: int
    marker: str
    what: str  # "event", "link", "claim"
    handle: str
    title: str
    entity: EntityRef | None

    def to_json(self) -> JSON:
        return {
            "date": self.date,
            "lower": format_bound(self.lower),
            "upper": format_bound(self.upper),
            "marker": self.marker,
            "what": self.what,
            "handle": self.handle,
            "title": self.title,
            "entity": self.entity.to_json() if self.entity else None,
        }


def entity_fields(entity: Entity) -> dict[str, Any]:
    """The kind-specific fields of ``entity`` as JSON-ready values."""
    if entity.kind == "person":
        return {"born": entity.born_text, "status": entity.status}
    if entity.kind == "organization":
        return {"type": entity.category}
    if entity.kind == "place":
        return {
            "country": entity.country,
            "latitude": entity.latitude,
            "longitude": entity.longitude,
        }
    if entity.kind == "source":
        return {
            "type": entity.category,
            "url": entity.url,
            "publisher": entity.publisher,
            "author": entity.author,
            "published": entity.published_text,
            "accessed": entity.accessed_text,
            "reliability": entity.reliability,
            "file": entity.file_path,
            "file_sha256": entity.file_sha256,
        }
    return {"type": entity.category, "date": entity.date_text, "place": None}
