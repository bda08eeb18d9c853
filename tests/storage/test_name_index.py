"""0005_name_index: SQLite keeps its name index in FTS5, old files move over, and it stays in step."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text

from casefile.storage.engine import open_database
from casefile.storage.schema import upgrade
from casefile.storage.search_index import KeyLookup, entities_with_keys
from tests.conftest import Cli, sqlite_only

STAMP = "2026-01-01T00:00:00.000000Z"


def _counts(db_path: str) -> tuple[int, int]:
    db = open_database(db_path)
    try:
        with db.engine.connect() as conn:
            keys = conn.execute(text("SELECT count(*) FROM name_key")).scalar_one()
            fts = conn.execute(text("SELECT count(*) FROM name_fts")).scalar_one()
    finally:
        db.dispose()
    return int(keys), int(fts)


@sqlite_only("the FTS5 name index is SQLite's")
def test_a_0003_file_moves_its_keys_into_fts_with_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = open_database(str(path), migrate=False)
    try:
        with old.engine.begin() as conn:
            upgrade(conn, "0003_place_index")
            conn.execute(
                text(
                    "INSERT INTO entity (id, handle, kind, name, name_folded, name_exact, summary, private,"
                    " created, updated) VALUES ('id-0', 'P1', 'person', 'Ольга Тихановская',"
                    " 'olga tikhanovskaya', 'ольга тихановская', '', false, :t, :t)"
                ),
                {"t": STAMP},
            )
            from casefile.storage import search_index

            search_index.rebuild_all(conn)  # as 0002 left it: name_key rows
            assert conn.execute(text("SELECT count(*) FROM name_key")).scalar_one() > 0
    finally:
        old.dispose()
    cli = Cli(str(path))
    hits = cli.json("search", "Volha Tsikhanouskaya")
    assert [h["handle"] for h in hits] == ["P1"]
    assert list(tmp_path.glob("*.bak")), "no backup of the old file"
    assert _counts(str(path)) == (0, 1)


@sqlite_only("the FTS5 name index is SQLite's")
def test_the_index_follows_renames_aliases_and_removals(cli: Cli) -> None:
    handle = cli.json("add", "person", "Maria Kalesnikava")["handle"]
    other = cli.json("add", "person", "Ales Bialiatski")["handle"]
    cli.ok("edit", handle, "--name", "Maryia Kalesnikava")
    assert [h["handle"] for h in cli.json("search", "Maryia")] == [handle]
    cli.ok("remove", other, "--yes")
    assert cli.json("search", "Bialiatski") == []
    assert _counts(cli.db) == (0, 1)


def test_entities_with_keys_answers_on_every_backend(cli: Cli, case_db: str) -> None:
    first = cli.json("add", "person", "Sviatlana Tsikhanouskaya")["id"]
    second = cli.json("add", "person", "Svetlana Tikhanovskaya")["id"]
    cli.json("add", "person", "Maria Kalesnikava")
    db = open_database(case_db)
    try:
        with db.engine.connect() as conn:
            exact = entities_with_keys(conn, [KeyLookup("token", "tsikhanouskaya")])
            from casefile.names import skeleton

            loose = entities_with_keys(
                conn,
                [KeyLookup("skeleton", skeleton("tsikhanouskaya")), KeyLookup("token", "svia", prefix=True)],
            )
    finally:
        db.dispose()
    assert exact == {first: 1}
    assert loose == {first: 2, second: 1}


@sqlite_only("copies a case file")
def test_a_copied_file_keeps_finding_names(cli: Cli, tmp_path: Path) -> None:
    """The index is keyed by entity rowid: a file copy (backup) must still find every name."""
    handle = cli.json("add", "person", "Natalya Dulina")["handle"]
    cli.json("add", "person", "Someone Else")
    backup = tmp_path / "copy.db"
    cli.ok("backup", str(backup))
    shutil.copy2(backup, tmp_path / "again.db")
    assert [h["handle"] for h in Cli(str(tmp_path / "again.db")).json("search", "Dulina")] == [handle]
