"""History, undo, restore and unmerge: what a user asks of the change log.

Undo re-applies an entry's old values as a NEW action (recorded like any other), so the
log only grows. ``undo`` is strict: it refuses when a later action changed the same
records or added something that hangs on them. ``restore`` and ``unmerge`` replay a
``remove`` or a ``merge`` leniently: a field changed since is left as it is now, and a
record added since stays where it is (each side of an unmerge keeps its own links).
The read models are in ``services.history_views``, the replay in ``services.history_replay``;
purging lives in ``services.purge``.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, or_, select
from sqlmodel import Session

from casefile.errors import Ambiguous, InvalidInput, NotFound
from casefile.names import casefold_exact
from casefile.services.history_replay import check_undoable, entry_row, replay
from casefile.services.history_views import EntryView, RemovedView, UndoResult, undone_by, view_of
from casefile.storage.handles import split_handle
from casefile.storage.history_chain import verify_chain
from casefile.storage.history_entries import INSERTED_MANY
from casefile.storage.tables import HistoryChange, HistoryEntry, MergedId
from casefile.text import one_line

# The read models are part of this service's interface (the CLI and the TUI show them).
__all__ = [
    "EntryView",
    "RemovedView",
    "UndoResult",
    "check_chain",
    "describe_undo",
    "entry_view",
    "list_history",
    "list_removed",
    "restore",
    "undo",
    "unmerge",
]

_entry = HistoryEntry.__table__  # type: ignore[attr-defined]
_change = HistoryChange.__table__  # type: ignore[attr-defined]
_merged = MergedId.__table__  # type: ignore[attr-defined]


def entry_view(session: Session, seq: int) -> EntryView:
    conn = session.connection()
    row = conn.execute(select(_entry).where(_entry.c.seq == seq)).first()
    if row is None:
        raise NotFound(f"There is no history entry #{seq}.")
    return view_of(conn, row, undone_by(conn, [seq]))


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
                *((_change.c.op == INSERTED_MANY) & _change.c.data.contains(i, autoescape=True) for i in ids),
            )
        )
        query = query.where(_entry.c.seq.in_(touching))
    rows = conn.execute(query).all()
    undone = undone_by(conn, [int(r.seq) for r in rows])
    return [view_of(conn, r, undone) for r in rows]


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
    undone = undone_by(conn, sorted({s for s, _k, _d in rows}))
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


# -- undo, restore, unmerge ---------------------------------------------------------------


def _last_undoable(conn: Connection) -> int:
    undone = {
        int(u) for u in conn.execute(select(_entry.c.undoes).where(_entry.c.undoes.is_not(None))).scalars()
    }
    for seq, action in conn.execute(select(_entry.c.seq, _entry.c.action).order_by(_entry.c.seq.desc())):
        if int(seq) in undone or action == "undo":
            continue
        return int(seq)
    raise InvalidInput("There is nothing to undo; the history is empty.")


def undo(session: Session, *, entry: int | None = None) -> UndoResult:
    """Undo entry ``entry`` (default: the last action not yet undone) as a new action."""
    seq = entry if entry is not None else _last_undoable(session.connection())
    view = replay(session, seq, action="undo", strict=True)
    return UndoResult("undo", view, view.title)


def describe_undo(session: Session, *, entry: int | None = None) -> EntryView:
    """The entry ``undo`` would undo (for a confirmation), after the same refusals."""
    conn = session.connection()
    seq = entry if entry is not None else _last_undoable(conn)
    row = entry_row(conn, seq)
    check_undoable(conn, row)
    return view_of(conn, row, {})


def restore(session: Session, *, ref: str) -> UndoResult:
    """Bring back a removed entity with everything that was removed with it."""
    removed = _removed_entity(session, ref)
    view = replay(session, removed.seq, action="restore", strict=False)
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
    view = replay(session, int(seq), action="unmerge", strict=False)
    return UndoResult("unmerge", view, f"{merged['old_handle']} {merged['old_name']}")


def check_chain(session: Session) -> list[tuple[int, str]]:
    """(entry, reason) for the first entry whose hash does not match; empty when the chain holds."""
    return verify_chain(session.connection())
