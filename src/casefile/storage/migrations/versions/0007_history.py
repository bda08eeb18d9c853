"""the change log: history_entry (hash-chained actions) and history_change (records touched)

Revision ID: 0007_history
Revises: 0006_evidence
Create Date: 2026-11-27 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_history"
down_revision = "0006_evidence"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "history_entry",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("schema_version", sa.String(length=64), nullable=False),
        sa.Column("undoes", sa.Integer(), nullable=True),
        sa.Column("salt", sa.String(length=32), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_history_entry")),
    )
    op.create_index(op.f("ix_history_entry_undoes"), "history_entry", ["undoes"], unique=False)
    op.create_table(
        "history_change",
        sa.Column("entry_seq", sa.Integer(), nullable=False),
        sa.Column("idx", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("tbl", sa.String(length=32), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("row_key", sa.String(), nullable=False),
        sa.Column("entities", sa.String(), nullable=False),
        sa.Column("data", sa.String(), nullable=True),
        sa.Column("digest", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["entry_seq"],
            ["history_entry.seq"],
            name=op.f("fk_history_change_entry_seq_history_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_seq", "idx", name=op.f("pk_history_change")),
    )
    op.create_index("ix_history_change_tbl_key", "history_change", ["tbl", "row_key"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_history_change_tbl_key", table_name="history_change")
    op.drop_table("history_change")
    op.drop_index(op.f("ix_history_entry_undoes"), table_name="history_entry")
    op.drop_table("history_entry")
