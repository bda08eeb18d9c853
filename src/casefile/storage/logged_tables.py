"""Which tables the change log covers, and how their rows are keyed and read back.

Every logged table has a text primary key; a composite key is one string joined by
``KEY_SEP``. Derived or bookkeeping tables (search keys, counters, the log itself) are
rebuilt from the logged ones and never logged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, select, tuple_
from sqlmodel import SQLModel

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
KEY_SEP = "\x1f"
CHUNK = 500


def table(name: str) -> Table:
    """The logged table called ``name``."""
    return SQLModel.metadata.tables[name]


def logged(tbl: Table) -> bool:
    return tbl.name not in NOT_LOGGED and tbl.name in SQLModel.metadata.tables


def key_of(tbl: Table, row: dict[str, Any]) -> str:
    """A row's primary key as one string (composite keys joined by \\x1f)."""
    return KEY_SEP.join(str(row[c.name]) for c in tbl.primary_key.columns)


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


def referencing(tbl: Table) -> list[tuple[Table, str, str, str]]:
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
