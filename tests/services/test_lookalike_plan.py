""" "Same as P3?" looks the folded name up by index, never by walking every record of a kind.

With ``kind = ?`` beside an OR in its WHERE, SQLite's planner (no statistics) searched the kind
index: on a 100,000-entity file each new person's check read every person (0.27 s a save).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from casefile.services.lookalikes import same_folded_name
from casefile.storage.engine import open_database
from tests.conftest import Cli, sqlite_only


@sqlite_only("query plans are SQLite's")
def test_same_folded_name_searches_by_name_not_by_kind(cli: Cli) -> None:
    for name in ("Ales Bialiatski", "Ihor Korney", "Maria Kalesnikava"):
        cli.ok("add", "person", name)
    cli.ok("add", "organization", "Viasna", "--alias", "ALÈS Bialiatski")
    db = open_database(cli.db)
    statements: list[tuple[str, Any]] = []
    try:

        def remember(_conn: Any, _cursor: Any, sql: str, params: Any, _context: Any, _many: bool) -> None:
            statements.append((sql, params))

        event.listen(db.engine, "before_cursor_execute", remember)
        try:
            found = db.read(lambda s: same_folded_name(s, kind="person", name="ALES BIALIATSKI"))
            by_alias = db.read(lambda s: same_folded_name(s, kind="organization", name="Ales Bialiatski"))
        finally:
            event.remove(db.engine, "before_cursor_execute", remember)
        with db.engine.connect() as conn:
            plans = [
                str(row[3])
                for sql, params in statements
                if sql.lstrip().upper().startswith("SELECT")
                for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)
            ]
    finally:
        db.dispose()
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
    db = open_database(cli.db)
    statements: list[tuple[str, Any]] = []
    try:

        def remember(_conn: Any, _cursor: Any, sql: str, params: Any, _context: Any, _many: bool) -> None:
            statements.append((sql, params))

        event.listen(db.engine, "before_cursor_execute", remember)
        try:
            person = db.read(lambda s: resolve_entity(s, "ales bialiatski", kind="person").handle)
            source = db.read(lambda s: resolve_entity(s, "Ales Bialiatski", kind="source").handle)
        finally:
            event.remove(db.engine, "before_cursor_execute", remember)
        with db.engine.connect() as conn:
            plans = [
                str(row[3])
                for sql, params in statements
                if sql.lstrip().upper().startswith("SELECT") and "alias.name_folded" in sql
                for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)
            ]
    finally:
        db.dispose()
    assert (person, source) == ("P1", "S1")
    assert plans
    assert not [p for p in plans if "kind" in p or p.startswith("SCAN")], plans
