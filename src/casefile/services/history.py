"""History, undo, restore and unmerge: reading the change log and playing entries backwards.

Undo re-applies an entry's old values as a NEW action (recorded like any other), so the
log only grows. ``undo`` is strict: it refuses when a later action changed the same
records or added something that hangs on them. ``restore`` and ``unmerge`` replay a
``remove`` or a ``merge`` leniently: a field changed since is left as it is now, and a
record added since stays where it is (each side of an unmerge keeps its own links).
Purging lives in ``services.purge``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, or_, select, update
from sqlmodel import Session, SQLModel

from casefile.errors import Ambiguous, InvalidInput, NotFound
from casefile.names import casefold_exact
from casefile.storage import history as log
from casefile.storage.handles import split_handle
from casefile.storage.search_index import reindex
from casefile.storage.tables import HistoryChange, HistoryEntry, MergedId
from casefile.text import one_line

_entry = HistoryEntry.__table__  # type: ignore[attr-defined]
_change = HistoryChange.__table__  # type: ignore[attr-defined]
_merged = MergedId.__table__  # type: ignore[attr-defined]
NOT_UNDOABLE = ("purge",)
# Fields shown for a record that was added or removed (the rest is in --json).
_LABEL_FIELDS = ("name", "role", "body", "value", "tag", "attribute", "quote", "old_name")
MAX_SHOWN = 200


# -- read models -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one record: its value before and after."""

    field: str
    old: Any
    new: Any

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True)
class RecordChange:
    """One record an action touched."""

    table: str
    op: str  # insert, update, delete, inserted (a bulk import's keys), purged
    key: str
    label: str
    fields: list[FieldChange] = field(default_factory=list)
    count: int = 1

    def to_json(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "op": self.op,
            "key": self.key,
            "label": self.label,
            "count": self.count,
            "fields": [f.to_json() for f in self.fields],
        }


@dataclass(frozen=True, slots=True)
class EntryView:
    """One history entry: who did what, when, and to which records."""

    seq: int
    at: str
    actor: str
    action: str
    schema_version: str
    undoes: int | None
    undone_by: int | None
    records: list[RecordChange]

    @property
    def title(self) -> str:
        what = f"#{self.seq} {self.action}"
        if self.undoes is not None:
            what += f" of #{self.undoes}"
        return what

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "schema_version": self.schema_version,
            "undoes": self.undoes,
            "undone_by": self.undone_by,
            "records": [r.to_json() for r in self.records],
        }


@dataclass(frozen=True, slots=True)
class UndoResult:
    """What an undo, restore or unmerge replayed."""

    action: str
    entry: EntryView
    label: str

    def to_json(self) -> dict[str, Any]:
        return {"action": self.action, "label": self.label, "entry": self.entry.to_json()}


@dataclass(frozen=True, slots=True)
class RemovedView:
    """A removed entity that ``restore`` can bring back."""

    id: str
    handle: str
    kind: str
    name: str
    removed: str
    seq: int

    def to_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("id", "handle", "kind", "name", "removed", "seq")}


# -- reading ---------------------------------------------------------------------------------


def _label(tbl: str, key: str, row: dict[str, Any] | None) -> str:
    row = row or {}
    handle = row.get("handle")
    text = next((str(row[f]) for f in _LABEL_FIELDS if row.get(f)), "")
    if tbl == "tag":
        return f"tag {one_line(str(row.get('tag', key.split(log.KEY_SEP)[-1])), 60)}"
    head = str(handle) if handle else tbl
    return f"{head} {one_line(text, 60)}".strip()


def _record(change: log.StoredChange) -> RecordChange:
    if change.data is None or change.op == "purged":
        return RecordChange(change.tbl, "purged", "", f"{change.tbl} (purged)")
    if change.op == log.INSERTED_MANY:
        keys = [k for k in change.data if not str(k).startswith("#")]
        return RecordChange(change.tbl, change.op, "", f"{len(keys)} {change.tbl} record(s)", count=len(keys))
    if change.op == "redacted":
        return RecordChange(
            change.tbl, change.op, "", f"{len(change.data)} change(s) purged", count=len(change.data)
        )
    data: dict[str, Any] = change.data
    old, new = data.get("old") or {}, data.get("new") or {}
    if change.op == "update":
        fields = [FieldChange(f, old.get(f), new.get(f)) for f in sorted(new)]
        return RecordChange(
            change.tbl, "update", change.row_key, _label(change.tbl, change.row_key, new), fields
        )
    row = new if change.op == "insert" else old
    return RecordChange(change.tbl, change.op, change.row_key, _label(change.tbl, change.row_key, row))


