"""0002_search builds the search keys of a case file written before it existed."""

from __future__ import annotations

from sqlalchemy import text

from casefile.services.search import search
from casefile.storage.engine import open_database
from casefile.storage.schema import upgrade

STAMP = "2026-01-01T00:00:00.000000Z"


def test_upgrade_from_baseline_builds_keys(case_db) -> None:
    old = open_database(case_db, migrate=False)
    try:
        with old.engine.begin() as conn:
            upgrade(conn, "0001_baseline")
            for i, (kind, name, summary) in enumerate(
                [("person", "Ольга Тихановская", ""), ("source", "Report", "Prisoners released in Minsk")]
            ):
                conn.execute(
                    text(
                        "INSERT INTO entity (id, handle, kind, name, name_folded, name_exact, summary, private,"
                        " created, updated) VALUES (:id, :h, :k, :n, :f, :n, :s, false, :t, :t)"
                    ),
                    {
                        "id": f"id-{i}",
                        "h": f"X{i}",
                        "k": kind,
                        "n": name,
                        "f": "ol ga",
                        "s": summary,
                        "t": STAMP,
                    },
                )
            conn.execute(
                text(
                    "INSERT INTO alias (id, entity_id, name, name_folded, name_exact, alias_kind, created, updated)"
                    " VALUES ('a-1', 'id-0', 'Volha Tsikhanouskaya', '', '', 'alias', :t, :t)"
                ),
                {"t": STAMP},
            )
    finally:
        old.dispose()
    db = open_database(case_db)
    try:
        assert [h.entity.handle for h in db.read(lambda s: search(s, query="Olga Tikhanovskaya"))] == ["X0"]
        assert db.read(lambda s: search(s, query="Tsikhanouskaya"))[0].matched.startswith("alias 'Volha")
        assert [h.entity.handle for h in db.read(lambda s: search(s, query="released minsk"))] == ["X1"]
        with db.engine.connect() as conn:
            assert (
                conn.execute(text("SELECT name_folded FROM entity WHERE id = 'id-0'")).scalar()
                == "olga tikhanovskaya"
            )
    finally:
        db.dispose()
