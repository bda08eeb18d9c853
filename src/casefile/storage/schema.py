"""Schema versions: which Alembic revisions this casefile knows, and upgrading a file.

The revision list is kept here as data so a normal command can compare the file's
``alembic_version`` without importing Alembic; a test keeps it equal to the chain
of scripts in ``migrations/versions``.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, inspect, text

from casefile.errors import StorageError

REVISIONS: tuple[str, ...] = ("0001_baseline", "0002_search")
HEAD = REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def current_revision(conn: Connection) -> str | None:
    """The file's Alembic revision, or None for an empty database."""
    if not inspect(conn).has_table("alembic_version"):
        if inspect(conn).has_table("entity"):
            raise StorageError(
                "This database has casefile tables but no schema version; it cannot be opened safely."
            )
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def upgrade(conn: Connection, target: str = "head") -> None:
    """Run the Alembic migrations on ``conn`` up to ``target``."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = conn
    command.upgrade(config, target)


def needs_upgrade(revision: str | None) -> bool:
    """True when the file is empty or older than this casefile's head."""
    if revision == HEAD:
        return False
    if revision is None or revision in REVISIONS:
        return True
    raise StorageError(
        f"This case file was written by a newer casefile (schema {revision}); upgrade casefile to open it."
    )
