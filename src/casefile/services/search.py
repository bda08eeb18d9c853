"""Name search: folded (case-, diacritic- and script-insensitive) name and alias matching.

This is the foundation's simple matcher; ranking across transliteration systems
builds on the same ``name_folded`` keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, or_, select

from casefile.errors import InvalidInput
from casefile.names import fold
from casefile.services.views import JSON, EntityRef
from casefile.storage.tables import Alias, Entity

MAX_QUERY = 500


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result and why it matched."""

    entity: EntityRef
    score: float
    matched: str

    def to_json(self) -> JSON:
        return {**self.entity.to_json(), "score": round(self.score, 3), "matched": self.matched}


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(session: Session, *, query: str, kind: str | None = None, limit: int = 20) -> list[SearchHit]:
    """Entities whose name or an alias contains every word of ``query`` (folded)."""
    if len(query) > MAX_QUERY:
        raise InvalidInput(f"A search can be at most {MAX_QUERY} characters long.")
    folded = fold(query)
    if not folded:
        raise InvalidInput("Give some letters or digits to search for.")
    words = folded.split()
    hits: dict[str, SearchHit] = {}

    def consider(entity: Entity, name: str, name_folded: str, via_alias: bool) -> None:
        padded = f" {name_folded} "
        if not all(w in name_folded for w in words):
            return
        if name_folded == folded:
            score = 1.0 if not via_alias else 0.95
            how = "exact"
        elif padded.startswith(f" {folded}") or all(f" {w}" in padded for w in words):
            score = 0.85 if not via_alias else 0.8
            how = "word prefix"
        else:
            score = 0.6 if not via_alias else 0.55
            how = "substring"
        label = f"alias '{name}'" if via_alias else f"name '{name}'"
        current = hits.get(entity.id)
        if current is None or current.score < score:
            hits[entity.id] = SearchHit(EntityRef.of(entity), score, f"{label} ({how})")

    first = f"%{_escape_like(words[0])}%"
    entity_query = select(Entity).where(col(Entity.name_folded).like(first, escape="\\"))
    alias_query = (
        select(Entity, Alias)
        .join(Alias, col(Alias.entity_id) == Entity.id)
        .where(col(Alias.name_folded).like(first, escape="\\"))
    )
    if kind is not None:
        entity_query = entity_query.where(Entity.kind == kind)
        alias_query = alias_query.where(Entity.kind == kind)
    for entity in session.exec(entity_query.limit(5000)):
        consider(entity, entity.name, entity.name_folded, False)
    for entity, alias in session.exec(alias_query.limit(5000)):
        consider(entity, alias.name, alias.name_folded, True)
    ranked = sorted(hits.values(), key=lambda h: (-h.score, h.entity.name, h.entity.handle))
    return ranked[:limit] if limit else ranked


def strong_matches(session: Session, value: str, *, kind: str | None = None) -> list[Entity]:
    """Entities that match ``value`` strongly enough to resolve a REF by search."""
    folded = fold(value)
    if not folded or len(folded) < 3:
        return []
    hits = [h for h in search(session, query=value, kind=kind, limit=10) if h.score >= 0.8]
    ids = [h.entity.id for h in hits]
    if not ids:
        return []
    return list(session.exec(select(Entity).where(or_(*(col(Entity.id) == i for i in ids)))))