def _view(conn: Connection, row: Any, undone_by: dict[int, int]) -> EntryView:
    changes = log.load_changes(conn, int(row.seq))
    return EntryView(
        int(row.seq), row.at, row.actor, row.action, row.schema_version,
        None if row.undoes is None else int(row.undoes), undone_by.get(int(row.seq)),
        [_record(c) for c in changes],
    )  # fmt: skip


def _undone_by(conn: Connection, seqs: list[int]) -> dict[int, int]:
    if not seqs:
        return {}
    return {
        int(u): int(s)
        for s, u in conn.execute(select(_entry.c.seq, _entry.c.undoes).where(_entry.c.undoes.in_(seqs)))
    }


def entry_view(session: Session, seq: int) -> EntryView:
    conn = session.connection()
    row = conn.execute(select(_entry).where(_entry.c.seq == seq)).first()
    if row is None:
        raise NotFound(f"There is no history entry #{seq}.")
    return _view(conn, row, _undone_by(conn, [seq]))


def list_history(session: Session, *, ref: str | None = None, limit: int = 20) -> list[EntryView]:
    """Entries newest first; with ``ref``, those that touched that record (present, removed or merged)."""
    if limit < 1:
        raise InvalidInput("--limit must be at least 1.")
    conn = session.connection()
    query = select(_entry).order_by(_entry.c.seq.desc()).limit(limit)
    if ref is not None:
        ids = _ids_for(session, ref)
        touching = select(_change.c.entry_seq).where(
            or_(
                *(_change.c.entities.contains(i, autoescape=True) for i in ids),
                *(_change.c.row_key == i for i in ids),
                *(
                    (_change.c.op == log.INSERTED_MANY) & _change.c.data.contains(i, autoescape=True)
                    for i in ids
                ),
            )
        )
        query = query.where(_entry.c.seq.in_(touching))
    rows = conn.execute(query).all()
    undone = _undone_by(conn, [int(r.seq) for r in rows])
    return [_view(conn, r, undone) for r in rows]


def _ids_for(session: Session, ref: str) -> list[str]:
    """The entity UUIDs ``ref`` stands for: a present record, a removed one or a merged-away one."""
    from casefile.services.refs import resolve_entity

    try:
        return [resolve_entity(session, ref).id]
    except NotFound:
        pass
    merged = _merged_away(session, ref)
    if merged:
        return [merged[0]]
    return [_removed_entity(session, ref).id]


# -- removed records ---------------------------------------------------------------------


def _entity_deletes(conn: Connection, ref: str | None) -> list[tuple[int, str, dict[str, Any]]]:
    """(entry, entity id, snapshot) of every logged entity deletion matching ``ref``."""
    query = select(_change.c.entry_seq, _change.c.row_key, _change.c.data).where(
        _change.c.tbl == "entity", _change.c.op == "delete"
    )
    if ref is not None:
        value = ref.strip()
        handle = split_handle(value)
        clauses = [_change.c.row_key == value]
        if handle is not None:
            clauses.append(_change.c.data.contains(f'"handle":"{handle[0]}{handle[1]}"', autoescape=True))
        clauses.append(
            _change.c.data.icontains(f'"name":{json.dumps(value, ensure_ascii=False)}', autoescape=True)
        )
        query = query.where(or_(*clauses))
    found = []
    for seq, key, data in conn.execute(query.order_by(_change.c.entry_seq)):
        if data is None:
            continue
        snapshot = json.loads(data)["old"]
        found.append((int(seq), str(key), snapshot))
    return found


