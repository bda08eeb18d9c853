"""Schema versions: which Alembic revisions this casefile knows, and upgrading a file.

The revision list is kept here as data so a normal command can compare the file's
``alembic_version`` without importing Alembic; a test keeps it equal to the chain
of scripts in ``migrations/versions``.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, inspect

from casefile.errors import StorageError

REVISIONS: tuple[str, ...] = (
    "0001_baseline",
    "0002_search",
    "0003_place_index",
    "0004_romanisation_keys",
    "0005_name_index",
    "0006_evidence",
    "0007_history",
)
HEAD = REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def current_revision(conn: Connection) -> str | None:
    """The file's Alembic revision, or None for an empty database.

    On SQLite one query of ``sqlite_master`` says which tables exist (an Inspector costs
    more than the rest of opening the file); other databases are asked through the Inspector.
    """
    if conn.dialect.name == "sqlite":
        present = {
            row[0]
            for row in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('alembic_version', 'entity')"
            )
        }
        has_version, has_entity = "alembic_version" in present, "entity" in present
    else:
        inspector = inspect(conn)
        has_version = inspector.has_table("alembic_version")
        has_entity = not has_version and inspector.has_table("entity")
    if not has_version:
        if has_entity:
            raise StorageError(
                "This database has casefile tables but no schema version; it cannot be opened safely."
            )
        return None
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
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
