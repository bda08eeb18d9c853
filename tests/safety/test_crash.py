"""``kill -9`` in the middle of a large single-transaction write: the file stays whole, all-or-nothing."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest

from casefile.storage.encryption import Cipher
from tests.conftest import run_casefile
from tests.safety.processes import go, start_writer, wait_for_line

pytestmark = [pytest.mark.slow, pytest.mark.sqlite_only]
ROWS, CHUNK = 3000, 300  # ~6 MB of summaries: far more than the page cache, so it spills into the WAL


def _integrity_and_people(path: Path, passphrase: str | None) -> tuple[str, int]:
    conn = Cipher(passphrase).connect(path) if passphrase else sqlite3.connect(path)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        people = conn.execute("SELECT count(*) FROM entity WHERE kind = 'person'").fetchone()[0]
    finally:
        conn.close()
    return ok, people


@pytest.mark.parametrize(
    ("kill_after", "passphrase"),
    [
        ("chunk 1", None),
        ("chunk 7", None),
        ("committed", None),
        ("chunk 5", "crash test passphrase"),
    ],
)
def test_sigkill_mid_write_leaves_a_whole_file_with_all_or_nothing(
    tmp_path: Path, kill_after: str, passphrase: str | None
):
    db = tmp_path / "crash.db"
    env = {"CASEFILE_PASSPHRASE": passphrase} if passphrase else {}
    assert run_casefile("init", *(["--encrypt"] if passphrase else []), db=str(db), env=env).exit_code == 0
    assert run_casefile("add", "person", "Before the crash", db=str(db), env=env).exit_code == 0

    writer = start_writer("bulk", str(db), str(ROWS), str(CHUNK), env=env)
    go(writer)
    wait_for_line(writer, kill_after)
    writer.send_signal(signal.SIGKILL)
    writer.communicate(timeout=60)
    assert writer.returncode == -signal.SIGKILL
    if kill_after in ("chunk 5", "chunk 7"):  # uncommitted pages had spilled into the WAL
        assert Path(f"{db}-wal").stat().st_size > 1_000_000

    ok, people = _integrity_and_people(db, passphrase)
    assert ok == "ok"
    assert people == (1 + ROWS if kill_after == "committed" else 1)
    checked = run_casefile("check", db=str(db), env=env)
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    assert "No problems found." in checked.stdout
    # And the file takes new writes after the crash.
    assert run_casefile("add", "person", "After the crash", db=str(db), env=env).exit_code == 0
