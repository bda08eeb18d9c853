"""PostgreSQL schema care: code-point order whatever the collation, UTF8 only, pg_dump before upgrades."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import Cli, pg_admin_execute, pg_admin_url, postgres_only


@pytest.fixture
def icu_case_db():
    """A database whose default collation is ICU English (tags 'B' < 'a' is false there)."""
    name = f"cf_icu_{uuid.uuid4().hex[:8]}"
    try:
        pg_admin_execute(
            f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
            "LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
        )
    except Exception as exc:  # a server built without ICU, or older than 15
        pytest.skip(f"this server cannot create an ICU database: {str(exc).splitlines()[0]}")
    try:
        yield pg_admin_url(name)
    finally:
        from casefile.storage.engine import dispose_all

        dispose_all()
        pg_admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@postgres_only("collations are a PostgreSQL server setting")
def test_text_sorts_by_code_point_whatever_the_database_collation(icu_case_db):
    cli = Cli(icu_case_db)
    cli.ok(
        "add", "person", "Zed", "--tag", "~later", "--tag", "b", "--tag", "B", "--tag", "a-1", "--tag", "a1"
    )
    # Code point order, as on SQLite; en-US would give ['~later', 'a1', 'a-1', 'b', 'B'] or similar.
    assert cli.json("show", "P1")["tags"] == ["B", "a-1", "a1", "b", "~later"]
    for n in ("b", "a", "c"):
        cli.ok("add", "person", n)
    assert [p["name"] for p in cli.json("list")] == ["a", "b", "c", "Zed"]


@postgres_only("database encodings are a PostgreSQL server setting")
def test_a_database_that_is_not_utf8_is_refused_in_one_sentence():
    name = f"cf_latin1_{uuid.uuid4().hex[:8]}"
    try:
        pg_admin_execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'LATIN1' LOCALE 'C'")
    except Exception as exc:
        pytest.skip(f"this server cannot create a LATIN1 database: {str(exc).splitlines()[0]}")
    try:
        result = Cli(pg_admin_url(name))("init")
        assert result.exit_code == 3
        assert result.stderr.startswith("casefile: This PostgreSQL database uses the LATIN1 encoding")
        assert len(result.stderr.splitlines()) == 1
    finally:
        from casefile.storage.engine import dispose_all

        dispose_all()
        pg_admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@postgres_only("the pg_dump taken before an upgrade is PostgreSQL's counterpart of the .bak file")
def test_an_old_server_schema_is_dumped_then_upgraded(case_db, tmp_path):
    from casefile.services.server_backup import find_pg_tool
    from casefile.storage.engine import open_database
    from casefile.storage.schema import HEAD, REVISIONS, upgrade

    old = open_database(case_db, migrate=False)
    try:
        with old.engine.begin() as conn:
            upgrade(conn, REVISIONS[0])
    finally:
        old.dispose()
    result = Cli(case_db)("add", "person", "After the upgrade")
    assert result.exit_code == 0, result.stderr
    assert f"Upgraded the case file from schema {REVISIONS[0]} to {HEAD}" in result.stderr
    if find_pg_tool("pg_dump") is None:
        assert "pg_dump is not installed" in result.stderr
    else:
        notice = next(line for line in result.stderr.splitlines() if "Upgraded" in line)
        saved = notice.split("saved with pg_dump to ")[1].rstrip(".")
        assert saved.endswith(".dump")
        assert (tmp_path / "home").as_posix() in saved  # the user's data folder, not the cwd
    assert Cli(case_db).json("show", "After the upgrade")["handle"] == "P1"
