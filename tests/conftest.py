"""Shared fixtures: a real case file per test (SQLite, or PostgreSQL when asked) and CLI runners.

Set ``CASEFILE_TEST_PG`` to a PostgreSQL admin URL (e.g.
``postgresql://postgres@/postgres?host=/tmp/pgsock``) to run the suite on PostgreSQL:
each test then gets a fresh database on that server.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as _hypothesis_settings
from typer.testing import CliRunner

# No Hypothesis deadline anywhere: speed is measured by bench/, never asserted by a timer
# (a deadline fails at random on a loaded 2-core machine).
_hypothesis_settings.register_profile("casefile", deadline=None)
_hypothesis_settings.load_profile("casefile")

PG_ADMIN_URL = os.environ.get("CASEFILE_TEST_PG", "").strip()
BACKEND = "postgres" if PG_ADMIN_URL else "sqlite"


def pytest_report_header(config: pytest.Config) -> str:
    return f"casefile backend: {BACKEND}"


class NetworkUsed(AssertionError):
    """A test (or casefile) tried to open a network socket."""


INET_FAMILIES = (socket.AF_INET, socket.AF_INET6)


NETWORK_ATTEMPTS: list[str] = []


def _refuse_inet(event: str, args: tuple[Any, ...]) -> None:
    """Audit hook: any inet socket or host-name lookup in the test process is refused and recorded."""
    message = ""
    if event == "socket.__new__" and len(args) > 1 and args[1] in INET_FAMILIES:
        message = f"casefile opened a network socket (family {args[1]!r}); it must never do that."
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"):
        message = f"casefile looked up a host name ({event} {args[:1]!r}); it must never do that."
    if message:
        NETWORK_ATTEMPTS.append(message)
        raise NetworkUsed(message)


_GUARD_ON = False


@pytest.fixture(autouse=True)
def _no_network() -> Iterator[None]:
    """No inet socket in any test (unix-domain sockets, e.g. PostgreSQL's, stay allowed).

    An audit hook cannot be removed, so it is installed once per test process; attempts are
    also recorded, so a test fails even when something swallowed the exception.
    """
    global _GUARD_ON
    if not _GUARD_ON:
        sys.addaudithook(_refuse_inet)
        _GUARD_ON = True
    NETWORK_ATTEMPTS.clear()
    yield
    assert not NETWORK_ATTEMPTS, NETWORK_ATTEMPTS[0]


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's data folder, config or passphrase."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    for name in ("CASEFILE_DB", "CASEFILE_PASSPHRASE", "CASEFILE_NEW_PASSPHRASE", "CASEFILE_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    from casefile.storage.encryption import forget_passphrases

    forget_passphrases()


def _pg_url_for(dbname: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(PG_ADMIN_URL)
    return url.set(database=dbname).render_as_string(hide_password=False)


@contextmanager
def fresh_case_target(directory: Path) -> Iterator[str]:
    """A fresh, empty case file on the backend under test, as a ``--db`` target.

    For fixtures wider than one test (``scope="module"``); a PostgreSQL database is dropped after.
    """
    if BACKEND == "sqlite":
        yield str(directory / "case.db")
        return
    name = f"cf_{uuid.uuid4().hex[:12]}"
    pg_admin_execute(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_url_for(name)
    finally:
        from casefile.storage import engine as engine_module

        engine_module.dispose_all()
        pg_admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def case_db(tmp_path: Path) -> Iterator[str]:
    """The ``--db`` target of a fresh, empty case file on the backend under test."""
    with fresh_case_target(tmp_path) as target:
        yield target


def sqlite_only(reason: str) -> pytest.MarkDecorator:
    """Skip a test that only means something for SQLite files."""
    return pytest.mark.skipif(BACKEND != "sqlite", reason=reason)


def postgres_only(reason: str) -> pytest.MarkDecorator:
    """Skip a test that needs a PostgreSQL server (the ``CASEFILE_TEST_PG`` pass)."""
    return pytest.mark.skipif(BACKEND != "postgres", reason=reason)


def pg_admin_url(dbname: str | None = None) -> str:
    """The test server's admin URL (for ``dbname`` when given), in casefile's own form."""
    return _pg_url_for(dbname) if dbname else PG_ADMIN_URL


def pg_admin_execute(*statements: str) -> None:
    """Run statements on the test server as its admin, outside any transaction."""
    from sqlalchemy import create_engine, text

    admin = create_engine(
        PG_ADMIN_URL.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    try:
        with admin.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        admin.dispose()


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


class Cli:
    """Runs casefile commands on one case file through Typer's runner (in-process)."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> CliResult:
        from casefile.cli.app import app

        result = self.runner.invoke(
            app, ["--db", self.db, *args], input=input, env=env, catch_exceptions=False
        )
        return CliResult(result.exit_code, result.stdout, result.stderr)

    def ok(self, *args: str, input: str | None = None) -> CliResult:
        """Run and insist it succeeded."""
        result = self(*args, input=input)
        assert result.exit_code == 0, f"casefile {' '.join(args)} failed: {result.stderr}"
        return result

    def json(self, *args: str) -> Any:
        return self.ok(*args, "--json").json()


@pytest.fixture
def cli(case_db: str) -> Cli:
    return Cli(case_db)


def run_casefile(
    *args: str,
    db: str | None = None,
    input: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> CliResult:
    """Run the real ``casefile`` as a subprocess (``python -m casefile``)."""
    full_env = {**os.environ, **(env or {})}
    argv = [sys.executable, "-m", "casefile", *(["--db", db] if db else []), *args]
    proc = subprocess.run(
        argv, input=input, capture_output=True, text=True, env=full_env, timeout=timeout, check=False
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def subprocess_cli(case_db: str) -> Any:
    """``run_casefile`` bound to this test's case file."""

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> CliResult:
        return run_casefile(*args, db=case_db, input=input, env=env)

    return run


def snapshot_database(target: str) -> list[tuple[Any, ...]]:
    """Every row of every casefile table, for "nothing was written" assertions."""
    from sqlalchemy import inspect, text

    from casefile.storage.engine import open_database

    db = open_database(target)
    try:
        with db.engine.connect() as conn:
            rows: list[tuple[Any, ...]] = []
            for table in sorted(inspect(conn).get_table_names()):
                for row in conn.execute(text(f'SELECT * FROM "{table}"')).all():
                    rows.append((table, *[str(v) for v in row]))
        return sorted(rows)
    finally:
        db.dispose()
