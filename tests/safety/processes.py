"""Starting and steering real writer processes (``writer.py``) from a test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

WRITER = Path(__file__).with_name("writer.py")


def start_writer(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """A writer process, waiting for ``go()`` on its stdin."""
    return subprocess.Popen(
        [sys.executable, str(WRITER), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def go(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()


def wait_for_line(proc: subprocess.Popen[str], prefix: str) -> str:
    """Read the writer's progress until a line starting with ``prefix`` (the process must say it)."""
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith(prefix):
            return line.strip()
    raise AssertionError(
        f"the writer ended without saying {prefix!r}: {proc.stderr.read() if proc.stderr else ''}"
    )
