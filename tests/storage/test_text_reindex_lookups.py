"""Rebuilding searchable texts looks entities and notes up by id (issue 14: imports went quadratic).

Given ``kind IN ('source', 'event')`` in its WHERE, SQLite's planner (no statistics) walked
the kind index over every source and event of the file for each batch of ids, so an import
of 100,000 entities spent most of its time there. The plans of the statements that
``reindex_texts`` runs must read entities and notes by id.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from uuid import NAMESPACE_URL, uuid5

from sqlalchemy import event, text

from casefile.storage.engine import open_database
from casefile.storage.search_index import reindex_texts
from tests.conftest import Cli, sqlite_only


def _plans(db_path: str, ids: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """The query-plan lines of every SELECT ``reindex_texts(ids)`` ran, and the texts it kept."""
    db = open_database(db_path)
    statements: list[tuple[str, Any]] = []
    try:
        with db.engine.begin() as conn:

            def remember(_conn: Any, _cursor: Any, sql: str, params: Any, _context: Any, _many: bool) -> None:
                if sql.lstrip().upper().startswith("SELECT"):
                    statements.append((sql, params))

            event.listen(conn, "before_cursor_execute", remember)
            reindex_texts(conn, ids)
            event.remove(conn, "before_cursor_execute", remember)
            plans = [
                str(row[3])
                for sql, params in statements
                for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)
            ]
            texts: dict[str, list[str]] = {}
            for entity_id, field in conn.execute(text("SELECT entity_id, field FROM text_doc")):
                texts.setdefault(entity_id, []).append(field)
    finally:
        db.dispose()
    return plans, texts


def _bundle(path: Path, count: int) -> None:
    """``count`` sources with a summary and ``count`` people, a note on the first of each."""
    stamp = "2025-01-01T00:00:00.000000Z"
    entities: list[dict[str, Any]] = []
    for number in range(1, count + 1):
        for kind, prefix, name in (("source", "S", "Court report"), ("person", "P", "Ales Bialiatski")):
            entities.append(
                {"id": str(uuid5(NAMESPACE_URL, f"{prefix}{number}")), "handle": f"{prefix}{number}",
                 "kind": kind, "name": f"{name} {number}", "summary": f"Hearing {number}",
                 "private": False, "aliases": [], "tags": [], "created": stamp, "updated": stamp}
            )  # fmt: skip
    notes = [
        {"id": str(uuid5(NAMESPACE_URL, f"N{prefix}")), "handle": f"N{number}", "entity_id": entities[index]["id"],
         "body": "Seen in Minsk", "private": False, "created": stamp, "updated": stamp}
        for number, (index, prefix) in enumerate(((0, "S"), (1, "P")), start=1)
    ]  # fmt: skip
    document = {"format": "casefile", "version": 1, "entities": entities, "notes": notes}
    path.write_text(json.dumps(document), encoding="utf-8")


@sqlite_only("query plans are SQLite's")
def test_reindexing_texts_reads_entities_and_notes_by_id(tmp_path: Path) -> None:
    path = str(tmp_path / "case.db")
    bundle = tmp_path / "bundle.json"
    _bundle(bundle, 300)  # a batch of hundreds of ids is what made the planner walk the kind index
    imported = Cli(path)("import", "json", str(bundle))
    assert imported.exit_code == 0, imported.stderr
    ids = [str(uuid5(NAMESPACE_URL, f"{prefix}{n}")) for n in range(1, 201) for prefix in ("S", "P")]

    plans, texts = _plans(path, ids)

    assert plans, "reindex_texts ran no SELECT"
    walks = [line for line in plans if "kind" in line or line.startswith("SCAN")]
    assert walks == [], plans
    # What it keeps is unchanged: a source's summary and notes, nothing for a person.
    first_source, first_person = ids[0], ids[1]
    assert sorted(texts[first_source]) == ["notes", "summary"]
    assert texts[ids[2]] == ["summary"]
    assert first_person not in texts
    assert len(texts) == 300
