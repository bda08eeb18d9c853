"""Consistent copies of a live case file, verified after writing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from casefile.errors import InvalidInput, StorageError
from casefile.paths import ensure_private_dir
from casefile.storage.database import Database
from casefile.storage.file_backup import BackupResult as BackupResult  # re-exported for callers
from casefile.storage.file_backup import sqlite_backup, verify_sqlite_file


def backup_target(dest: Path) -> Path:
    """Where a backup to ``dest`` goes: the path itself, or a dated file inside a folder."""
    if dest.is_dir():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        return dest / f"casefile-{stamp}.db"
    return dest


def backup(db: Database, dest: Path) -> BackupResult:
    """Copy the live case file to ``dest`` and verify it (SQLite online backup, or pg_dump on a server)."""
    if not db.is_sqlite or db.path is None:
        from casefile.services.server_backup import backup_server

        return backup_server(db, dest)
    target = backup_target(dest)
    if target.exists():
        raise InvalidInput(f"'{target}' already exists; choose a new file name for the backup.")
    if db.path.resolve() == target.resolve():
        raise InvalidInput("A backup cannot overwrite the case file itself.")
    try:
        ensure_private_dir(target.parent)
    except OSError as exc:
        raise StorageError(f"casefile cannot create the folder for '{target}': {exc.strerror}.") from exc
    sqlite_backup(db, target)
    verified = verify_sqlite_file(target, db.cipher)
    if not verified:
        raise StorageError(f"The backup at '{target}' failed its integrity check.")
    method = "sqlcipher online backup, encrypted" if db.encrypted else "sqlite online backup"
    return BackupResult(str(target), method, verified, target.stat().st_size)
