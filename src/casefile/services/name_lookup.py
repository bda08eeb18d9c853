"""The one query mention-finding makes of the name index: keys in, entity ids out.

``casefile.ingest.mentions.find_mentions`` calls the function this module builds with
batches of keys; it is the only place that knows how the index is stored, so a change
of the index changes this file alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlmodel import Session

from casefile.storage.search_index import NAME_FTS, chunks, has_name_fts
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


_FTS_KEY = re.compile(r"^[0-9a-z]+( [0-9a-z]+)*$")
FTS_BATCH = 200  # whole-name keys OR-ed into one FTS5 query


def _lookup(session: Session, keys: Sequence[str]) -> dict[str, list[str]]:
    wanted = sorted({k for k in keys if k})
    conn = session.connection()
    if has_name_fts(conn):
        return _lookup_fts(session, wanted)
    found: dict[str, list[str]] = {}
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


def _lookup_fts(session: Session, wanted: list[str]) -> dict[str, list[str]]:
    """SQLite's FTS5 name index: each whole-name skeleton is the term ``w<words joined by _>``."""
    terms = {"w" + key.replace(" ", "_"): key for key in wanted if _FTS_KEY.match(key)}
    found: dict[str, list[str]] = {}
    conn = session.connection()
    names = sorted(terms)
    for start in range(0, len(names), FTS_BATCH):
        batch = names[start : start + FTS_BATCH]
        query = " OR ".join(f'"{term}"' for term in batch)  # terms are [0-9a-z_]: quoting is safe
        kinds = ", ".join(f"'{kind}'" for kind in MENTIONABLE)
        rows = conn.exec_driver_sql(
            f"SELECT e.id, f.keys FROM {NAME_FTS} AS f JOIN entity AS e ON e.rowid = f.rowid "
            f"WHERE {NAME_FTS} MATCH ? AND e.kind IN ({kinds})",
            (query,),
        )
        wanted_here = set(batch)
        for entity_id, stored in rows:
            for term in set(stored.split()) & wanted_here:
                ids = found.setdefault(terms[term], [])
                if entity_id not in ids:
                    ids.append(entity_id)
    return found
