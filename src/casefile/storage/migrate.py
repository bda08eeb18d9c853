"""Bring a case file's schema to this casefile's head, backing up an old file first."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.exc import DBAPIError

from casefile.errors import StorageError
from casefile.storage.engine import Database, translate_db_error
from casefile.storage.schema import HEAD, current_revision, needs_upgrade, upgrade


def ensure_schema(db: Database) -> None:
    """Create or upgrade the schema; record a notice when an old file was migrated."""
    try:
        with db.engine.connect() as conn:
            revision = current_revision(conn)
            conn.rollback()
        if not needs_upgrade(revision):
            return
        if revision is not None and db.path is not None:
            backup = _backup_before_migration(db, revision)
            db.notices.append(
                f"Upgraded the case file from schema {revision} to {HEAD}; the old file is kept at {backup}."
            )
        with db.engine.execution_options(casefile_write=True).begin() as conn:
            upgrade(conn)
    except DBAPIError as exc:
        raise translate_db_error(exc) from exc


def _backup_before_migration(db: Database, revision: str) -> str:
    assert db.path is not None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db.path.with_name(f"{db.path.name}.{revision}.{stamp}.bak")
    from casefile.services.backup import sqlite_backup

    try:
        sqlite_backup(db, target)  # owner-only (0600) whatever the original's mode
    except OSError as exc:
        raise StorageError(f"casefile could not back up the case file before upgrading it: {exc}.") from exc
    return str(target)
