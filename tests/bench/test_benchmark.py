"""The benchmark still works: its generated case file is what casefile reads, and a tiny run completes.

These tests assert what the benchmark produces, never how fast anything is.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import sqlite_only

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import casegen  # noqa: E402


def test_generation_is_deterministic_and_realistic():
    first = casegen.generate(200, seed=7)
    again = casegen.generate(200, seed=7)
    assert first.tables == again.tables
    counts = first.counts()
    assert counts["entity"] == 200
    assert counts["link"] >= 2 * 200
    assert counts["alias"] > 200
    assert counts["note"] > 0
    assert counts["citation"] > 0
    kinds = {row["kind"] for row in first.rows("entity")}
    assert kinds == {"person", "organization", "place", "source", "event"}
    scripts = {row["script"] for row in first.rows("alias")}
    assert {"Latn", "Cyrl"} <= scripts


@sqlite_only("the benchmark writes SQLite files")
def test_generated_file_reads_back_through_the_cli(tmp_path, cli):
    path = tmp_path / "bench.db"
    case = casegen.build(200, seed=3, path=path)
    cli.db = str(path)

    dossier = cli.json("show", case.hub_handle)
    assert dossier["name"] == casegen.HUB_NAME
    assert len(dossier["links"]) == casegen.HUB_LINKS
    hits = cli.json("search", casegen.SEARCH_QUERY)
    assert hits[0]["handle"] == case.hub_handle
    assert len(cli.json("list")) == 200


@pytest.mark.slow
@sqlite_only("the benchmark writes SQLite files")
def test_tiny_benchmark_run_prints_every_operation(tmp_path):
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--size", "200", "--repeat", "1", "--json"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["size"] == 200
    rows = {row["operation"]: row for row in report["rows"]}
    assert "search NAME --json" in rows
    assert "--version" in rows
    for row in rows.values():
        assert row["status"] == "ok" or row["status"].startswith("n/a"), row
    measured = [row for row in rows.values() if row["status"] == "ok"]
    assert measured
    assert all(row["ratio"] > 0 for row in measured)
