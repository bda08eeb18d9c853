"""Build a large case file fast with Core bulk inserts (tests and the TUI measurement)."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, insert

from casefile.names import casefold_exact, fold
from casefile.storage.engine import open_database
from casefile.storage.search_index import reindex_names
from casefile.storage.tables import Entity, HandleCounter

KINDS = ("person", "organization", "place", "source", "event")
PREFIX = {"person": "P", "organization": "O", "place": "PL", "source": "S", "event": "E"}
STAMP = "2025-01-01T00:00:00.000000Z"


def build_large_case(target: str, count: int, *, batch: int = 10_000) -> None:
    """``count`` entities of every kind, with realistic folded names, in a few executemany calls."""
    db = open_database(target)
    try:
        counters = dict.fromkeys(KINDS, 0)
        rows = []
        for index in range(count):
            kind = KINDS[index % len(KINDS)]
            counters[kind] += 1
            name = f"{kind.capitalize()} {index:06d} Ціханоўская"
            rows.append(
                {
                    "id": str(uuid.UUID(int=index + 1)),
                    "handle": f"{PREFIX[kind]}{counters[kind]}",
                    "kind": kind,
                    "name": name,
                    "name_folded": fold(name),
                    "name_exact": casefold_exact(name),
                    "summary": "",
                    "private": False,
                    "created": STAMP,
                    "updated": STAMP,
                }
            )
        with db.engine.begin() as conn:
            for start in range(0, len(rows), batch):
                part = rows[start : start + batch]
                conn.execute(insert(Entity.__table__), part)  # type: ignore[attr-defined]
                # Core inserts bypass the ORM hook that keeps the name index: build it too.
                reindex_names(conn, [row["id"] for row in part])
            counter = HandleCounter.__table__  # type: ignore[attr-defined]
            conn.execute(delete(counter).where(counter.c.prefix.in_(list(PREFIX.values()))))
            conn.execute(
                insert(counter),
                [{"prefix": PREFIX[k], "next_value": used + 1} for k, used in counters.items()],
            )
    finally:
        db.dispose()
