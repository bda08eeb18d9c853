"""Where the case file lives and who can read it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from tests.conftest import run_casefile, sqlite_only


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@sqlite_only("file modes and default locations are about SQLite files")
def test_default_database_lives_in_user_data_folder_owner_only(tmp_path: Path) -> None:
    data_home = Path(os.environ["XDG_DATA_HOME"])
    result = run_casefile("add", "person", "Halina Krasnyanskaya")
    assert result.exit_code == 0, result.stderr
    db_path = data_home / "casefile" / "casefile.db"
    assert db_path.exists()
    assert _mode(db_path) == 0o600
    assert _mode(db_path.parent) == 0o700
    assert "Halina" in run_casefile("list").stdout


@sqlite_only("file modes are about SQLite files")
def test_files_are_owner_only_even_with_a_permissive_umask(tmp_path: Path) -> None:
    db_path = tmp_path / "nested" / "deeper" / "case.db"
    code = (
        "import os, sys; os.umask(0);"
        "sys.argv = ['casefile', '--db', sys.argv[1], 'add', 'person', 'Ihor Korney'];"
        "from casefile.cli.app import main; main()"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(db_path)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    for path in [db_path, *db_path.parent.glob("case.db-*")]:
        assert _mode(path) == 0o600, path
    assert _mode(db_path.parent) == 0o700
    backup = tmp_path / "backup.db"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            code.replace("'add', 'person', 'Ihor Korney'", "'backup', sys.argv[2]"),
            str(db_path),
            str(backup),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert _mode(backup) == 0o600


@sqlite_only("WAL and pragmas are SQLite settings")
def test_sqlite_runs_in_wal_with_foreign_keys_and_busy_timeout(case_db: str) -> None:
    from sqlalchemy import text

    from casefile.storage.engine import open_database

    db = open_database(case_db)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    finally:
        db.dispose()


@sqlite_only("the online backup API is SQLite's")
def test_backup_is_consistent_verified_and_refuses_to_overwrite(cli, tmp_path: Path) -> None:
    cli.ok("add", "person", "Kyrylo Balakhonov")
    target = tmp_path / "copy.db"
    result = cli.json("backup", str(target))
    assert result["verified"] is True
    assert Path(result["path"]) == target
    from tests.conftest import Cli

    copy = Cli(str(target))
    assert [e["name"] for e in copy.json("list")] == ["Kyrylo Balakhonov"]
    again = cli("backup", str(target))
    assert again.exit_code != 0
    assert "already exists" in again.stderr
    into_folder = cli.json("backup", str(tmp_path))
    assert Path(into_folder["path"]).parent == tmp_path