def list_removed(session: Session, *, ref: str | None = None) -> list[RemovedView]:
    """Removed entities that can be restored, most recently removed first."""
    from casefile.storage.tables import Entity

    conn = session.connection()
    entity = Entity.__table__  # type: ignore[attr-defined]
    rows = _entity_deletes(conn, ref)
    if not rows:
        return []
    undone = _undone_by(conn, sorted({s for s, _k, _d in rows}))
    present = set(
        conn.execute(select(entity.c.id).where(entity.c.id.in_(sorted({k for _s, k, _d in rows})))).scalars()
    )
    merged = set(
        conn.execute(
            select(_merged.c.old_id).where(_merged.c.old_id.in_(sorted({k for _s, k, _d in rows})))
        ).scalars()
    )
    actions: dict[int, str] = dict(
        conn.execute(
            select(_entry.c.seq, _entry.c.action).where(_entry.c.seq.in_(sorted({s for s, _k, _d in rows})))
        ).all()
    )
    latest: dict[str, RemovedView] = {}
    for seq, key, snap in rows:
        if key in present or key in merged or seq in undone or actions.get(seq) == "merge":
            continue
        if ref is not None and not _matches(ref, key, snap):
            continue
        at = conn.execute(select(_entry.c.at).where(_entry.c.seq == seq)).scalar_one()
        latest[key] = RemovedView(key, snap["handle"], snap["kind"], snap["name"], at, seq)
    return sorted(latest.values(), key=lambda r: r.seq, reverse=True)


def _matches(ref: str, key: str, snap: dict[str, Any]) -> bool:
    value = ref.strip()
    handle = split_handle(value)
    if key == value:
        return True
    if handle is not None and snap.get("handle") == f"{handle[0]}{handle[1]}":
        return True
    return casefold_exact(str(snap.get("name", ""))) == casefold_exact(value)


def _removed_entity(session: Session, ref: str) -> RemovedView:
    found = list_removed(session, ref=ref)
    shown = one_line(ref, 60)
    if not found:
        raise NotFound(f"No removed record matches '{shown}'; 'casefile restore --list' shows them.")
    if len(found) > 1:
        raise Ambiguous(shown, [f"{r.handle} {r.name}" for r in found])
    return found[0]


def _merged_away(session: Session, ref: str) -> list[str]:
    """The merged-away UUIDs ``ref`` names (by old UUID, handle or name)."""
    value = ref.strip()
    handle = split_handle(value)
    rows = (
        session.connection().execute(select(_merged.c.old_id, _merged.c.old_handle, _merged.c.old_name)).all()
    )
    hits = [
        r.old_id
        for r in rows
        if r.old_id == value
        or (handle is not None and r.old_handle == f"{handle[0]}{handle[1]}")
        or casefold_exact(r.old_name) == casefold_exact(value)
    ]
    if len(hits) > 1:
        names = [f"{r.old_handle} {r.old_name}" for r in rows if r.old_id in hits]
        raise Ambiguous(one_line(value, 60), names)
    return hits


# -- replaying an entry backwards ---------------------------------------------------------


def _entry_row(conn: Connection, seq: int) -> Any:
    row = conn.execute(select(_entry).where(_entry.c.seq == seq)).first()
    if row is None:
        raise NotFound(f"There is no history entry #{seq}.")
    return row


def _check_undoable(conn: Connection, row: Any) -> None:
    seq = int(row.seq)
    if row.action in NOT_UNDOABLE:
        raise InvalidInput(f"Entry #{seq} is a purge; what it erased cannot be brought back.")
    by = _undone_by(conn, [seq]).get(seq)
    if by is not None:
        raise InvalidInput(f"Entry #{seq} ({row.action}) was already undone by entry #{by}.")


def _last_undoable(conn: Connection) -> int:
    undone = {
        int(u) for u in conn.execute(select(_entry.c.undoes).where(_entry.c.undoes.is_not(None))).scalars()
    }
    for seq, action in conn.execute(select(_entry.c.seq, _entry.c.action).order_by(_entry.c.seq.desc())):
        if int(seq) in undone or action == "undo":
            continue
        return int(seq)
    raise InvalidInput("There is nothing to undo; the history is empty.")


@dataclass
class _Plan:
    reinsert: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    restore: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    remove: dict[str, list[str]] = field(default_factory=dict)
    keys: set[tuple[str, str]] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)


