"""``purge``: erase an entity and every trace of its words, for a person's safety.

Unlike ``remove`` (which the history remembers, so ``restore`` can bring it back), a purge:

- deletes the entity (present or removed) and everything that cascades from it;
- empties every history change that held one of its records or pointed at it, keeping
  only each change's digest (so the hash chain still verifies) and a ``purge`` entry with
  no content that lists the emptied changes;
- on SQLite, runs with ``secure_delete`` on, rebuilds the full-text index, VACUUMs the
  file (no free page keeps old bytes) and truncates the WAL.

Tables added later that belong to an entity are reached through their foreign keys; a
table that needs more than a delete (files on disk) registers a hook in ``PURGE_HOOKS``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, or_, select, text, update
from sqlmodel import Session, SQLModel

from casefile.errors import NotFound
from casefile.storage import history
from casefile.storage.history_chain import REDACTED, canonical, change_digest
from casefile.storage.history_entries import INSERTED_MANY
from casefile.storage.logged_tables import KEY_SEP
from casefile.storage.tables import Entity, HistoryChange, MergedId
from casefile.text import one_line

if TYPE_CHECKING:
    from casefile.storage.engine import Database

_entity = Entity.__table__  # type: ignore[attr-defined]
_change = HistoryChange.__table__  # type: ignore[attr-defined]
_merged = MergedId.__table__  # type: ignore[attr-defined]

# Called inside the purge transaction with (session, entity ids) before the entity goes:
# e.g. attachments delete the files no other source holds.
PURGE_HOOKS: list[Callable[[Session, set[str]], None]] = []


@dataclass(frozen=True, slots=True)
class PurgePlan:
    """What a purge will erase (for the confirmation)."""

    id: str
    handle: str
    name: str
    present: bool

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "handle": self.handle, "name": self.name, "present": self.present}


@dataclass(frozen=True, slots=True)
class PurgeResult:
    handle: str
    records: int
    history_changes: int
    file_rewritten: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "handle": self.handle,
            "records": self.records,
            "history_changes": self.history_changes,
            "file_rewritten": self.file_rewritten,
        }


def plan_purge(session: Session, *, ref: str) -> PurgePlan:
    """The entity ``ref`` names: a present one, else a removed one."""
    from casefile.services.history import list_removed
    from casefile.services.refs import resolve_entity

    try:
        entity = resolve_entity(session, ref)
        return PurgePlan(entity.id, entity.handle, entity.name, True)
    except NotFound:
        removed = list_removed(session, ref=ref)
        if not removed:
            raise NotFound(f"No record, present or removed, matches '{one_line(ref, 60)}'.") from None
        if len(removed) > 1:
            from casefile.errors import Ambiguous

            raise Ambiguous(one_line(ref, 60), [f"{r.handle} {r.name}" for r in removed]) from None
        return PurgePlan(removed[0].id, removed[0].handle, removed[0].name, False)


def _erase(session: Session, plan: PurgePlan) -> tuple[int, int]:
    """Delete the rows and empty the history; (records deleted, history changes emptied)."""
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        # Freed cells and pages are zeroed as they are freed, not just unlinked.
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
    recorder = history.current()
    ids = {plan.id} | set(
        conn.execute(select(_merged.c.old_id).where(_merged.c.entity_id == plan.id)).scalars()
    )
    for hook in PURGE_HOOKS:
        hook(session, ids)
    deleted = 0
    if plan.present:
        session.execute(delete(_entity).where(_entity.c.id == plan.id))
    if recorder is not None:
        deleted = len(recorder.rows)
        keys = set(recorder.rows)
        recorder.rows.clear()  # the purge entry keeps no content
        recorder.silent = True
    else:  # pragma: no cover - purge always runs inside Database.write
        keys = set()
    emptied = _empty_history(conn, ids, keys)
    if recorder is not None:
        recorder.action = "purge"
        recorder.extra.append(("history_change", REDACTED, [list(p) for p in emptied]))
        recorder.silent = False
    if conn.dialect.name == "sqlite":
        from casefile.storage.search_index import FTS_TABLE, has_fts

        if has_fts(conn):
            # FTS5 keeps deleted words in its segments until they are merged.
            conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')"))
    return deleted, len(emptied)


def _empty_history(conn: Connection, ids: set[str], keys: set[tuple[str, str]]) -> list[tuple[int, int]]:
    """Empty every change that held or pointed at the purged records; [(entry, idx)] emptied."""
    words = set(ids) | {k for _t, k in keys}
    found: dict[tuple[int, int], Any] = {}
    pending = set(words)
    seen: set[str] = set()
    # A record removed earlier (and its links' notes) is only in the history: follow the keys.
    while pending:
        value = pending.pop()
        seen.add(value)
        for row in conn.execute(
            select(_change).where(
                _change.c.digest.is_(None),
                or_(_change.c.row_key == value, _change.c.data.contains(value, autoescape=True)),
            )
        ).mappings():
            spot = (int(row["entry_seq"]), int(row["idx"]))
            if spot in found:
                continue
            found[spot] = row
            if _owned(row, words):
                for part in str(row["row_key"]).split(KEY_SEP):
                    if _uuid_like(part) and part not in seen:
                        pending.add(part)
                        words.add(part)
    emptied = []
    salts: dict[int, str] = (
        dict(conn.exec_driver_sql("SELECT seq, salt FROM history_entry").all()) if found else {}
    )
    for (seq, idx), row in sorted(found.items()):
        digest = change_digest(
            salts[seq], seq, idx, row["tbl"], row["op"], row["row_key"], row["entities"], row["data"]
        )
        data = None
        if row["op"] == INSERTED_MANY:
            keys_left = [k for k in json.loads(row["data"]) if not any(w in str(k) for w in words)]
            data = canonical(keys_left)
        conn.execute(
            update(_change)
            .where(_change.c.entry_seq == seq, _change.c.idx == idx)
            .values(data=data, row_key="", entities="", digest=digest)
        )
        emptied.append((seq, idx))
    return emptied


def _owned(row: Any, words: set[str]) -> bool:
    """True when the change's record went with the purged ones (a cascading foreign key).

    Only those records' own history is followed further: an event that merely took place at a
    purged place has its reference emptied, not its whole history.
    """
    if row["op"] in (INSERTED_MANY, REDACTED) or not row["row_key"] or row["data"] is None:
        return False
    if row["tbl"] == "entity" or row["tbl"] not in SQLModel.metadata.tables:
        return row["row_key"] in words
    data = json.loads(row["data"])
    values = {**(data.get("old") or {}), **(data.get("new") or {})}
    tbl = SQLModel.metadata.tables[row["tbl"]]
    for column in tbl.columns:
        cascades = any((fk.ondelete or "").upper() == "CASCADE" for fk in column.foreign_keys)
        if cascades and values.get(column.name) in words:
            return True
    return row["row_key"] in words


def _uuid_like(value: str) -> bool:
    return len(value) == 36 and value.count("-") == 4


def purge(db: Database, *, ref: str) -> PurgeResult:
    """Erase ``ref`` in one transaction, then scrub the file's free pages and WAL (SQLite)."""
    plan = db.read(lambda s: plan_purge(s, ref=ref))
    records, changes = db.write(lambda s: _erase(s, plan))
    rewritten = _scrub_file(db) if db.is_sqlite else False
    return PurgeResult(plan.handle, records, changes, rewritten)


def _scrub_file(db: Database) -> bool:
    """VACUUM (every page rewritten, free pages gone) and truncate the WAL."""
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.execute("VACUUM")
        busy, _log, _done = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        cursor.execute("PRAGMA secure_delete = OFF")
        cursor.close()
        return not busy
    finally:
        raw.close()
