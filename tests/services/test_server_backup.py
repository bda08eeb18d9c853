"""``casefile backup`` on a PostgreSQL case file: pg_dump when present, a clear reason when not."""

from __future__ import annotations

import stat
import subprocess
import uuid

import pytest

from tests.conftest import pg_admin_execute, pg_admin_url, postgres_only, snapshot_database


@postgres_only("pg_dump backs up PostgreSQL case files only")
def test_backup_calls_pg_dump_says_so_and_restores_to_the_same_rows(cli, case_db, tmp_path):
    from casefile.services.server_backup import find_pg_tool

    pg_restore = find_pg_tool("pg_restore")
    if find_pg_tool("pg_dump") is None or pg_restore is None:
        pytest.skip("pg_dump and pg_restore are not installed")
    cli.ok("add", "person", "Ales Bialiatski", "--alias", "Алесь Бяляцкі@be", "--tag", "Viasna")
    cli.ok("add", "organization", "Viasna")
    cli.ok("link", "P1", "O1", "--role", "founder of")

    said = cli.ok("backup", str(tmp_path / "team.dump")).stderr
    assert "Backed up to" in said
    assert "pg_dump" in said
    assert "integrity check: ok" in said
    dump = tmp_path / "team.dump"
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600

    as_json = cli.json("backup", str(tmp_path))  # a folder: a dated file inside it
    assert as_json["method"].startswith("pg_dump")
    assert as_json["path"].endswith(".dump")
    assert as_json["verified"] is True

    restored = f"cf_restored_{uuid.uuid4().hex[:8]}"
    pg_admin_execute(f'CREATE DATABASE "{restored}"')
    try:
        proc = subprocess.run(
            [pg_restore, "--no-owner", "--dbname", _libpq(pg_admin_url(restored)), str(dump)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        assert snapshot_database(pg_admin_url(restored)) == snapshot_database(case_db)
    finally:
        from casefile.storage.engine import dispose_all

        dispose_all()
        pg_admin_execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')


@postgres_only("pg_dump backs up PostgreSQL case files only")
def test_backup_refuses_to_overwrite(cli, tmp_path):
    from casefile.services.server_backup import find_pg_tool

    if find_pg_tool("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    cli.ok("init")
    existing = tmp_path / "old.dump"
    existing.write_text("keep me")
    result = cli("backup", str(existing))
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert existing.read_text() == "keep me"


@postgres_only("pg_dump backs up PostgreSQL case files only")
def test_without_pg_dump_backup_writes_a_json_bundle_and_says_so(cli, case_db, tmp_path, monkeypatch):
    from casefile.services import server_backup

    monkeypatch.setattr(server_backup, "find_pg_tool", lambda name: None)
    cli.ok("add", "person", "Someone", "--private")
    cli.ok("add", "person", "Someone else")
    said = cli.ok("backup", str(tmp_path / "team.json")).stderr
    assert "JSON bundle" in said
    assert "pg_dump is not installed" in said
    bundle = tmp_path / "team.json"
    assert stat.S_IMODE(bundle.stat().st_mode) == 0o600
    # The backup holds everything, private records too: it is the export with --include-private.
    assert bundle.read_text(encoding="utf-8") == cli.ok("export", "json", "-", "--include-private").stdout
    dated = cli.json("backup", str(tmp_path))
    assert dated["path"].endswith(".json")
    assert dated["verified"] is True


def _libpq(url: str) -> str:
    """A libpq connection string for a casefile-style URL (``host`` may be a socket folder)."""
    from psycopg.conninfo import make_conninfo
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    params = {"dbname": parsed.database, "user": parsed.username, **dict(parsed.query)}
    if parsed.host:
        params["host"] = parsed.host
    if parsed.port:
        params["port"] = str(parsed.port)
    return make_conninfo(**{k: v for k, v in params.items() if v})
