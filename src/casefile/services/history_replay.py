"""Playing a history entry backwards, as a new action that is itself recorded.

The entry's old values go back through the Session (so the replay is logged like any other
action): removed records come back parents first, changed fields get their old values,
added records go children first. ``strict`` (undo) refuses when a later action changed the
same records or added something hanging on them; lenient (restore, unmerge) leaves a field
changed since as it is now, and keeps a record added since.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select, update
from sqlmodel import Session, SQLModel

from casefile.errors import InvalidInput, NotFound
from casefile.services.history_views import EntryView, undone_by, view_of
from casefile.storage import history
from casefile.storage.history_entries import (
    INSERTED_MANY,
    StoredChange,
    entries_touching,
    load_changes,
    undone_pairs,
)
from casefile.storage.logged_tables import CHUNK, key_clause, key_of, logged, table
from casefile.storage.search_index import reindex
from casefile.storage.tables import HistoryEntry

_entry = HistoryEntry.__table__  # type: ignore[attr-defined]
NOT_UNDOABLE = ("purge",)


def entry_row(conn: Connection, seq: int) -> Any:
    row = conn.execute(select(_entry).where(_entry.c.seq == seq)).first()
    if row is None:
        raise NotFound(f"There is no history entry #{seq}.")
    return row


def check_undoable(conn: Connection, row: Any) -> None:
    seq = int(row.seq)
    if row.action in NOT_UNDOABLE:
        raise InvalidInput(f"Entry #{seq} is a purge; what it erased cannot be brought back.")
    by = undone_by(conn, [seq]).get(seq)
    if by is not None:
        raise InvalidInput(f"Entry #{seq} ({row.action}) was already undone by entry #{by}.")


@dataclass
class _Plan:
    reinsert: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    restore: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    remove: dict[str, list[str]] = field(default_factory=dict)
    keys: set[tuple[str, str]] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)


def _plan(changes: list[StoredChange]) -> _Plan:
    plan = _Plan()
    for change in changes:
        if change.digest is not None or change.data is None:
            raise InvalidInput(
                f"Entry #{change.entry_seq} lost its content to a purge; it cannot be replayed."
            )
        if change.op == INSERTED_MANY:
            keys = [str(k) for k in change.data]
            plan.remove.setdefault(change.tbl, []).extend(keys)
            plan.keys.update((change.tbl, k) for k in keys)
            if change.tbl == "entity":
                plan.entities.update(keys)
            continue
        if change.tbl not in SQLModel.metadata.tables:
            raise InvalidInput(
                f"Entry #{change.entry_seq} changed table '{change.tbl}', which this casefile lacks."
            )
        plan.keys.add((change.tbl, change.row_key))
        plan.entities.update(e for e in change.entities.split() if e)
        if change.op == "delete":
            plan.reinsert.setdefault(change.tbl, []).append(change.data["old"])
        elif change.op == "insert":
            plan.remove.setdefault(change.tbl, []).append(change.row_key)
        else:
            plan.restore.append((change.tbl, change.row_key, change.data["old"], change.data["new"]))
    return plan


def _exists(conn: Connection, tbl: Table, key: str) -> bool:
    return conn.execute(select(1).select_from(tbl).where(key_clause(tbl, [key]))).first() is not None


def _parents_present(conn: Connection, tbl: Table, row: dict[str, Any], deferred: set[str]) -> bool:
    for column in tbl.columns:
        value = row.get(column.name)
        if value is None or column.name in deferred:
            continue
        for fk in column.foreign_keys:
            parent = fk.column.table
            if conn.execute(select(1).select_from(parent).where(fk.column == value)).first() is None:
                return False
    return True


def _apply(session: Session, plan: _Plan, *, strict: bool, seq: int) -> None:
    """Play ``plan`` backwards through the session (so the replay is recorded like any action)."""
    conn = session.connection()
    order = [t for t in SQLModel.metadata.sorted_tables if logged(t)]
    conflict = _Conflict(conn, seq, strict)
    # 1. records the entry removed come back, parents first; self-references are set after.
    later_refs: list[tuple[Table, str, dict[str, Any]]] = []
    for tbl in order:
        self_refs = {c.name for c in tbl.columns if any(fk.column.table is tbl for fk in c.foreign_keys)}
        for row in plan.reinsert.get(tbl.name, []):
            key = key_of(tbl, row)
            if _exists(conn, tbl, key) or not _parents_present(conn, tbl, row, self_refs):
                conflict.found(tbl.name, key)
                continue
            values = {c.name: row.get(c.name) for c in tbl.columns}
            deferred = {c: values[c] for c in self_refs if values.get(c) is not None}
            session.execute(insert(tbl).values({**values, **dict.fromkeys(deferred)}))
            if deferred:
                later_refs.append((tbl, key, deferred))
    for tbl, key, deferred in later_refs:
        present = {c: v for c, v in deferred.items() if _exists(conn, tbl, str(v))}
        if present:
            session.execute(update(tbl).where(key_clause(tbl, [key])).values(present))
    # 2. changed fields get their old values back (a field changed since stays, when lenient).
    for name, key, old, new in plan.restore:
        tbl = table(name)
        now = conn.execute(select(tbl).where(key_clause(tbl, [key]))).mappings().first()
        if now is None:
            conflict.found(name, key)
            continue
        values = {}
        for column, value in old.items():
            if now.get(column) != new.get(column):
                conflict.found(name, key)
                continue
            if column in now and _value_ok(conn, tbl, column, value):
                values[column] = value
        if values:
            session.execute(update(tbl).where(key_clause(tbl, [key])).values(values))
    # 3. records the entry added go, children first.
    for tbl in reversed(order):
        keys = plan.remove.get(tbl.name, [])
        for start in range(0, len(keys), CHUNK):
            part = keys[start : start + CHUNK]
            session.execute(delete(tbl).where(key_clause(tbl, part)))
    recorder = history.current()
    if strict and recorder is not None:
        # The deletes above also reach what the database cascades to: anything outside this
        # entry that hangs on its records was added by a later action.
        for touched in recorder.rows:
            if touched not in plan.keys:
                conflict.found(*touched)
    conflict.raise_if_any()
    live = [e for e in plan.entities if _exists(conn, table("entity"), e)]
    session.flush()
    reindex(conn, live)


def _value_ok(conn: Connection, tbl: Table, column: str, value: Any) -> bool:
    """A foreign key may only go back to a record that still exists."""
    if value is None:
        return True
    for fk in tbl.c[column].foreign_keys:
        if conn.execute(select(1).select_from(fk.column.table).where(fk.column == value)).first() is None:
            return False
    return True


class _Conflict:
    """Collects records a later action changed; in strict mode, the undo is refused."""

    def __init__(self, conn: Connection, seq: int, strict: bool) -> None:
        self.conn, self.seq, self.strict = conn, seq, strict
        self.keys: list[tuple[str, str]] = []

    def found(self, tbl: str, key: str) -> None:
        self.keys.append((tbl, key))

    def raise_if_any(self) -> None:
        if not self.strict or not self.keys:
            return
        later = entries_touching(self.conn, self.keys, self.seq)
        skip = undone_pairs(self.conn, self.seq)
        later = [s for s in later if s not in skip] or later
        if later:
            action = self.conn.execute(select(_entry.c.action).where(_entry.c.seq == later[0])).scalar_one()
            raise InvalidInput(
                f"Entry #{self.seq} cannot be undone: entry #{later[0]} ({action}) changed the same records "
                "later; undo that one first."
            )
        raise InvalidInput(
            f"Entry #{self.seq} cannot be undone: its records were changed since, outside the history."
        )


def _later_dependants(conn: Connection, seq: int, plan: _Plan) -> None:
    later = [s for s in entries_touching(conn, plan.keys, seq) if s not in undone_pairs(conn, seq)]
    if later:
        action = conn.execute(select(_entry.c.action).where(_entry.c.seq == later[0])).scalar_one()
        raise InvalidInput(
            f"Entry #{seq} cannot be undone: entry #{later[0]} ({action}) changed the same records later; "
            "undo that one first."
        )


def replay(session: Session, seq: int, *, action: str, strict: bool) -> EntryView:
    conn = session.connection()
    row = entry_row(conn, seq)
    check_undoable(conn, row)
    view = view_of(conn, row, {})
    plan = _plan(load_changes(conn, seq))
    if strict:
        _later_dependants(conn, seq, plan)
    history.set_action(action, undoes=seq)
    _apply(session, plan, strict=strict, seq=seq)
    return view
