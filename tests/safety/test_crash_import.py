"""``kill -9`` during a real ``casefile import json``: the file stays whole, the import all-or-nothing.

Active once the ``import json`` command exists (issue 6); skipped before that.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_casefile
from tests.safety.file_watch import wait_for_size
from tests.safety.processes import go, start_writer, wait_for_line

pytestmark = [pytest.mark.slow, pytest.mark.sqlite_only]
ROWS = 3000


def _people(path: Path) -> tuple[str, int]:
    conn = sqlite3.connect(path)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        return ok, conn.execute("SELECT count(*) FROM entity WHERE kind = 'person'").fetchone()[0]
    finally:
        conn.close()


def test_sigkill_during_import_json_leaves_the_import_wholly_absent_or_present(tmp_path: Path):
    source = tmp_path / "source.db"
    assert run_casefile("init", db=str(source)).exit_code == 0
    assert run_casefile("add", "person", "Already there", db=str(source)).exit_code == 0
    writer = start_writer("bulk", str(source), str(ROWS), "500")
    go(writer)
    wait_for_line(writer, "committed")
    writer.communicate(timeout=120)
    bundle = tmp_path / "bundle.json"
    exported = run_casefile("export", "json", str(bundle), db=str(source))
    assert exported.exit_code == 0, exported.stderr

    target = tmp_path / "target.db"
    assert run_casefile("init", db=str(target)).exit_code == 0
    wal = Path(f"{target}-wal")
    proc = subprocess.Popen(
        [sys.executable, "-m", "casefile", "--db", str(target), "import", "json", str(bundle)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ},
    )
    # Woken by each write to the WAL: once the uncommitted import has put 1 MB there, kill it.
    killed_mid_import = wait_for_size(wal, 1_000_001, proc)
    if killed_mid_import:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=120)

    ok, people = _people(target)
    assert ok == "ok"
    if killed_mid_import and proc.returncode == -signal.SIGKILL:
        assert people in (0, ROWS + 1)
    else:
        assert people == ROWS + 1
    checked = run_casefile("check", db=str(target))
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    # Importing again after the crash completes the job.
    again = run_casefile("import", "json", str(bundle), db=str(target))
    assert again.exit_code == 0, again.stderr
    assert _people(target) == ("ok", ROWS + 1)
