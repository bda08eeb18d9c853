"""Run one process and measure it: wall time, peak RSS (from ``wait4``), exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    """One run of one process."""

    seconds: float
    cpu_seconds: float
    peak_rss_kib: int
    returncode: int
    stderr: str
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def clean_env(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment every measured process gets: no user casefile settings, a private HOME."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEFILE_")}
    env.update(
        {
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "COLUMNS": "100",
            "PYTHONHASHSEED": "0",
        }
    )
    # An installed casefile has its bytecode cached; an editable checkout must be allowed to cache it too.
    for name in ("PYTHONPROFILEIMPORTTIME", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    if extra:
        env.update(extra)
    return env


LAUNCHER = Path(__file__).resolve().with_name("launch.py")


def run(
    argv: Sequence[str], *, env: dict[str, str], stdout: Path | None = None, timeout: float = 0
) -> Sample:
    """Run ``argv`` through ``launch.py``; return its wall time and its own peak RSS.

    Time and ``ru_maxrss`` (KiB on Linux, from ``wait4``) are taken by the launcher around
    the child alone, so neither the launcher's start-up nor the benchmark's memory count.
    """
    with tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "result.json"
        with open(stdout or os.devnull, "wb") as out:
            done = subprocess.run(
                [sys.executable, "-S", str(LAUNCHER), str(result), str(timeout), "--", *argv],
                stdout=out,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                env=env,
                check=False,
            )
        err = done.stderr.decode("utf-8", "replace")[-2000:]
        if not result.exists():
            return Sample(0.0, 0.0, 0, done.returncode or 1, err or "the launcher failed")
        data = json.loads(result.read_text(encoding="utf-8"))
    return Sample(
        float(data["seconds"]),
        float(data["cpu_seconds"]),
        int(data["maxrss_kib"]),
        int(data["exit"]),
        err,
        bool(data.get("timed_out")),
    )


def python(*args: str) -> list[str]:
    """A command line running this interpreter (the venv's) with ``args``."""
    return [sys.executable, *args]


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
