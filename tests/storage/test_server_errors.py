"""A PostgreSQL URL that cannot work gives one clear sentence, never a traceback."""

from __future__ import annotations

import sys
import uuid

import pytest

from tests.conftest import Cli, pg_admin_execute, pg_admin_url, postgres_only


def _fails_with(cli: Cli, *needles: str, code: int | None = None) -> str:
    result = cli("list")
    assert result.exit_code != 0
    if code is not None:
        assert result.exit_code == code
    message = result.stderr.strip()
    assert message.startswith("casefile: ")
    assert "Traceback" not in message
    assert len(message.splitlines()) == 1
    for needle in needles:
        assert needle in message
    return message


@pytest.mark.parametrize(
    ("url", "needle"),
    [
        ("mysql://someone@db.example/case", "not 'mysql://' URLs"),
        ("http://example.org/case", "not 'http://' URLs"),
        ("postgresql://someone@db.example:port/case", "is not a valid PostgreSQL URL"),
        ("postgresql://someone@db.example", "names no database"),
        ("postgresql://someone@db.example/", "names no database"),
    ],
)
def test_a_wrong_url_is_one_sentence(url, needle):
    _fails_with(Cli(url), needle, code=2)


def test_a_password_in_a_bad_url_is_never_shown():
    message = _fails_with(Cli("postgresql://ann:hunter2@db.example:port/case"), "***")
    assert "hunter2" not in message


def test_a_server_that_is_down_is_one_sentence(tmp_path):
    # A socket folder with no server in it: the same failure as a stopped server, no network.
    url = f"postgresql://someone@/case?host={tmp_path}&port=5999"
    _fails_with(Cli(url), "cannot reach the PostgreSQL server", code=3)


def test_missing_psycopg_gives_the_install_command(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # makes ``import psycopg`` fail
    url = f"postgresql://someone@/case?host={tmp_path}&port=5999"
    _fails_with(Cli(url), "PostgreSQL support is not installed", "pip install 'casefile[postgres]'", code=3)


def test_the_real_process_says_the_same_without_a_traceback(tmp_path):
    from tests.conftest import run_casefile

    result = run_casefile("list", db=f"postgresql://someone@/case?host={tmp_path}&port=5999")
    assert result.exit_code == 3
    assert result.stderr.startswith("casefile: casefile cannot reach the PostgreSQL server")
    assert "Traceback" not in result.stderr


@postgres_only("needs a PostgreSQL server")
def test_a_missing_database_is_named():
    name = f"cf_missing_{uuid.uuid4().hex[:8]}"
    message = _fails_with(Cli(pg_admin_url(name)), f"database '{name}' does not exist", code=3)
    assert f"createdb {name}" in message


@postgres_only("needs a PostgreSQL server")
def test_an_unknown_user_is_named(case_db):
    from sqlalchemy.engine import make_url

    url = make_url(case_db).set(username="nobody_here").render_as_string(hide_password=False)
    message = _fails_with(Cli(url), code=3)
    # A server that asks for passwords does not reveal which users exist.
    assert "no user 'nobody_here'" in message or "refused the login" in message


@postgres_only("needs a PostgreSQL server")
def test_a_wrong_password_is_one_sentence(case_db):
    import psycopg
    from sqlalchemy.engine import make_url

    role = f"cf_user_{uuid.uuid4().hex[:8]}"
    pg_admin_execute(f"CREATE ROLE {role} LOGIN PASSWORD 'right-password'")
    try:
        url = make_url(case_db).set(username=role, password="wrong-password")
        query = dict(url.query)
        try:
            psycopg.connect(
                dbname=url.database,
                user=role,
                password="wrong-password",
                host=query.get("host", url.host),
                port=query.get("port", url.port),
            ).close()
        except psycopg.OperationalError:
            pass
        else:
            pytest.skip("this test server lets every local user in without a password")
        message = _fails_with(
            Cli(url.render_as_string(hide_password=False)), "refused the login", f"user '{role}'", code=3
        )
        assert "wrong-password" not in message
    finally:
        pg_admin_execute(f"DROP ROLE IF EXISTS {role}")
