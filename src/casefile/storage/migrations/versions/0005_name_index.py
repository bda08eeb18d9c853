"""name index in SQLite FTS5: one row per entity keyed by its rowid, instead of name_key rows

Revision ID: 0005_name_index
Revises: 0004_romanisation_keys
Create Date: 2026-11-27 17:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0005_name_index"
down_revision = "0004_romanisation_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Self-contained: the DDL as it stands at this revision, not imported from search_index.
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return  # PostgreSQL keeps name_key
    try:
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS name_fts USING fts5("
            "keys, detail=none, columnsize=0, tokenize=\"ascii tokenchars '_'\")"
        )
    except Exception:  # an SQLite build without FTS5: name_key stays in use
        return
    conn.exec_driver_sql(
        "CREATE TRIGGER IF NOT EXISTS entity_name_fts_delete AFTER DELETE ON entity "
        "BEGIN DELETE FROM name_fts WHERE rowid = old.rowid; END"
    )
    from casefile.storage import search_index

    conn.info.pop("casefile_has_name_fts", None)
    conn.exec_driver_sql("DELETE FROM name_key")
    last = ""
    while True:
        ids = [
            row[0]
            for row in conn.exec_driver_sql(
                "SELECT id FROM entity WHERE id > ? ORDER BY id LIMIT 500", (last,)
            )
        ]
        if not ids:
            return
        search_index.reindex_names(conn, ids)
        last = ids[-1]


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    conn.exec_driver_sql("DROP TRIGGER IF EXISTS entity_name_fts_delete")
    conn.exec_driver_sql("DROP TABLE IF EXISTS name_fts")
    conn.info.pop("casefile_has_name_fts", None)
    from casefile.storage import search_index

    search_index.rebuild_all(conn)
