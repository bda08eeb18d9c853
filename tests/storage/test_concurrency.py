"""Two real processes writing the same case file at once: no "database is locked", nothing lost."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import Cli

WRITER = """
import sys
from casefile.cli.app import app
from typer.testing import CliRunner
db, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
runner = CliRunner()
failures = 0
for i in range(count):
    r = runner.invoke(app, ["--db", db, "add", "person", f"{tag} {i}", "--tag", tag])
    r2 = runner.invoke(app, ["--db", db, "link", f"{tag} {i}", "Shared Source", "--role", "mentioned in"])
    if r.exit_code or r2.exit_code:
        failures += 1
        sys.stderr.write(r.stderr + r2.stderr)
print(failures)
"""


def test_two_processes_write_at_once_without_lock_errors(case_db: str) -> None:
    cli = Cli(case_db)
    cli.ok("add", "source", "Shared Source")
    count = 25
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, case_db, tag, str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("alpha", "beta")
    ]
    outputs = [p.communicate(timeout=600) for p in procs]
    for (out, err), proc in zip(outputs, procs, strict=True):
        assert proc.returncode == 0, err
        assert out.strip() == "0", err
        assert "locked" not in err
    people = cli.json("list", "--kind", "person")
    assert len(people) == 2 * count
    assert len({p["handle"] for p in people}) == 2 * count
    assert len(cli.json("list", "--tag", "alpha")) == count
    source = cli.json("show", "Shared Source")
    assert len(source["links"]) == 2 * count
    assert len({link["handle"] for link in source["links"]}) == 2 * count
