"""Optimistic concurrency for edits: an entity's ``updated`` time is its version.

A form reads a record, the user types for a while, then saves in a new transaction. The save
must not silently undo what another process (another terminal, another machine on the same
PostgreSQL server) wrote meanwhile. So the first write of an edit is a guarded

    UPDATE entity SET updated = :new WHERE id = :id AND updated = :seen

On PostgreSQL a second writer blocks on the row lock, then re-evaluates the WHERE clause against
the committed row and matches nothing; on SQLite ``BEGIN IMMEDIATE`` serialises writers. Either
way exactly one of two racing edits based on the same version wins, and the row stays locked
(PostgreSQL) until this transaction commits.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlmodel import Session

from casefile.errors import RecordChanged
from casefile.services.clock import now_iso
from casefile.storage.tables import Entity
from casefile.text import one_line

# A read-modify-write with no version from the user re-reads the row this many times before
# giving up (each failure means another writer committed in between).
REREADS = 5


def take_entity(session: Session, entity: Entity, seen: str | None) -> str:
    """Bump ``entity``'s version for this transaction's edit and return the new ``updated`` time.

    ``seen`` is the ``updated`` time the user's form was built from: if the row changed since,
    :class:`RecordChanged` is raised and nothing is written. Without ``seen`` (a CLI edit, which
    reads and writes in this one transaction) a concurrent commit makes it re-read the row.
    """
    return take_row(session, entity, seen)


def take_row(session: Session, row: Any, seen: str | None) -> str:
    """:func:`take_entity` for any table with ``id``, ``handle`` and ``updated`` columns."""
    table = type(row).__table__
    for _ in range(REREADS):
        token = seen if seen is not None else row.updated
        stamp = now_iso()
        while stamp == token:  # the same microsecond: a version must change
            stamp = now_iso()
        result = session.execute(
            update(table).where(table.c.id == row.id, table.c.updated == token).values(updated=stamp)
        )
        if result.rowcount == 1:  # type: ignore[attr-defined]
            # The ORM copy must agree, or its flush would write the old time back.
            session.refresh(row)
            return stamp
        if seen is not None:
            name = getattr(row, "name", None)
            what = f"{row.handle} {one_line(name, 60)}" if name else str(row.handle)
            raise RecordChanged(f"{what} was changed by someone else since you opened it; nothing was saved.")
        session.refresh(row)  # READ COMMITTED: this statement sees the other writer's commit
    raise RecordChanged(f"{row.handle} kept changing under this edit; try again.")
