"""index entity.place_id: "events at this place" and place deletes without a table scan

Revision ID: 0003_place_index
Revises: 0002_search
Create Date: 2026-11-25 12:05:00
"""

from __future__ import annotations

from alembic import op

revision = "0003_place_index"
down_revision = "0002_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_entity_place_id", "entity", ["place_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_entity_place_id", table_name="entity")
