"""Records whose name folds to the same text as a new one ("same as P3?" before creating it)."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from casefile.names import fold
from casefile.services.views import EntityRef
from casefile.storage.tables import Alias, Entity

MAX_LOOKALIKES = 5
_entity = Entity.__table__  # type: ignore[attr-defined]
_alias = Alias.__table__  # type: ignore[attr-defined]


def same_folded_name(session: Session, *, kind: str, name: str) -> list[EntityRef]:
    """Records of ``kind`` whose name or an alias folds like ``name`` (accents, case, script aside)."""
    folded = fold(name)
    if not folded:
        return []
    # Two index lookups (the entity's folded name, an alias's), kind checked here: with ``kind``
    # in the WHERE, SQLite (no statistics) walks the kind index over every person of the file.
    matches = (
        select(_entity.c.id)
        .where(_entity.c.name_folded == folded)
        .union_all(select(_alias.c.entity_id).where(_alias.c.name_folded == folded))
    )
    rows = session.execute(
        select(_entity.c.id, _entity.c.handle, _entity.c.kind, _entity.c.name, _entity.c.private).where(
            _entity.c.id.in_(matches)
        )
    )
    found = sorted((r for r in rows if r.kind == kind), key=lambda r: r.handle)[:MAX_LOOKALIKES]
    return [EntityRef(r.id, r.handle, r.kind, r.name, bool(r.private)) for r in found]
