"""The change log's write side: every record a writing transaction touches, in the same transaction.

A :class:`Recorder` lives for one ``Database.write`` (a ContextVar, so TUI worker threads
each have their own). It sees the rows a unit of work changes three ways:

- ORM flushes (``before_flush``): new, changed and deleted objects;
- Core statements run through the Session (``do_orm_execute``): the rows an UPDATE or
  DELETE matches are read before it runs (and after, for an UPDATE); INSERT values are
  taken from the statement;
- bulk writers (``storage.bulk.bulk_insert`` and importers) report their rows compactly.

A DELETE also records what the database's ``ON DELETE CASCADE`` / ``SET NULL`` will do to
the rows that point at the deleted ones, so a snapshot is complete. At commit, the changes
become one ``history_entry`` with one ``history_change`` per record, hash-chained to the
previous entry (see docs/history.md). Derived tables (search keys, counters) are not logged.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import secrets
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, event, insert, select, tuple_
from sqlalchemy.orm import ORMExecuteState, Session
from sqlmodel import SQLModel

from casefile.storage.tables import HistoryChange, HistoryEntry

ENTITY_TABLE = "entity"
# Derived or bookkeeping tables: rebuilt from the logged ones, never logged themselves.
NOT_LOGGED = frozenset(
    {
        "name_key",
        "text_doc",
        "text_word",
        "handle_counter",
        "history_entry",
        "history_change",
        "alembic_version",
    }
)
GENESIS = "0" * 64
KEY_SEP = "\x1f"
CHUNK = 500
INSERTED_MANY = "inserted"  # a compact change: the keys of rows a bulk writer added
REDACTED = "redacted"  # a purge entry's list of the changes it emptied: [[entry, idx], ...]

_entry = HistoryEntry.__table__  # type: ignore[attr-defined]
_change = HistoryChange.__table__  # type: ignore[attr-defined]
_current: ContextVar[Recorder | None] = ContextVar("casefile_history_recorder", default=None)


# -- tables and keys -----------------------------------------------------------------------


def table(name: str) -> Table:
    """The logged table called ``name``."""
    return SQLModel.metadata.tables[name]


def logged(tbl: Table) -> bool:
    return tbl.name not in NOT_LOGGED and tbl.name in SQLModel.metadata.tables


def key_of(tbl: Table, row: dict[str, Any]) -> str:
    """A row's primary key as one string (composite keys joined by \\x1f)."""
    return KEY_SEP.join(str(row[c.name]) for c in tbl.primary_key.columns)


def key_values(tbl: Table, key: str) -> dict[str, Any]:
    """The primary-key columns of ``key`` (every logged table has text keys)."""
    return dict(zip([c.name for c in tbl.primary_key.columns], key.split(KEY_SEP), strict=True))


def key_clause(tbl: Table, keys: Sequence[str]) -> Any:
    """A WHERE clause matching rows of ``tbl`` by their keys."""
    columns = list(tbl.primary_key.columns)
    if len(columns) == 1:
        return columns[0].in_(list(keys))
    return tuple_(*columns).in_([tuple(k.split(KEY_SEP)) for k in keys])


def entity_refs(tbl: Table, *rows: dict[str, Any] | None) -> set[str]:
    """The entity UUIDs ``rows`` point at (and their own id, for entity rows)."""
    found: set[str] = set()
    for row in rows:
        if not row:
            continue
        if tbl.name == ENTITY_TABLE and row.get("id"):
            found.add(str(row["id"]))
        for column in tbl.columns:
            value = row.get(column.name)
            if value and any(fk.target_fullname == "entity.id" for fk in column.foreign_keys):
                found.add(str(value))
    return found


def select_rows(conn: Connection, tbl: Table, where: Any) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(select(tbl).where(where)).mappings()]


def rows_by_key(conn: Connection, tbl: Table, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(keys), CHUNK):
        for row in select_rows(conn, tbl, key_clause(tbl, keys[start : start + CHUNK])):
            found[key_of(tbl, row)] = row
    return found


def _referencing(tbl: Table) -> list[tuple[Table, str, str, str]]:
    """(child table, child column, parent column, ondelete) for every logged FK into ``tbl``."""
    found = []
    for child in SQLModel.metadata.sorted_tables:
        if not logged(child):
            continue
        for column in child.columns:
            for fk in column.foreign_keys:
                if fk.column.table.name == tbl.name:
                    found.append((child, column.name, fk.column.name, (fk.ondelete or "").upper()))
    return found


# -- recording -----------------------------------------------------------------------------


