"""A Hypothesis sweep: random bytes, invalid UTF-8 among them, to every command and its stdin.

Whatever arrives, casefile answers with at most one line on stderr (exactly one when it
refuses), never "Internal error", and a refusal leaves the case file as it was.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from casefile.cli.app import app
from tests.conftest import Cli, snapshot_database

EXAMPLES = 12  # per property: modest, so CI stays fast; the commands are sampled anew each run


def _leaves(command: Any, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for name, sub in sorted(subcommands.items()):
            yield from _leaves(sub, (*path, name))
    elif path:
        yield path


COMMANDS = sorted(_leaves(typer.main.get_command(app), ()))
READ_ONLY = [
    c
    for c in COMMANDS
    if c[0] in {"show", "list", "search", "timeline", "claims", "duplicates", "check", "conflicts", "facts"}
]

# Bytes as Python hands them to casefile: argv decoded with surrogateescape.
raw = st.binary(max_size=24)
with_bad_byte = st.tuples(
    raw, st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80", b"\xfe\xfe"]), raw
).map(lambda parts: parts[0] + parts[1] + parts[2])


@pytest.fixture
def filled(cli: Cli) -> Cli:
    cli.ok("add", "person", "Ivan Petrov")
    cli.ok("add", "person", "Anna")
    cli.ok("link", "P1", "P2", "--role", "knows")
    cli.ok("note", "P1", "hello")
    return cli


def _invoke(db: str, args: list[str], stdin: bytes) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--db", db, *args], input=stdin, catch_exceptions=False)
    return result.exit_code, result.stderr


def _one_sentence(code: int, stderr: str, *, findings_exit: bool = False) -> None:
    assert "Internal error" not in stderr, stderr
    assert "Traceback" not in stderr, stderr
    assert code != 70, stderr
    lines = stderr.splitlines()
    assert len(lines) <= 1, stderr
    if code != 0 and not (findings_exit and code == 1 and not lines):  # check: findings on stdout
        assert len(lines) == 1, stderr
        assert lines[0].startswith("casefile: "), stderr


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    command=st.sampled_from(COMMANDS),
    args=st.lists(raw, max_size=3),
    bad=with_bad_byte,
    where=st.integers(min_value=0, max_value=3),
    stdin=st.one_of(raw, with_bad_byte),
)
def test_invalid_utf8_anywhere_in_the_arguments_is_one_sentence(
    filled: Cli, command: tuple[str, ...], args: list[bytes], bad: bytes, where: int, stdin: bytes
) -> None:
    before = snapshot_database(filled.db)
    words = [os.fsdecode(a) for a in args]
    words.insert(min(where, len(words)), os.fsdecode(bad))
    code, stderr = _invoke(filled.db, [*command, *words], stdin)
    _one_sentence(code, stderr)
    assert code != 0
    assert "not valid UTF-8" in stderr
    assert snapshot_database(filled.db) == before


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    command=st.sampled_from(READ_ONLY),
    args=st.lists(st.text(max_size=16), max_size=3),
    stdin=raw,
)
def test_random_text_to_a_reading_command_changes_nothing(
    filled: Cli, command: tuple[str, ...], args: list[str], stdin: bytes
) -> None:
    before = snapshot_database(filled.db)
    code, stderr = _invoke(filled.db, [*command, *args], stdin)
    _one_sentence(code, stderr, findings_exit=command == ("check",))
    assert snapshot_database(filled.db) == before


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    command=st.sampled_from(
        [("note", "P1", "-"), ("import", "json", "-"), ("import", "json", "-", "--dry-run")]
    ),
    stdin=st.one_of(
        with_bad_byte, st.binary(min_size=1, max_size=200).map(lambda b: b'{"format": "casefile", ' + b)
    ),
)
def test_random_bytes_on_stdin_are_one_sentence(filled: Cli, command: tuple[str, ...], stdin: bytes) -> None:
    before = snapshot_database(filled.db)
    code, stderr = _invoke(filled.db, list(command), stdin)
    _one_sentence(code, stderr)
    if code != 0:
        assert snapshot_database(filled.db) == before
