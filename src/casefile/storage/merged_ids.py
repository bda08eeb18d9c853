"""Which entity stands for a UUID now: merged-away records map to the one that replaced them."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlmodel import Session

from casefile.storage.search_index import chunks
from casefile.storage.tables import MergedId

_merged = MergedId.__table__  # type: ignore[attr-defined]


def canonical_ids(session: Session, ids: Iterable[str]) -> dict[str, str]:
    """Each id mapped to the entity that now stands for it (itself unless merged away)."""
    wanted = sorted(set(ids))
    mapping = {i: i for i in wanted}
    for part in chunks(wanted):
        for old_id, entity_id in session.execute(
            select(_merged.c.old_id, _merged.c.entity_id).where(_merged.c.old_id.in_(part))
        ):
            mapping[old_id] = entity_id
    return mapping