@dataclass
class _Row:
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass
class Recorder:
    """What one writing transaction changed, in the order it first touched each record."""

    action: str = "change"
    undoes: int | None = None
    rows: dict[tuple[str, str], _Row] = field(default_factory=dict)
    inserted: dict[str, list[str]] = field(default_factory=dict)
    silent: bool = False  # a purge: the entry keeps no content
    extra: list[tuple[str, str, Any]] = field(default_factory=list)  # (tbl, op, data)
    on_commit: list[Any] = field(default_factory=list)

    def note(self, tbl: Table, key: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        """Record that ``key`` went from ``before`` to ``after`` (first before, last after win)."""
        row = self.rows.get((tbl.name, key))
        if row is None:
            self.rows[(tbl.name, key)] = _Row(before, after)
        else:
            row.after = after

    def deleting(self, conn: Connection, tbl: Table, rows: list[dict[str, Any]]) -> None:
        """Record ``rows`` as deleted, with what the database's foreign-key actions will do."""
        if not rows or not logged(tbl):
            return
        for row in rows:
            self.note(tbl, key_of(tbl, row), row, None)
        for child, column, parent_column, ondelete in _referencing(tbl):
            values = sorted({row[parent_column] for row in rows if row.get(parent_column) is not None})
            if not values or ondelete not in ("CASCADE", "SET NULL"):
                continue
            for start in range(0, len(values), CHUNK):
                hit = select_rows(conn, child, child.c[column].in_(values[start : start + CHUNK]))
                hit = [r for r in hit if (child.name, key_of(child, r)) not in self._gone()]
                if ondelete == "CASCADE":
                    self.deleting(conn, child, hit)
                else:
                    for r in hit:
                        current = self.rows.get((child.name, key_of(child, r)))
                        base = current.after if current is not None and current.after is not None else r
                        self.note(child, key_of(child, r), r, {**base, column: None})

    def _gone(self) -> set[tuple[str, str]]:
        return {k for k, v in self.rows.items() if v.after is None and v.before is not None}

    def bulk_inserted(self, tbl: Table, rows: Iterable[dict[str, Any]]) -> None:
        """Rows a bulk writer added: kept as keys only (an import is one compact entry)."""
        if not logged(tbl):
            return
        names = [c.name for c in tbl.primary_key.columns]
        keys = self.inserted.setdefault(tbl.name, [])
        # C-level getters: an import reports hundreds of thousands of rows (keys are text).
        if len(names) == 1:
            keys.extend(map(str, map(itemgetter(names[0]), rows)))
        else:
            keys.extend(map(KEY_SEP.join, map(itemgetter(*names), rows)))

    def changes(self) -> list[tuple[str, str, str, dict[str, Any]]]:
        """(table, op, key, data) per record, in first-touched order; no-op records dropped."""
        out: list[tuple[str, str, str, dict[str, Any]]] = []
        for (name, key), row in self.rows.items():
            before, after = row.before, row.after
            if before is None and after is None:
                continue
            if before is None:
                out.append((name, "insert", key, {"new": after}))
            elif after is None:
                out.append((name, "delete", key, {"old": before}))
            else:
                fields = [c for c in after if before.get(c) != after.get(c)]
                if fields:
                    out.append(
                        (
                            name,
                            "update",
                            key,
                            {"old": {c: before.get(c) for c in fields}, "new": {c: after[c] for c in fields}},
                        )
                    )
        return out


def current() -> Recorder | None:
    """The recorder of the writing transaction running in this thread, if any."""
    return _current.get()


@contextmanager
def recording(action: str = "change") -> Iterator[Recorder]:
    """Record every change made in this thread until the block ends."""
    recorder = Recorder(action=action)
    token = _current.set(recorder)
    try:
        yield recorder
    finally:
        _current.reset(token)


def set_action(name: str, *, undoes: int | None = None) -> None:
    """Name the running action (``merge``, ``remove``, ``undo``...) for its history entry."""
    recorder = current()
    if recorder is not None:
        recorder.action = name
        if undoes is not None:
            recorder.undoes = undoes


def default_action(name: str) -> None:
    """Name the running action unless a service already named it."""
    recorder = current()
    if recorder is not None and recorder.action == "change":
        recorder.action = name


# -- ORM and Core capture ------------------------------------------------------------------


def _object_rows(obj: Any) -> tuple[Table, dict[str, Any], dict[str, Any]] | None:
    """(table, row before this flush, row after) of a mapped object."""
    from sqlalchemy import inspect as sa_inspect

    state = sa_inspect(obj)
    tbl = state.mapper.local_table
    if not isinstance(tbl, Table) or not logged(tbl):
        return None
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for column in tbl.columns:
        history = state.attrs[column.key].history
        now = getattr(obj, column.key)
        after[column.name] = now
        before[column.name] = history.deleted[0] if history.deleted else now
    return tbl, before, after


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    recorder = current()
    if recorder is None:
        return
    conn = session.connection()
    for obj in list(session.new):
        got = _object_rows(obj)
        if got is not None:
            tbl, _before, after = got
            recorder.note(tbl, key_of(tbl, after), None, after)
    for obj in list(session.dirty):
        got = _object_rows(obj)
        if got is not None:
            tbl, before, after = got
            recorder.note(tbl, key_of(tbl, before), before, after)
    for obj in list(session.deleted):
        got = _object_rows(obj)
        if got is not None:
            tbl, before, _after = got
            recorder.deleting(conn, tbl, [before])


def _statement_table(statement: Any) -> Table | None:
    tbl = getattr(statement, "table", None)
    if isinstance(tbl, Table):
        return tbl
    entity = getattr(tbl, "__table__", None)
    return entity if isinstance(entity, Table) else None


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> Any:
    recorder = current()
    if recorder is None or not (state.is_insert or state.is_update or state.is_delete):
        return None
    tbl = _statement_table(state.statement)
    if tbl is None or not logged(tbl):
        return None
    conn = state.session.connection()
    statement: Any = state.statement
    if state.is_delete:
        where = statement.whereclause
        rows = select_rows(conn, tbl, where if where is not None else True)
        recorder.deleting(conn, tbl, rows)
        return None
    if state.is_update:
        where = statement.whereclause
        before = select_rows(conn, tbl, where if where is not None else True)
        result = state.invoke_statement()
        keys = [key_of(tbl, r) for r in before]
        after = rows_by_key(conn, tbl, keys)
        for row in before:
            key = key_of(tbl, row)
            recorder.note(tbl, key, row, after.get(key))
        return result
    params: Any = state.parameters
    compiled = dict(statement.compile(dialect=conn.dialect).params)
    many = params if isinstance(params, list) else [params or {}]
    result = state.invoke_statement()
    for extra in many:
        values = {**compiled, **dict(extra)}
        row = {c.name: values.get(c.key, values.get(c.name)) for c in tbl.columns}
        recorder.note(tbl, key_of(tbl, row), None, row)
    return result


# -- writing the entry ---------------------------------------------------------------------


def actor(conn: Connection) -> str:
    """The OS login on SQLite, the database user on a server."""
    if conn.dialect.name == "sqlite":
        try:
            return getpass.getuser()
        except Exception:  # no login name (some containers): the uid still says who
            return f"uid {os.getuid()}"
    return str(conn.exec_driver_sql("SELECT current_user").scalar_one())


def canonical(value: Any) -> str:
    """The JSON text hashed and stored for a change (sorted keys, no spaces)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def change_digest(
    salt: str, seq: int, idx: int, tbl: str, op: str, row_key: str, entities: str, data: str | None
) -> str:
    body = KEY_SEP.join((salt, str(seq), str(idx), tbl, op, row_key, entities, data or ""))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def entry_hash(prev_hash: str, entry: dict[str, Any], digests: Sequence[str]) -> str:
    head = KEY_SEP.join(
        (
            prev_hash,
            str(entry["seq"]),
            entry["at"],
            entry["actor"],
            entry["action"],
            entry["schema_version"],
            "" if entry["undoes"] is None else str(entry["undoes"]),
            entry["salt"],
        )
    )
    digest = hashlib.sha256(head.encode("utf-8"))
    for part in digests:
        digest.update(part.encode("ascii"))
    return digest.hexdigest()


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


# -- reading entries back --------------------------------------------------------------------


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


def verify_chain(conn: Connection) -> list[tuple[int, str]]:
    """[(entry, reason)] for the first entry that does not match its hash or its place; [] if none."""
    vouched: set[tuple[int, int]] = set()
    for data in conn.execute(select(_change.c.data).where(_change.c.op == REDACTED)).scalars():
        if data:
            vouched.update((int(s), int(i)) for s, i in json.loads(data))
    prev = GENESIS
    expected = 1
    for entry in conn.execute(select(_entry).order_by(_entry.c.seq)).mappings():
        seq = int(entry["seq"])
        if seq != expected or entry["prev_hash"] != prev:
            return [
                (seq, f"history entry #{seq} does not follow the entry before it (one was removed or edited)")
            ]
        digests = []
        for change in conn.execute(
            select(_change).where(_change.c.entry_seq == seq).order_by(_change.c.idx)
        ).mappings():
            if change["digest"] is not None:
                if (seq, int(change["idx"])) not in vouched:
                    return [(seq, f"history entry #{seq} has a change emptied outside a purge")]
                digests.append(str(change["digest"]))
                continue
            digests.append(
                change_digest(
                    entry["salt"], seq, int(change["idx"]), change["tbl"], change["op"],
                    change["row_key"], change["entities"], change["data"],
                )
            )  # fmt: skip
        if entry_hash(prev, dict(entry), digests) != entry["hash"]:
            return [(seq, f"history entry #{seq} ({entry['action']}) does not match its hash; it was edited")]
        prev = str(entry["hash"])
        expected = seq + 1
    return []
