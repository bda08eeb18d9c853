"""Bulk writes that skip SQLAlchemy's per-row work (for importers and index rebuilds)."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, insert


def bulk_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """``INSERT`` many rows of the same columns in one executemany.

    The statement is compiled by SQLAlchemy for the connection's dialect; the rows go
    to the driver as they are, skipping SQLAlchemy's per-row parameter processing,
    which costs more than the insert itself (all values here are str, int, float,
    bool or None, which every driver takes natively).
    """
    if not rows:
        return
    columns = list(rows[0])
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=columns)
    order = compiled.positiontup
    if order is None:
        conn.exec_driver_sql(str(compiled), rows)  # type: ignore[arg-type]
    elif len(order) == 1:
        conn.exec_driver_sql(str(compiled), [(row[order[0]],) for row in rows])
    else:
        conn.exec_driver_sql(str(compiled), list(map(itemgetter(*order), rows)))
