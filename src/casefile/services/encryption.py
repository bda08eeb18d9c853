"""``encrypt``, ``decrypt`` and ``rekey``: rewrite a case file under a new key, safely.

The original is never changed in place. Under an exclusive lock, SQLCipher's
``sqlcipher_export`` writes a new file beside it whose name is unlinked at once (no
copy, plaintext or not, outlives a killed process); the new file is checked
(``integrity_check`` and the same row count in every table), the original is copied
to a dated ``.bak`` beside it, and only then is the new file linked and renamed over it.
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
from casefile.safe_files import publish_copy, remove_leftovers, temp_name
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
    """Rewrite ``path`` from key ``source`` to key ``target`` (None = plain SQLite).

    The new file is written to a temporary name that is unlinked as soon as SQLite has it
    open, so a kill at any point leaves no copy behind (a decrypted one would be plaintext);
    only the verified result is linked back and renamed over the case file.
    """
    module = sqlcipher_module()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    backup = path.with_name(f"{path.name}.before-{action}.{stamp}.bak")
    if backup.exists():
        raise InvalidInput(f"'{backup}' already exists; try again in a second.")
    remove_leftovers(path.parent)
    conn = (
        source.connect(path, timeout=LOCK_TIMEOUT_S)
        if source
        else plain_connect(path, timeout=LOCK_TIMEOUT_S)
    )
    fresh = temp_name(path.parent)
    kept: int | None = None
    try:
        counts = _lock_and_count(conn, module)
        try:
            kept = _attach_unlinked(conn, fresh, target)
            conn.execute("SELECT sqlcipher_export('converted')").fetchall()
            _verify(conn, counts)
            conn.execute("DETACH DATABASE converted")
            _copy_private(conn, backup, source)
            publish_copy(kept, path)
        finally:
            if kept is not None:
                os.close(kept)
            fresh.unlink(missing_ok=True)
    except module.Error as exc:
        raise StorageError(f"casefile could not rewrite the case file; it is unchanged: {exc}.") from None
    finally:
        _release(conn)
    _use_wal(path, target)
    remember(path, target.passphrase if target else None)
    return ConversionResult(str(path), str(backup), target is not None, len(counts), sum(counts.values()))


def _attach_unlinked(conn: Any, fresh: Path, target: Cipher | None) -> int:
    """Attach an empty ``fresh`` as ``converted``, keep a descriptor on it, and unlink its name.

    SQLite writes through the descriptor it opened; with no journal it never needs the name
    again. The returned descriptor keeps the file alive until it is copied into place.
    """
    ensure_private_file(fresh)
    conn.execute("ATTACH DATABASE ? AS converted KEY ?", (str(fresh), target.passphrase if target else ""))
    conn.execute("PRAGMA converted.journal_mode = OFF")
    kept = os.open(fresh, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    fresh.unlink()
    return kept


def _use_wal(path: Path, target: Cipher | None) -> None:
    check = target.connect(path) if target else plain_connect(path)
    try:
        check.execute("PRAGMA journal_mode = WAL")
    finally:
        check.close()


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


def _row_counts(conn: Any, schema: str = "main") -> dict[str, int]:
    names = [
        str(row[0])
        for row in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master "
            # Virtual tables are skipped: their shadow tables hold (and count) their rows, and a
            # schema written by sqlcipher_export is not loaded as virtual in the same connection.
            "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
    ]
    return {
        name: int(conn.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0]) for name in names
    }


def _verify(conn: Any, expected: dict[str, int]) -> None:
    """The new copy passes ``integrity_check`` and holds the same rows as the original."""
    ok = conn.execute("PRAGMA converted.integrity_check").fetchone()
    if not ok or ok[0] != "ok":
        raise StorageError("The rewritten case file failed its integrity check; the original is unchanged.")
    if _row_counts(conn, "converted") != expected:
        raise StorageError("The rewritten case file lost rows; the original is unchanged.")


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
