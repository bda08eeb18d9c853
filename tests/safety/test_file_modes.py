"""Owner-only files whatever the umask: database, WAL/SHM, backups, converted files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.sqlite_only]

# Run under umask 000 in a fresh process: casefile's library code (what the TUI uses) with a
# connection held open so the WAL and SHM files exist, then the real CLI for the rest.
LIBRARY_SCRIPT = """
import json, os, sys
from pathlib import Path
from casefile.storage.engine import open_database
from casefile.services.entities import add_entity
from casefile.services.fields import EntityFields

db_path = Path(sys.argv[1])
db = open_database(str(db_path))
db.write(lambda s: add_entity(s, kind="person", data=EntityFields(name="Mode test")))
with db.reader() as session:
    session.connection()
    modes = {p.name: oct(p.stat().st_mode & 0o777) for p in db_path.parent.iterdir()}
    modes["folder"] = oct(db_path.parent.stat().st_mode & 0o777)
db.dispose()
print(json.dumps(modes))
"""


def _umask_000() -> None:
    os.umask(0)


def _run(argv: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        preexec_fn=_umask_000,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("passphrase", [None, "mode test passphrase"], ids=["plain", "encrypted"])
def test_files_are_owner_only_under_umask_000(tmp_path: Path, passphrase: str | None):
    import json

    env = {"CASEFILE_PASSPHRASE": passphrase} if passphrase else {}
    db = tmp_path / "new folder" / "case.db"
    casefile = [sys.executable, "-m", "casefile", "--db", str(db)]
    made = _run([*casefile, "init", *(["--encrypt"] if passphrase else [])], env)
    assert made.returncode == 0, made.stderr
    assert db.stat().st_mode & 0o777 == 0o600
    assert db.parent.stat().st_mode & 0o777 == 0o700

    library = _run([sys.executable, "-c", LIBRARY_SCRIPT, str(db)], env)
    assert library.returncode == 0, library.stderr
    modes = json.loads(library.stdout)
    assert modes == {"case.db": "0o600", "case.db-wal": "0o600", "case.db-shm": "0o600", "folder": "0o700"}

    backups = tmp_path / "backups"
    assert _run([*casefile, "backup", str(backups / "b.db")], env).returncode == 0
    assert (backups / "b.db").stat().st_mode & 0o777 == 0o600
    assert backups.stat().st_mode & 0o777 == 0o700

    if passphrase:
        converted = _run([*casefile, "decrypt"], env)
    else:
        converted = _run([*casefile, "encrypt"], {"CASEFILE_PASSPHRASE": "new"})
    assert converted.returncode == 0, converted.stderr
    for path in db.parent.iterdir():
        assert path.stat().st_mode & 0o777 == 0o600, path
