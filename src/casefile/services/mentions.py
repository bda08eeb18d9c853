"""Where an entity is mentioned: the sources whose text names it, and how often."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from casefile.services.views import EntityRef
from casefile.storage.tables import Entity, Mention


@dataclass(frozen=True, slots=True)
class MentionedIn:
    """One source that mentions an entity: how many times, and the first sentence."""

    source: EntityRef
    count: int
    sentence: str

    def to_json(self) -> dict[str, Any]:
        return {**self.source.to_json(), "count": self.count, "sentence": self.sentence}

    @property
    def label(self) -> str:
        return f"{self.source.handle} ({self.count}×)"


def mentioned_in(session: Session, entity_id: str) -> list[MentionedIn]:
    """The sources that mention ``entity_id``, by handle."""
    rows = session.exec(
        select(Mention.source_id, func.count(), func.min(Mention.start))
        .where(Mention.entity_id == entity_id)
        .group_by(col(Mention.source_id))
    ).all()
    if not rows:
        return []
    sources = {e.id: e for e in session.exec(select(Entity).where(col(Entity.id).in_([r[0] for r in rows])))}
    out: list[MentionedIn] = []
    for source_id, count, first in rows:
        sentence = session.exec(
            select(Mention.sentence).where(
                Mention.entity_id == entity_id, Mention.source_id == source_id, Mention.start == first
            )
        ).first()
        source = sources.get(source_id)
        if source is not None:
            out.append(MentionedIn(EntityRef.of(source), int(count), sentence or ""))
    out.sort(key=lambda m: (len(m.source.handle), m.source.handle))
    return out
