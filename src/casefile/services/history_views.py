"""History read models, and how a stored entry and its changes become one.

``EntryView`` is what ``history`` and the undo confirmation show; ``UndoResult`` is what an
undo, restore or unmerge replayed; ``RemovedView`` is a removed entity ``restore`` can bring back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from casefile.storage.history_entries import INSERTED_MANY, StoredChange, load_changes
from casefile.storage.logged_tables import KEY_SEP
from casefile.storage.tables import HistoryEntry
from casefile.text import one_line

_entry = HistoryEntry.__table__  # type: ignore[attr-defined]
# Fields shown for a record that was added or removed (the rest is in --json).
_LABEL_FIELDS = ("name", "role", "body", "value", "tag", "attribute", "quote", "old_name")


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


# -- from stored entries ------------------------------------------------------------------


def _label(tbl: str, key: str, row: dict[str, Any] | None) -> str:
    row = row or {}
    handle = row.get("handle")
    text = next((str(row[f]) for f in _LABEL_FIELDS if row.get(f)), "")
    if tbl == "tag":
        return f"tag {one_line(str(row.get('tag', key.split(KEY_SEP)[-1])), 60)}"
    head = str(handle) if handle else tbl
    return f"{head} {one_line(text, 60)}".strip()


def _record(change: StoredChange) -> RecordChange:
    if change.data is None or change.op == "purged":
        return RecordChange(change.tbl, "purged", "", f"{change.tbl} (purged)")
    if change.op == INSERTED_MANY:
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


def view_of(conn: Connection, row: Any, undone: dict[int, int]) -> EntryView:
    changes = load_changes(conn, int(row.seq))
    return EntryView(
        int(row.seq), row.at, row.actor, row.action, row.schema_version,
        None if row.undoes is None else int(row.undoes), undone.get(int(row.seq)),
        [_record(c) for c in changes],
    )  # fmt: skip


def undone_by(conn: Connection, seqs: list[int]) -> dict[int, int]:
    if not seqs:
        return {}
    return {
        int(u): int(s)
        for s, u in conn.execute(select(_entry.c.seq, _entry.c.undoes).where(_entry.c.undoes.in_(seqs)))
    }
