"""name keys: French and German romanisations share skeletons (Loukachenko, Jirinovski)

Revision ID: 0004_romanisation_keys
Revises: 0003_place_index
Create Date: 2026-11-27 17:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_romanisation_keys"
down_revision = "0003_place_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Rebuild the name keys of the entities whose stored word skeletons are out of date.

    Only words with a "ch" or a leading "j" changed skeleton, so only their rows are read.
    """
    conn = op.get_bind()
    from casefile.names import skeleton
    from casefile.storage.search_index import reindex_names

    key = sa.table(
        "name_key",
        sa.column("entity_id", sa.String),
        sa.column("token", sa.String),
        sa.column("skeleton", sa.String),
    )
    rows = conn.execute(
        sa.select(key.c.entity_id, key.c.token, key.c.skeleton).where(
            sa.or_(key.c.token.like("%ch%"), key.c.token.like("j%"))
        )
    )
    stale = sorted({row.entity_id for row in rows if skeleton(row.token) != row.skeleton})
    if stale:
        reindex_names(conn, stale)


def downgrade() -> None:
    """Nothing to undo: name keys are derived data, rebuilt on every write."""
