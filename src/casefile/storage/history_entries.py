"""History entries: appending one per writing action, and reading entries back.

``finish`` runs inside the action's transaction, after the last flush: the recorder's
changes become one ``history_entry`` with one ``history_change`` per record (or one compact
change per table for a bulk writer), chained to the previous entry.
"""

from __future__ import annotations

import getpass
import json
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.orm import Session

from casefile.storage.history import Recorder
from casefile.storage.history_chain import GENESIS, canonical, change_digest, entry_hash
from casefile.storage.logged_tables import CHUNK, entity_refs, table
from casefile.storage.tables import HistoryChange, HistoryEntry

INSERTED_MANY = "inserted"  # a compact change: the keys of rows a bulk writer added

_entry = HistoryEntry.__table__  # type: ignore[attr-defined]
_change = HistoryChange.__table__  # type: ignore[attr-defined]


def actor(conn: Connection) -> str:
    """The OS login on SQLite, the database user on a server."""
    if conn.dialect.name == "sqlite":
        try:
            return getpass.getuser()
        except Exception:  # no login name (some containers): the uid still says who
            return f"uid {os.getuid()}"
    return str(conn.exec_driver_sql("SELECT current_user").scalar_one())


def _lock_chain(conn: Connection) -> None:
    """Writers append to the chain one at a time (SQLite's BEGIN IMMEDIATE already does this)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7243917)")


def write_entry(conn: Connection, recorder: Recorder, at: str) -> int | None:
    """Append the recorder's entry (None when the action changed nothing logged)."""
    from casefile.storage.schema import HEAD

    changes = [] if recorder.silent else recorder.changes()
    compact = {} if recorder.silent else {k: v for k, v in recorder.inserted.items() if v}
    if not changes and not compact and not recorder.extra and not recorder.silent:
        return None
    _lock_chain(conn)
    last = conn.execute(select(_entry.c.seq, _entry.c.hash).order_by(_entry.c.seq.desc()).limit(1)).first()
    seq = 1 if last is None else int(last[0]) + 1
    prev = GENESIS if last is None else str(last[1])
    entry: dict[str, Any] = {
        "seq": seq,
        "at": at,
        "actor": actor(conn),
        "action": recorder.action,
        "schema_version": HEAD,
        "undoes": recorder.undoes,
        "salt": secrets.token_hex(16),
    }
    rows: list[dict[str, Any]] = []
    for tbl_name, op, key, data in changes:
        tbl = table(tbl_name)
        refs = " ".join(sorted(entity_refs(tbl, data.get("old"), data.get("new"))))
        rows.append({"tbl": tbl_name, "op": op, "row_key": key, "entities": refs, "data": canonical(data)})
    for tbl_name, keys in compact.items():
        rows.append(
            {"tbl": tbl_name, "op": INSERTED_MANY, "row_key": "", "entities": "", "data": canonical(keys)}
        )
    for tbl_name, op, data in recorder.extra:
        rows.append({"tbl": tbl_name, "op": op, "row_key": "", "entities": "", "data": canonical(data)})
    digests = []
    for idx, row in enumerate(rows):
        row["entry_seq"] = seq
        row["idx"] = idx
        row["digest"] = None
        digests.append(
            change_digest(
                entry["salt"], seq, idx, row["tbl"], row["op"], row["row_key"], row["entities"], row["data"]
            )
        )
    entry["prev_hash"] = prev
    entry["hash"] = entry_hash(prev, entry, digests)
    conn.execute(insert(_entry), [entry])
    if rows:  # a few rows per action (an import keeps one compact change per table)
        conn.execute(insert(_change), rows)
    return seq


def finish(session: Session, recorder: Recorder) -> int | None:
    """Flush what is pending and append the entry, inside the session's transaction."""
    from datetime import UTC, datetime

    session.flush()
    at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return write_entry(session.connection(), recorder, at)


@dataclass(frozen=True, slots=True)
class StoredChange:
    entry_seq: int
    idx: int
    tbl: str
    op: str
    row_key: str
    entities: str
    data: Any  # parsed JSON, None when a purge emptied it
    digest: str | None


def load_changes(conn: Connection, seq: int) -> list[StoredChange]:
    rows = conn.execute(select(_change).where(_change.c.entry_seq == seq).order_by(_change.c.idx)).mappings()
    return [
        StoredChange(
            r["entry_seq"], r["idx"], r["tbl"], r["op"], r["row_key"], r["entities"],
            None if r["data"] is None else json.loads(r["data"]), r["digest"],
        )
        for r in rows
    ]  # fmt: skip


def entries_touching(conn: Connection, keys: Iterable[tuple[str, str]], after_seq: int) -> list[int]:
    """Entries after ``after_seq`` that changed any of ``keys`` (table, key)."""
    by_table: dict[str, list[str]] = {}
    for tbl_name, key in keys:
        by_table.setdefault(tbl_name, []).append(key)
    found: set[int] = set()
    for tbl_name, names in by_table.items():
        for start in range(0, len(names), CHUNK):
            found.update(
                conn.execute(
                    select(_change.c.entry_seq).where(
                        _change.c.tbl == tbl_name,
                        _change.c.row_key.in_(names[start : start + CHUNK]),
                        _change.c.entry_seq > after_seq,
                    )
                ).scalars()
            )
    return sorted(found)


def undone_pairs(conn: Connection, after_seq: int) -> set[int]:
    """Entries after ``after_seq`` that cancel out: an undone one and the undo that undid it."""
    pairs: set[int] = set()
    for seq, undoes in conn.execute(
        select(_entry.c.seq, _entry.c.undoes).where(_entry.c.undoes.is_not(None), _entry.c.seq > after_seq)
    ):
        if undoes is not None and int(undoes) > after_seq:
            pairs.update((int(seq), int(undoes)))
    return pairs
