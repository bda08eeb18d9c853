"""Several real processes write one case file at once: no "database is locked", no lost write."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Cli, run_casefile
from tests.safety.processes import go, start_writer

pytestmark = [pytest.mark.slow, pytest.mark.sqlite_only]


@pytest.mark.parametrize(
    ("encrypted", "workers", "each"),
    [pytest.param(False, 3, 10, id="plain"), pytest.param(True, 2, 6, id="encrypted")],
)
def test_concurrent_cli_writers_lose_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encrypted: bool, workers: int, each: int
):
    db = str(tmp_path / "shared.db")
    env = {"CASEFILE_PASSPHRASE": "shared secret"} if encrypted else {}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert run_casefile("init", *(["--encrypt"] if encrypted else []), db=db, env=env).exit_code == 0
    # Writers that loop through the real CLI entry point, plus one big bulk transaction in the middle.
    loops = [start_writer("cli-loop", db, f"W{w}", str(each), env=env) for w in range(workers)]
    bulk = start_writer("bulk", db, "400", "100", env=env)
    for proc in [*loops, bulk]:
        go(proc)
    # ...and plain one-shot `casefile add` processes started at the same moment.
    singles = [
        subprocess.Popen(
            [*_casefile_argv(db), "add", "person", f"Single {i}", "--tag", "single"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(env),
        )
        for i in range(2)
    ]
    reports = []
    for proc in loops:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))
    out, err = bulk.communicate(timeout=600)
    assert out.strip().endswith("committed"), err
    for proc in singles:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        assert "locked" not in err
    assert all(report["failures"] == [] for report in reports), reports

    cli = Cli(db)
    people = cli.json("list", "--kind", "person")
    names = {p["name"] for p in people}
    assert len(people) == workers * each + 400 + 2
    assert {f"W{w} {i}" for w in range(workers) for i in range(each)} <= names
    assert {"Single 0", "Single 1"} <= names
    assert len({p["handle"] for p in people}) == len(people)
    assert cli.json("check")["findings"] == []


def _casefile_argv(db: str) -> list[str]:
    import sys

    return [sys.executable, "-m", "casefile", "--db", db]


def _env(extra: dict[str, str]) -> dict[str, str]:
    import os

    return {**os.environ, **extra}
