"""Bulk writes that skip SQLAlchemy's per-row work (for importers and index rebuilds)."""

from __future__ import annotations

from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Dialect, Table, insert

from casefile.storage.history import current


@lru_cache(maxsize=256)
def _insert_sql(
    table: Table, columns: tuple[str, ...], dialect: Dialect
) -> tuple[str, tuple[str, ...] | None]:
    """The INSERT text for ``columns`` of ``table`` and the order of its positional parameters."""
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    order = compiled.positiontup
    return str(compiled), None if order is None else tuple(order)


def bulk_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """``INSERT`` many rows of the same columns in one executemany.

    The statement is compiled by SQLAlchemy for the connection's dialect (once per
    column set); the rows go to the driver as they are, skipping SQLAlchemy's per-row
    parameter processing, which costs more than the insert itself (all values here
    are str, int, float, bool or None, which every driver takes natively).
    """
    if not rows:
        return
    recorder = current()
    if recorder is not None:
        recorder.bulk_inserted(table, rows)
    sql, order = _insert_sql(table, tuple(rows[0]), conn.dialect)
    if order is None:
        conn.exec_driver_sql(sql, rows)  # type: ignore[arg-type]
    elif len(order) == 1:
        conn.exec_driver_sql(sql, [(row[order[0]],) for row in rows])
    else:
        conn.exec_driver_sql(sql, list(map(itemgetter(*order), rows)))
