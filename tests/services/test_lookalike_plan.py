""" "Same as P3?" looks the folded name up by index, never by walking every record of a kind.

With ``kind = ?`` beside an OR in its WHERE, SQLite's planner (no statistics) searched the kind
index: on a 100,000-entity file each new person's check read every person (0.27 s a save).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import event
from sqlmodel import Session

from casefile.services.lookalikes import same_folded_name
from casefile.storage.engine import open_database
from tests.conftest import Cli, sqlite_only

T = TypeVar("T")


def _plans_while(target: str, action: Callable[[Session], T], *, select_of: str) -> tuple[T, list[str]]:
    """``action``'s result, and the query-plan lines of its SELECTs that name ``select_of``."""
    db = open_database(target)
    statements: list[tuple[str, Any]] = []

    def remember(_conn: Any, _cursor: Any, sql: str, params: Any, _context: Any, _many: bool) -> None:
        if sql.lstrip().upper().startswith("SELECT") and select_of in sql:
            statements.append((sql, params))

    try:
        event.listen(db.engine, "before_cursor_execute", remember)
        try:
            result = db.read(action)
        finally:
            event.remove(db.engine, "before_cursor_execute", remember)
        with db.engine.connect() as conn:
            plans = [
                str(row[3])
                for sql, params in statements
                for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)
            ]
    finally:
        db.dispose()
    return result, plans


@sqlite_only("query plans are SQLite's")
def test_same_folded_name_searches_by_name_not_by_kind(cli: Cli) -> None:
    for name in ("Ales Bialiatski", "Ihor Korney", "Maria Kalesnikava"):
        cli.ok("add", "person", name)
    cli.ok("add", "organization", "Viasna", "--alias", "ALÈS Bialiatski")
    found, plans = _plans_while(
        cli.db, lambda s: same_folded_name(s, kind="person", name="ALES BIALIATSKI"), select_of="name_folded"
    )
    by_alias, alias_plans = _plans_while(
        cli.db,
        lambda s: same_folded_name(s, kind="organization", name="Ales Bialiatski"),
        select_of="name_folded",
    )
    plans += alias_plans
    assert [r.handle for r in found] == ["P1"]
    assert [r.handle for r in by_alias] == ["O1"]  # the alias folds like the name; kind kept apart
    assert plans
    assert not [p for p in plans if "kind" in p or p.startswith("SCAN")], plans


@sqlite_only("query plans are SQLite's")
def test_a_name_given_with_its_kind_resolves_by_name_not_by_kind(cli: Cli) -> None:
    from casefile.services.refs import resolve_entity

    for name in ("Ales Bialiatski", "Ihor Korney"):
        cli.ok("add", "person", name)
    cli.ok("add", "source", "Court report", "--alias", "Ales Bialiatski")
    person, plans = _plans_while(
        cli.db,
        lambda s: resolve_entity(s, "ales bialiatski", kind="person").handle,
        select_of="alias.name_folded",
    )
    source, source_plans = _plans_while(
        cli.db,
        lambda s: resolve_entity(s, "Ales Bialiatski", kind="source").handle,
        select_of="alias.name_folded",
    )
    plans += source_plans
    assert (person, source) == ("P1", "S1")
    assert plans
    assert not [p for p in plans if "kind" in p or p.startswith("SCAN")], plans
