"""Alembic environment: runs on the connection casefile hands it (never from a URL)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import casefile.storage.tables  # noqa: F401  (registers the tables)
from casefile.storage.search_index import include_name

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    """Migrate on ``config.attributes['connection']``."""
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
