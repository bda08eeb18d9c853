"""``encrypt``, ``decrypt`` and ``rekey``: rewrite a case file under a new key, safely.

The original is never changed in place. Under an exclusive lock, SQLCipher's
``sqlcipher_export`` writes a new file beside it; the new file is checked
(``integrity_check`` and the same row count in every table), the original is copied
to a dated ``.bak`` beside it, and only then does the new file replace it atomically.
Every step goes through the one locked connection: opening and closing another handle
on the file in this process would drop its POSIX lock.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from casefile.errors import CasefileError, InvalidInput, StorageError
from casefile.paths import ensure_private_file
from casefile.storage.encryption import Cipher, plain_connect, remember, sqlcipher_module

LOCK_TIMEOUT_S = 5.0


@dataclass(frozen=True, slots=True)
class ConversionResult:
    """What a conversion did: the case file, where the original is kept, the new state."""

    path: str
    backup: str
    encrypted: bool
    tables: int
    rows: int

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "backup": self.backup,
            "encrypted": self.encrypted,
            "tables": self.tables,
            "rows": self.rows,
        }


def convert_file(
    path: Path, *, source: Cipher | None, target: Cipher | None, action: str
) -> ConversionResult:
    """Rewrite ``path`` from key ``source`` to key ``target`` (None = plain SQLite)."""
    module = sqlcipher_module()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    backup = path.with_name(f"{path.name}.before-{action}.{stamp}.bak")
    fresh = path.with_name(f".{path.name}.{action}-{os.getpid()}.tmp")
    if backup.exists():
        raise InvalidInput(f"'{backup}' already exists; try again in a second.")
    conn = (
        source.connect(path, timeout=LOCK_TIMEOUT_S)
        if source
        else plain_connect(path, timeout=LOCK_TIMEOUT_S)
    )
    try:
        counts = _lock_and_count(conn, module)
        try:
            ensure_private_file(fresh)
            _export(conn, fresh, target)
            _verify(fresh, target, counts)
            _copy_private(conn, backup, source)
            os.replace(fresh, path)
        finally:
            fresh.unlink(missing_ok=True)
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{fresh}{suffix}").unlink(missing_ok=True)
    except module.Error as exc:
        raise StorageError(f"casefile could not rewrite the case file; it is unchanged: {exc}.") from None
    finally:
        _release(conn)
    remember(path, target.passphrase if target else None)
    return ConversionResult(str(path), str(backup), target is not None, len(counts), sum(counts.values()))


def _lock_and_count(conn: Any, module: Any) -> dict[str, int]:
    """Leave WAL mode and keep an exclusive lock, so nobody writes or reads mid-copy."""
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
        # In exclusive locking mode the lock taken by this empty write is kept until close.
        conn.execute("PRAGMA main.locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except module.OperationalError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise StorageError(
                "The case file is in use by another casefile; close it and try again."
            ) from None
        raise
    return _row_counts(conn)


def _row_counts(conn: Any) -> dict[str, int]:
    names = [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in names}


def _export(conn: Any, fresh: Path, target: Cipher | None) -> None:
    """``sqlcipher_export`` every table, index and row into ``fresh`` under ``target``'s key."""
    conn.execute("ATTACH DATABASE ? AS converted KEY ?", (str(fresh), target.passphrase if target else ""))
    try:
        conn.execute("SELECT sqlcipher_export('converted')").fetchall()
    finally:
        conn.execute("DETACH DATABASE converted")


def _verify(fresh: Path, target: Cipher | None, expected: dict[str, int]) -> None:
    """The new file passes ``integrity_check`` and holds the same rows; then switch it to WAL."""
    check = target.connect(fresh) if target else plain_connect(fresh)
    try:
        ok = check.execute("PRAGMA integrity_check").fetchone()
        if not ok or ok[0] != "ok":
            raise StorageError(
                "The rewritten case file failed its integrity check; the original is unchanged."
            )
        if _row_counts(check) != expected:
            raise StorageError("The rewritten case file lost rows; the original is unchanged.")
        check.execute("PRAGMA journal_mode = WAL")
    finally:
        check.close()
    os.chmod(fresh, 0o600)


def _copy_private(conn: Any, backup: Path, source: Cipher | None) -> None:
    """Copy the locked original through its own connection to an owner-only backup."""
    ensure_private_file(backup)
    dest = source.connect(backup, verify=False) if source else plain_connect(backup)
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    os.chmod(backup, 0o600)


def _release(conn: Any) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def check_new_passphrase(old: str, new: str) -> None:
    """Refuse a rekey that would change nothing."""
    if old == new:
        raise InvalidInput("The new passphrase is the same as the old one; nothing was changed.")


__all__ = ["CasefileError", "ConversionResult", "check_new_passphrase", "convert_file"]
