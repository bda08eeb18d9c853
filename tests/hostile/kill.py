"""Helpers for the kill tests: a large case file full of a canary, a process to kill, a scan."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.safety.file_watch import wait_for
from tests.tui.bulk import build_large_case

CANARY = b"ZQ7XCANARY"
PASSPHRASE = "kill-test-passphrase"


def build_canary_case(path: Path, count: int = 20_000) -> None:
    """``count`` entities, every name and summary carrying the canary (plain SQLite)."""
    build_large_case(str(path), count)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "UPDATE entity SET name = 'ZQ7XCANARY ' || name, summary = 'ZQ7XCANARY summary ' || handle"
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def encrypt_in_process(path: Path) -> None:
    from casefile.services.encryption import convert_file
    from casefile.storage.encryption import Cipher

    convert_file(path, source=None, target=Cipher(PASSPHRASE), action="encrypt")
    for bak in path.parent.glob(f"{path.name}.before-encrypt.*.bak"):
        bak.unlink()


def copy_case(template: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "case.db"
    shutil.copyfile(template, target)
    os.chmod(target, 0o600)
    return target


def start(
    args: list[str], db: Path, tmpdir: Path, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """The real casefile as a process, its temporary folder ``tmpdir``."""
    tmpdir.mkdir(parents=True, exist_ok=True)
    full = {**os.environ, "TMPDIR": str(tmpdir), **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "casefile", "--db", str(db), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=full,
    )


def wait_until(
    condition: Callable[[], bool],
    what: str,
    proc: subprocess.Popen[bytes],
    folder: Path,
    timeout: float = 120,
) -> None:
    """Wait for ``condition``, looked at after each write in ``folder``, or fail naming ``what``."""
    if not wait_for(condition, folder, proc, what, timeout):
        raise AssertionError(f"the process ended before {what}")


def writing_beside(proc: subprocess.Popen[bytes], folder: Path, case: Path, at_least: int) -> bool:
    """True once ``proc`` holds open a file in ``folder`` (not the case file) of ``at_least`` bytes.

    Unlinked files count: the descriptor still names their inode in ``/proc``.
    """
    if proc.poll() is not None:
        raise AssertionError(f"the process ended first: {proc.stderr.read() if proc.stderr else b''!r}")
    fds = Path(f"/proc/{proc.pid}/fd")
    try:
        entries = list(fds.iterdir())
    except OSError:
        return False
    for entry in entries:
        try:
            target = os.readlink(entry)
            if not target.startswith(str(folder) + "/") or target.startswith(str(case)):
                continue
            if os.stat(entry).st_size >= at_least:
                return True
        except OSError:
            continue
    return False


def files_under(*folders: Path) -> Iterator[Path]:
    for folder in folders:
        for root, _dirs, names in os.walk(folder):
            for name in names:
                yield Path(root) / name


def holding_canary(*folders: Path, skip: tuple[Path, ...] = ()) -> list[str]:
    """Every file under ``folders`` (but ``skip``) whose bytes contain the canary, any case."""
    found = []
    for path in files_under(*folders):
        if path in skip or path.is_symlink() or not path.is_file():
            continue
        if CANARY.lower() in path.read_bytes().lower():
            found.append(str(path))
    return found


def kill(proc: subprocess.Popen[bytes]) -> None:
    proc.kill()
    proc.wait()
    assert proc.returncode == -9, f"the process ended on its own ({proc.returncode}) before the kill"