def _plan(changes: list[log.StoredChange]) -> _Plan:
    plan = _Plan()
    for change in changes:
        if change.digest is not None or change.data is None:
            raise InvalidInput(
                f"Entry #{change.entry_seq} lost its content to a purge; it cannot be replayed."
            )
        if change.op == log.INSERTED_MANY:
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
    return conn.execute(select(1).select_from(tbl).where(log.key_clause(tbl, [key]))).first() is not None


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
    order = [t for t in SQLModel.metadata.sorted_tables if log.logged(t)]
    conflict = _Conflict(conn, seq, strict)
    # 1. records the entry removed come back, parents first; self-references are set after.
    later_refs: list[tuple[Table, str, dict[str, Any]]] = []
    for tbl in order:
        self_refs = {c.name for c in tbl.columns if any(fk.column.table is tbl for fk in c.foreign_keys)}
        for row in plan.reinsert.get(tbl.name, []):
            key = log.key_of(tbl, row)
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
            session.execute(update(tbl).where(log.key_clause(tbl, [key])).values(present))
    # 2. changed fields get their old values back (a field changed since stays, when lenient).
    for name, key, old, new in plan.restore:
        tbl = log.table(name)
        now = conn.execute(select(tbl).where(log.key_clause(tbl, [key]))).mappings().first()
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
            session.execute(update(tbl).where(log.key_clause(tbl, [key])).values(values))
    # 3. records the entry added go, children first.
    for tbl in reversed(order):
        keys = plan.remove.get(tbl.name, [])
        for start in range(0, len(keys), log.CHUNK):
            part = keys[start : start + log.CHUNK]
            session.execute(delete(tbl).where(log.key_clause(tbl, part)))
    recorder = log.current()
    if strict and recorder is not None:
        # The deletes above also reach what the database cascades to: anything outside this
        # entry that hangs on its records was added by a later action.
        for touched in recorder.rows:
            if touched not in plan.keys:
                conflict.found(*touched)
    conflict.raise_if_any()
    live = [e for e in plan.entities if _exists(conn, log.table("entity"), e)]
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
        later = log.entries_touching(self.conn, self.keys, self.seq)
        skip = log.undone_pairs(self.conn, self.seq)
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
    later = [s for s in log.entries_touching(conn, plan.keys, seq) if s not in log.undone_pairs(conn, seq)]
    if later:
        action = conn.execute(select(_entry.c.action).where(_entry.c.seq == later[0])).scalar_one()
        raise InvalidInput(
            f"Entry #{seq} cannot be undone: entry #{later[0]} ({action}) changed the same records later; "
            "undo that one first."
        )


def _replay(session: Session, seq: int, *, action: str, strict: bool) -> EntryView:
    conn = session.connection()
    row = _entry_row(conn, seq)
    _check_undoable(conn, row)
    view = _view(conn, row, {})
    plan = _plan(log.load_changes(conn, seq))
    if strict:
        _later_dependants(conn, seq, plan)
    log.set_action(action, undoes=seq)
    _apply(session, plan, strict=strict, seq=seq)
    return view


def undo(session: Session, *, entry: int | None = None) -> UndoResult:
    """Undo entry ``entry`` (default: the last action not yet undone) as a new action."""
    seq = entry if entry is not None else _last_undoable(session.connection())
    view = _replay(session, seq, action="undo", strict=True)
    return UndoResult("undo", view, view.title)


def describe_undo(session: Session, *, entry: int | None = None) -> EntryView:
    """The entry ``undo`` would undo (for a confirmation), after the same refusals."""
    conn = session.connection()
    seq = entry if entry is not None else _last_undoable(conn)
    row = _entry_row(conn, seq)
    _check_undoable(conn, row)
    return _view(conn, row, {})


def restore(session: Session, *, ref: str) -> UndoResult:
    """Bring back a removed entity with everything that was removed with it."""
    removed = _removed_entity(session, ref)
    view = _replay(session, removed.seq, action="restore", strict=False)
    return UndoResult("restore", view, f"{removed.handle} {removed.name}")


def unmerge(session: Session, *, ref: str) -> UndoResult:
    """Split a merged-away record back out of the one it was merged into."""
    conn = session.connection()
    hits = _merged_away(session, ref)
    shown = one_line(ref, 60)
    if not hits:
        raise NotFound(f"'{shown}' is not a record that was merged into another.")
    old_id = hits[0]
    seq = conn.execute(
        select(_change.c.entry_seq)
        .where(_change.c.tbl == "merged_id", _change.c.op == "insert", _change.c.row_key == old_id)
        .order_by(_change.c.entry_seq.desc())
    ).scalar()
    if seq is None:
        raise InvalidInput(
            f"'{shown}' was merged before this case file kept a history; restore the backup taken before the merge."
        )
    merged = conn.execute(select(_merged).where(_merged.c.old_id == old_id)).mappings().one()
    view = _replay(session, int(seq), action="unmerge", strict=False)
    return UndoResult("unmerge", view, f"{merged['old_handle']} {merged['old_name']}")


def check_chain(session: Session) -> list[tuple[int, str]]:
    """(entry, reason) for the first entry whose hash does not match; empty when the chain holds."""
    return log.verify_chain(session.connection())
