"""Backups of a case file on a PostgreSQL server: ``pg_dump`` when installed, else a JSON bundle."""

from __future__ import annotations

from pathlib import Path

from casefile.errors import InvalidInput, StorageError
from casefile.paths import ensure_private_dir
from casefile.storage.database import Database
from casefile.storage.file_backup import BackupResult
from casefile.storage.pg_dump import PG_DUMP_HINT, pg_dump_backup, server_backup_target
from casefile.storage.pg_dump import find_pg_tool as find_pg_tool  # re-exported; tests replace it here
from casefile.storage.pg_dump import safety_dump as safety_dump  # re-exported for the CLI


def backup_server(db: Database, dest: Path) -> BackupResult:
    """Back up a server case file with ``pg_dump``, or as a JSON bundle when it is not installed."""
    pg_dump = find_pg_tool("pg_dump")
    if pg_dump is None:
        return bundle_backup(db, dest)
    return pg_dump_backup(db, dest, pg_dump)


def bundle_backup(db: Database, dest: Path) -> BackupResult:
    """Every record, private ones included, as one JSON bundle read from a single snapshot."""
    from casefile.exchange.bundle_reader import LayoutMismatch, read_lines
    from casefile.exchange.transfer import private_output
    from casefile.services.exports import export_json

    target = server_backup_target(dest, ".json")
    if target.exists():
        raise InvalidInput(f"'{target}' already exists; choose a new file name for the backup.")
    try:
        ensure_private_dir(target.parent)
    except OSError as exc:
        raise StorageError(f"casefile cannot create the folder for '{target}': {exc.strerror}.") from exc
    with private_output(target) as out:
        counts = export_json(db, out, include_private=True)
    try:
        verified = sum(1 for _ in read_lines(target)) == sum(counts.values())
    except LayoutMismatch:
        verified = False
    if not verified:
        target.unlink(missing_ok=True)
        raise StorageError(f"The JSON bundle written to '{target}' did not read back complete.")
    method = f"JSON bundle with private records, because pg_dump is not installed ({PG_DUMP_HINT} to use it)"
    return BackupResult(str(target), method, verified, target.stat().st_size)
