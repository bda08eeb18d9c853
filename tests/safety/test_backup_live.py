"""``casefile backup`` of a live (plain or encrypted) case file while another process writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from casefile.storage.encryption import Cipher
from tests.conftest import run_casefile
from tests.safety.processes import go, start_writer, wait_for_line

pytestmark = [pytest.mark.slow, pytest.mark.sqlite_only]


@pytest.mark.parametrize("passphrase", [None, "live backup passphrase"], ids=["plain", "encrypted"])
def test_backup_while_another_process_writes_is_consistent_and_verified(
    tmp_path: Path, passphrase: str | None
):
    db = tmp_path / "live.db"
    env = {"CASEFILE_PASSPHRASE": passphrase} if passphrase else {}
    assert run_casefile("init", *(["--encrypt"] if passphrase else []), db=str(db), env=env).exit_code == 0
    writer = start_writer("keep-writing", str(db), env=env)
    go(writer)
    try:
        wait_for_line(writer, "wrote 5")
        result = run_casefile("backup", str(tmp_path / "copy.db"), db=str(db), env=env)
        wait_for_line(writer, "wrote")  # still writing after the backup finished
    finally:
        assert writer.stdin is not None
        assert writer.stdout is not None
        writer.stdin.close()
        writer.stdout.read()
        writer.wait(timeout=120)
    assert result.exit_code == 0, result.stderr
    assert "integrity check: ok" in result.stderr
    copy = tmp_path / "copy.db"
    assert copy.stat().st_mode & 0o777 == 0o600
    conn = Cipher(passphrase).connect(copy) if passphrase else sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = [r[0] for r in conn.execute("SELECT name FROM entity ORDER BY name")]
        handles = {r[0] for r in conn.execute("SELECT handle FROM entity")}
    finally:
        conn.close()
    # A consistent snapshot: people Live 0..n-1 with no gap, each with its handle.
    assert len(names) >= 5
    assert sorted(names) == sorted(f"Live {i}" for i in range(len(names)))
    assert handles == {f"P{i}" for i in range(1, len(names) + 1)}
    if passphrase:
        assert not copy.read_bytes().startswith(b"SQLite format 3")
        assert b"Live 1" not in copy.read_bytes()
    checked = run_casefile("check", db=str(copy), env=env)
    assert checked.exit_code == 0, checked.stdout + checked.stderr
