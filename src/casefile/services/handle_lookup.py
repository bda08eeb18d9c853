"""A search typed as a handle (``S1``, ``p12``) finds that record first, in every front-end."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from casefile.services.ranking import TIER_EXACT
from casefile.services.views import EntityRef
from casefile.storage.handles import ENTITY_PREFIX, split_handle
from casefile.storage.tables import Entity

_entity = Entity.__table__  # type: ignore[attr-defined]
_ENTITY_PREFIXES = set(ENTITY_PREFIX.values())


def handle_match(
    session: Session, query: str, kind: str | None = None
) -> tuple[EntityRef, float, str, int] | None:
    """``(ref, score, why, tier)`` when ``query`` is exactly an entity's handle (of ``kind``, if given)."""
    parts = split_handle(query)
    if parts is None or parts[0] not in _ENTITY_PREFIXES:
        return None
    handle = f"{parts[0]}{parts[1]}"
    row = session.execute(
        select(_entity.c.id, _entity.c.handle, _entity.c.kind, _entity.c.name, _entity.c.private).where(
            _entity.c.handle == handle
        )
    ).first()
    if row is None or (kind is not None and row.kind != kind):
        return None
    ref = EntityRef(row.id, row.handle, row.kind, row.name, bool(row.private))
    return ref, 1.0, f"handle {row.handle}", TIER_EXACT
