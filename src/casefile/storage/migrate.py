"""Bring a case file's schema to this casefile's head, backing up an old file first."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from casefile.errors import StorageError
from casefile.storage.database import Database, translate_db_error
from casefile.storage.schema import HEAD, current_revision, needs_upgrade, upgrade


def ensure_schema(db: Database, *, create: bool = True) -> None:
    """Create (unless ``create`` is false) or upgrade the schema; note when an old one was migrated."""
    try:
        with db.engine.connect() as conn:
            revision = current_revision(conn)
            conn.rollback()
        if not needs_upgrade(revision):
            return
        if revision is None and not create and db.path is None:
            raise StorageError(
                f"The database {db.display_name} holds no case file yet; run 'casefile init' first."
            )
        if revision is not None and db.path is not None:
            backup = _backup_before_migration(db, revision)
            db.notices.append(
                f"Upgraded the case file from schema {revision} to {HEAD}; the old file is kept at {backup}."
            )
        elif revision is not None:
            db.notices.append(_backup_server_before_migration(db, revision))
        with db.engine.execution_options(casefile_write=True).begin() as conn:
            if conn.dialect.name == "postgresql":
                _upgrade_postgres(conn)
            else:
                upgrade(conn)
    except DBAPIError as exc:
        raise translate_db_error(exc) from exc


def _upgrade_postgres(conn: Connection) -> None:
    """Upgrade under an advisory lock, so team members starting at once migrate only once."""
    from sqlmodel import SQLModel

    import casefile.storage.tables  # noqa: F401  (registers every table in the metadata)
    from casefile.storage.postgres import lock_schema, require_utf8, use_code_point_order

    require_utf8(conn)
    lock_schema(conn)
    upgrade(conn)  # Alembic re-reads the version under the lock: a no-op if another process won
    use_code_point_order(conn, [*SQLModel.metadata.tables, "alembic_version"])


def _backup_server_before_migration(db: Database, revision: str) -> str:
    """pg_dump an old server database into the user's data folder; the notice to show."""
    from casefile.storage.pg_dump import safety_dump

    upgraded = f"Upgraded the case file from schema {revision} to {HEAD}"
    saved = safety_dump(db, revision)
    if saved is None:
        return f"{upgraded}; no backup was made first because pg_dump is not installed."
    return f"{upgraded}; the old database was saved with pg_dump to {saved}."


def _backup_before_migration(db: Database, revision: str) -> str:
    assert db.path is not None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db.path.with_name(f"{db.path.name}.{revision}.{stamp}.bak")
    from casefile.storage.file_backup import sqlite_backup

    try:
        sqlite_backup(db, target)  # owner-only (0600) whatever the original's mode
    except OSError as exc:
        raise StorageError(f"casefile could not back up the case file before upgrading it: {exc}.") from exc
    return str(target)
