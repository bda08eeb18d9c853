"""Migration 0004: name keys written before French/German romanisations joined are rebuilt."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from casefile.services.entities import add_entity
from casefile.services.fields import EntityFields
from casefile.services.search import search
from casefile.storage.engine import open_database

pytestmark = pytest.mark.sqlite_only


def test_an_old_file_with_stale_skeletons_finds_french_spellings_after_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = open_database(str(path))
    db.write(
        lambda s: add_entity(s, kind="person", data=EntityFields(name="Vladimir Jirinovski"), aliases=[])
    )
    db.dispose()
    # What casefile before 0004 stored: "jirinovski" had the skeleton "arnsk" (j as a vowel).
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE name_key SET skeleton = 'arnsk' WHERE token = 'jirinovski'")
        conn.execute("UPDATE name_key SET skeleton = 'arnsk vldmr' WHERE token = ''")
        conn.execute("UPDATE alembic_version SET version_num = '0003_place_index'")
        # What 0003 did not have yet (later migrations create these again).
        conn.execute("DROP TRIGGER IF EXISTS entity_name_fts_delete")
        for table in ("name_fts", "history_change", "history_entry", "mention", "rejected_name",
                      "source_file", "attachment"):  # fmt: skip
            conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.close()

    db = open_database(str(path))
    try:
        assert any("Upgraded the case file from schema 0003_place_index" in n for n in db.notices)
        hits = db.read(lambda s: search(s, query="Zhirinovsky"))
        assert [h.entity.name for h in hits] == ["Vladimir Jirinovski"]
    finally:
        db.dispose()
    conn = sqlite3.connect(path)
    try:  # SQLite keeps its name index in FTS5 from 0005 on: the new skeleton is there, the old one gone
        (keys,) = conn.execute("SELECT keys FROM name_fts").fetchone()
        assert "szrnsk" in keys.split()
        assert "sarnsk" not in keys.split()
    finally:
        conn.close()
