"""``pg_dump`` copies of a case file on a PostgreSQL server, checked with ``pg_restore --list``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from casefile.errors import InvalidInput, StorageError
from casefile.paths import ensure_private_dir, ensure_private_file
from casefile.storage.database import Database
from casefile.storage.file_backup import BackupResult

PG_BIN_DIRS = "/usr/lib/postgresql"
PG_DUMP_HINT = "install the PostgreSQL client tools (e.g. apt-get install postgresql-client)"


def find_pg_tool(name: str) -> str | None:
    """The newest ``pg_dump``/``pg_restore``: Debian's versioned folders first, then PATH."""
    versioned = sorted(
        Path(PG_BIN_DIRS).glob(f"*/bin/{name}"),
        key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.parent.name)] or [0],
        reverse=True,
    )
    for candidate in versioned:
        if os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)


def server_backup_target(dest: Path, suffix: str) -> Path:
    """``dest`` itself, or a dated file inside it when it is a folder."""
    if dest.is_dir():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        return dest / f"casefile-{stamp}{suffix}"
    return dest


def _libpq_params(db: Database) -> tuple[dict[str, str], str | None]:
    """libpq connection parameters for ``db`` (the password apart, for PGPASSWORD)."""
    url = db.engine.url
    params: dict[str, str] = {str(k): str(v) for k, v in url.query.items() if isinstance(v, str)}
    for key, value in (
        ("dbname", url.database),
        ("user", url.username),
        ("host", url.host),
        ("port", url.port),
    ):
        if value is not None:
            params[key] = str(value)
    return params, url.password


def safety_dump(db: Database, label: str) -> str | None:
    """Before a risky change (upgrade, merge): pg_dump into the user's data folder; None without pg_dump."""
    from casefile.paths import data_dir

    pg_dump = find_pg_tool("pg_dump")
    if pg_dump is None:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    name = db.engine.url.database or "casefile"
    folder = data_dir() / "backups"
    try:
        ensure_private_dir(folder)
    except OSError as exc:
        raise StorageError(f"casefile cannot create the backup folder '{folder}': {exc.strerror}.") from exc
    return pg_dump_backup(db, folder / f"{name}.{label}.{stamp}.dump", pg_dump).path


def pg_dump_backup(db: Database, dest: Path, pg_dump: str) -> BackupResult:
    """A consistent snapshot with ``pg_dump --format=custom`` (restore with ``pg_restore``)."""
    from psycopg.conninfo import make_conninfo

    target = server_backup_target(dest, ".dump")
    if target.exists():
        raise InvalidInput(f"'{target}' already exists; choose a new file name for the backup.")
    params, password = _libpq_params(db)
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if password is not None:
        env["PGPASSWORD"] = password  # never on the command line, where ps would show it
    argv = [
        pg_dump,
        "--format=custom",
        "--no-owner",
        "--file",
        str(target),
        "--dbname",
        make_conninfo(**params),
    ]
    try:
        ensure_private_dir(target.parent)
        ensure_private_file(target)
    except OSError as exc:
        raise StorageError(f"casefile cannot create '{target}': {exc.strerror}.") from exc
    try:
        _run_pg_dump(argv, env)
        os.chmod(target, 0o600)
        verified = _verify_dump(target)
        if verified is False:
            raise StorageError(f"The backup at '{target}' cannot be read back by pg_restore.")
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    version = _tool_version(pg_dump)
    method = f"pg_dump {version} ({pg_dump}), custom format for pg_restore"
    return BackupResult(str(target), method, bool(verified), target.stat().st_size)


def _run_pg_dump(argv: list[str], env: dict[str, str]) -> None:
    try:
        proc = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise StorageError(f"casefile could not run {argv[0]}: {exc.strerror}.") from exc
    if proc.returncode == 0:
        return
    if "version mismatch" in proc.stderr:
        raise StorageError(
            f"{argv[0]} is older than the server, so it cannot back it up; install a newer PostgreSQL client."
        )
    raise StorageError(f"pg_dump could not back up the case file: {_first_line(proc.stderr)}.")


def _verify_dump(target: Path) -> bool | None:
    """``pg_restore --list`` reads the whole table of contents; None when pg_restore is absent."""
    pg_restore = find_pg_tool("pg_restore")
    if pg_restore is None:
        return None
    proc = subprocess.run([pg_restore, "--list", str(target)], capture_output=True, text=True, check=False)
    return proc.returncode == 0


def _tool_version(tool: str) -> str:
    proc = subprocess.run([tool, "--version"], capture_output=True, text=True, check=False)
    found = re.search(r"\d+(\.\d+)+", proc.stdout)
    return found.group(0) if found else ""


def _first_line(stderr: str) -> str:
    lines = [line.strip() for line in stderr.strip().splitlines() if line.strip()]
    text = lines[0] if lines else "no error message"
    return re.sub(r"^pg_dump: (error: )?", "", text).rstrip(".")
