"""The change log's recorder: every record a writing transaction touches, in the same transaction.

A :class:`Recorder` lives for one ``Database.write`` (a ContextVar, so TUI worker threads
each have their own). It sees the rows a unit of work changes three ways:

- ORM flushes (``before_flush``): new, changed and deleted objects;
- Core statements run through the Session (``do_orm_execute``): the rows an UPDATE or
  DELETE matches are read before it runs (and after, for an UPDATE); INSERT values are
  taken from the statement;
- bulk writers (``storage.bulk.bulk_insert`` and importers) report their rows compactly.

A DELETE also records what the database's ``ON DELETE CASCADE`` / ``SET NULL`` will do to
the rows that point at the deleted ones, so a snapshot is complete. At commit,
``storage.history_entries.finish`` turns the changes into one hash-chained entry
(``storage.history_chain``; see docs/history.md). Which tables are logged, and how rows
are keyed: ``storage.logged_tables``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, event
from sqlalchemy.orm import ORMExecuteState, Session

from casefile.storage.logged_tables import (
    CHUNK,
    KEY_SEP,
    key_of,
    logged,
    referencing,
    rows_by_key,
    select_rows,
)
from casefile.storage.session import CasefileSession

_current: ContextVar[Recorder | None] = ContextVar("casefile_history_recorder", default=None)


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
        for child, column, parent_column, ondelete in referencing(tbl):
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


@event.listens_for(CasefileSession, "before_flush")
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


@event.listens_for(CasefileSession, "do_orm_execute")
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
