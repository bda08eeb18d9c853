"""The one query mention-finding makes of the name index: keys in, entity ids out.

``casefile.ingest.mentions.find_mentions`` calls the function this module builds with
batches of keys; it is the only place that knows how the index is stored, so a change
of the index changes this file alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlmodel import Session

from casefile.storage.search_index import chunks
from casefile.storage.tables import Entity, NameKey

Lookup = Callable[[list[str]], dict[str, list[str]]]
MENTIONABLE = ("person", "organization", "place")

_name_key = NameKey.__table__  # type: ignore[attr-defined]
_entity = Entity.__table__  # type: ignore[attr-defined]


def name_index_lookup(session: Session) -> Lookup:
    """A batched lookup: each key (a whole-name skeleton) to the entities with a name or alias of it."""

    def lookup(keys: list[str]) -> dict[str, list[str]]:
        return _lookup(session, keys)

    return lookup


def _lookup(session: Session, keys: Sequence[str]) -> dict[str, list[str]]:
    wanted = sorted({k for k in keys if k})
    found: dict[str, list[str]] = {}
    conn = session.connection()
    for part in chunks(wanted):
        # The whole-name rows (empty token): one index range per key on (skeleton, token).
        rows = conn.execute(
            select(_name_key.c.skeleton, _name_key.c.entity_id)
            .join(_entity, _entity.c.id == _name_key.c.entity_id)
            .where(_name_key.c.token == "", _name_key.c.skeleton.in_(part), _entity.c.kind.in_(MENTIONABLE))
        )
        for skeleton, entity_id in rows:
            ids = found.setdefault(skeleton, [])
            if entity_id not in ids:
                ids.append(entity_id)
    return found
