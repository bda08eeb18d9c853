"""Bulk writes that skip SQLAlchemy's per-row work (for importers and index rebuilds)."""

from __future__ import annotations

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
    else:
        conn.exec_driver_sql(str(compiled), [tuple(row[c] for c in order) for row in rows])
