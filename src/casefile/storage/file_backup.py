"""File-level copies of a live SQLite case file, verified after writing (backups, pre-upgrade copies)."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casefile.errors import StorageError
from casefile.paths import ensure_private_file
from casefile.storage.database import Database
from casefile.storage.encryption import Cipher


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: str
    method: str
    verified: bool
    size: int

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "method": self.method,
            "verified": self.verified,
            "size": self.size,
        }


def sqlite_backup(db: Database, target: Path) -> None:
    """Copy ``db`` page by page into ``target`` (created 0600) while others may write.

    An encrypted case file is copied into a file encrypted with the same passphrase
    (SQLCipher's backup needs both ends keyed alike): a backup never holds plain text.
    """
    try:
        ensure_private_file(target)
        raw = db.engine.raw_connection()
        try:
            source = raw.driver_connection
            dest = db.cipher.connect(target, verify=False) if db.cipher else sqlite3.connect(target)
            try:
                source.backup(dest)  # type: ignore[union-attr]
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
        finally:
            raw.close()
    except Exception as exc:
        target.unlink(missing_ok=True)
        if isinstance(exc, OSError | sqlite3.Error) or _is_driver_error(exc):
            raise StorageError(f"casefile could not write the backup '{target}': {exc}.") from exc
        raise
    os.chmod(target, 0o600)


def _is_driver_error(exc: Exception) -> bool:
    """True for a sqlcipher3 error (a DB-API error outside the stdlib's sqlite3)."""
    return type(exc).__module__.startswith("sqlcipher3")


def verify_sqlite_file(path: Path, cipher: Cipher | None = None) -> bool:
    """``PRAGMA integrity_check`` on a file (with its key if encrypted): True when 'ok'."""
    conn: Any = cipher.connect(path) if cipher else sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("PRAGMA integrity_check").fetchone()
    finally:
        conn.close()
    return bool(row) and row[0] == "ok"
