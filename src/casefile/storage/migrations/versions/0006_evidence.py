"""evidence locker: stored files, their text, mentions and rejected names

Revision ID: 0006_evidence
Revises: 0005_name_index
Create Date: 2026-11-27 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_evidence"
down_revision = "0005_name_index"
branch_labels = None
depends_on = None


def _entity_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["entity.id"], name=op.f(f"fk_{table}_{column}_entity"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "attachment",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachment")),
    )
    op.create_table(
        "source_file",
        sa.Column("source_id", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(), nullable=False),
        sa.Column("media_type", sa.String(length=16), nullable=False),
        sa.Column("encoding", sa.String(length=32), nullable=True),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("created", sa.String(length=32), nullable=False),
        _entity_fk("source_file", "source_id"),
        sa.ForeignKeyConstraint(
            ["sha256"], ["attachment.sha256"], name=op.f("fk_source_file_sha256_attachment")
        ),
        sa.PrimaryKeyConstraint("source_id", name=op.f("pk_source_file")),
    )
    op.create_index(op.f("ix_source_file_sha256"), "source_file", ["sha256"], unique=False)
    op.create_table(
        "mention",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("source_id", sa.String(), nullable=False),
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("sentence", sa.String(), nullable=False),
        sa.Column("created", sa.String(length=32), nullable=False),
        _entity_fk("mention", "source_id"),
        _entity_fk("mention", "entity_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mention")),
        sa.UniqueConstraint(
            "source_id", "entity_id", "start", name=op.f("uq_mention_source_id_entity_id_start")
        ),
    )
    op.create_index(op.f("ix_mention_source_id"), "mention", ["source_id"], unique=False)
    op.create_index("ix_mention_entity_source", "mention", ["entity_id", "source_id"], unique=False)
    op.create_table(
        "rejected_name",
        sa.Column("source_id", sa.String(), nullable=False),
        sa.Column("name_folded", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("created", sa.String(length=32), nullable=False),
        _entity_fk("rejected_name", "source_id"),
        sa.PrimaryKeyConstraint("source_id", "name_folded", name=op.f("pk_rejected_name")),
    )
    # Earlier migrations on this connection remembered that source_file did not exist.
    op.get_bind().info.pop("casefile_has_source_file", None)


def downgrade() -> None:
    op.drop_table("rejected_name")
    op.drop_index("ix_mention_entity_source", table_name="mention")
    op.drop_index(op.f("ix_mention_source_id"), table_name="mention")
    op.drop_table("mention")
    op.drop_index(op.f("ix_source_file_sha256"), table_name="source_file")
    op.drop_table("source_file")
    op.drop_table("attachment")
