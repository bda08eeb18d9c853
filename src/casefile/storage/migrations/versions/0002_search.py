"""search keys, text index, merged ids and distinct pairs

Revision ID: 0002_search
Revises: 0001_baseline
Create Date: 2026-11-25 08:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_search"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None

KEY = sa.String().with_variant(sa.String(collation="C"), "postgresql")


def upgrade() -> None:
    op.create_index("ix_entity_kind_born", "entity", ["kind", "born_lo", "born_hi"], unique=False)
    op.create_table(
        "name_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("token", KEY, nullable=False),
        sa.Column("skeleton", KEY, nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entity.id"], name=op.f("fk_name_key_entity_id_entity"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_name_key")),
    )
    op.create_index(op.f("ix_name_key_entity_id"), "name_key", ["entity_id"], unique=False)
    op.create_index("ix_name_key_token", "name_key", ["token", "entity_id"], unique=False)
    op.create_index("ix_name_key_skeleton", "name_key", ["skeleton", "token", "entity_id"], unique=False)

    op.create_table(
        "text_doc",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("field", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entity.id"], name=op.f("fk_text_doc_entity_id_entity"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_text_doc")),
    )
    op.create_index(op.f("ix_text_doc_entity_id"), "text_doc", ["entity_id"], unique=False)
    op.create_table(
        "text_word",
        sa.Column("doc_id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("word", KEY, nullable=False),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["text_doc.id"], name=op.f("fk_text_word_doc_id_text_doc"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("doc_id", "word", name=op.f("pk_text_word")),
    )
    op.create_index("ix_text_word_word_doc", "text_word", ["word", "doc_id"], unique=False)

    op.create_table(
        "merged_id",
        sa.Column("old_id", sa.String(length=36), nullable=False),
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("old_handle", sa.String(length=16), nullable=False),
        sa.Column("old_name", sa.String(), nullable=False),
        sa.Column("merged", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entity.id"], name=op.f("fk_merged_id_entity_id_entity"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("old_id", name=op.f("pk_merged_id")),
    )
    op.create_index(op.f("ix_merged_id_entity_id"), "merged_id", ["entity_id"], unique=False)

    op.create_table(
        "distinct_pair",
        sa.Column("first_id", sa.String(), nullable=False),
        sa.Column("second_id", sa.String(), nullable=False),
        sa.Column("created", sa.String(length=32), nullable=False),
        sa.CheckConstraint("first_id < second_id", name=op.f("ck_distinct_pair_ordered")),
        sa.ForeignKeyConstraint(
            ["first_id"], ["entity.id"], name=op.f("fk_distinct_pair_first_id_entity"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["second_id"], ["entity.id"], name=op.f("fk_distinct_pair_second_id_entity"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("first_id", "second_id", name=op.f("pk_distinct_pair")),
    )
    op.create_index(op.f("ix_distinct_pair_second_id"), "distinct_pair", ["second_id"], unique=False)

    conn = op.get_bind()
    from casefile.storage import search_index

    search_index.create_fts(conn)
    _refold_names(conn)
    search_index.rebuild_all(conn)


def _refold_names(conn: sa.Connection) -> None:
    """Folding now keeps apostrophised words whole (Ol'ga -> olga): refresh the stored keys."""
    from casefile.names import fold

    for table in ("entity", "alias"):
        t = sa.table(
            table,
            sa.column("id", sa.String),
            sa.column("name", sa.String),
            sa.column("name_folded", sa.String),
        )
        changed = [
            {"key": row.id, "folded": fold(row.name)}
            for row in conn.execute(sa.select(t.c.id, t.c.name, t.c.name_folded))
            if fold(row.name) != row.name_folded
        ]
        if changed:
            conn.execute(
                t.update().where(t.c.id == sa.bindparam("key")).values(name_folded=sa.bindparam("folded")),
                changed,
            )


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS text_doc_fts_delete")
        op.execute("DROP TABLE IF EXISTS text_fts")
    op.drop_table("distinct_pair")
    op.drop_table("merged_id")
    op.drop_table("text_word")
    op.drop_table("text_doc")
    op.drop_table("name_key")
    op.drop_index("ix_entity_kind_born", table_name="entity")
