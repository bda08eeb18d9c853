"""Start-up shortcuts keep the CLI's behaviour: one command built, the schema check, the collector."""

from __future__ import annotations

import dataclasses
import gc
import sqlite3
from pathlib import Path

import pytest
from typer.main import get_command

from casefile.cli.app import _for_argv, app
from tests.conftest import run_casefile, sqlite_only


def _names(typer_app: object) -> set[str]:
    return set(getattr(get_command(typer_app), "commands", {}))


def test_a_command_line_builds_only_the_command_it_runs() -> None:
    assert _names(_for_argv(["--db", "x.db", "show", "P1", "--json"])) == {"show"}
    assert _names(_for_argv(["--db=x.db", "export", "json", "out.json"])) == {"export"}
    assert _names(_for_argv(["--version"])) == set()
    assert _names(_for_argv(["--db", "x.db"])) == set()  # the TUI: no command at all
    full = _names(app)
    assert {"show", "list", "search", "export", "add"} <= full
    for unsure in (["--help"], ["shw"], ["--db"], ["--bogus", "show"], ["--db", "x.db", "--help"]):
        assert _for_argv(unsure) is app, unsure


def test_the_one_command_built_is_the_same_as_in_the_full_app() -> None:
    everything = get_command(app).commands
    for name, command in everything.items():
        alone = get_command(_for_argv([name])).commands[name]
        assert [p.name for p in alone.params] == [p.name for p in command.params], name
        assert alone.help == command.help, name


def test_pruned_and_full_command_lines_answer_alike(case_db: str) -> None:
    shown = run_casefile("show", "--help", db=case_db)
    assert shown.exit_code == 0
    assert "Show an entity's dossier." in shown.stdout
    missing = run_casefile("show", db=case_db)
    assert missing.exit_code == 2
    assert "Missing argument 'ref'" in missing.stderr
    typo = run_casefile("shw", db=case_db)  # not a command: the full app suggests one
    assert typo.exit_code == 2
    assert "Did you mean 'show'?" in typo.stderr
    added = run_casefile("add", "person", "Ada Lovelace", "--json", db=case_db)
    assert added.exit_code == 0, added.stderr
    listed = run_casefile("list", "--json", db=case_db)
    assert [e["name"] for e in listed.json()] == ["Ada Lovelace"]


def test_opening_the_case_file_turns_the_collector_back_on(case_db: str) -> None:
    from casefile.cli.context import CliState

    gc.disable()  # as main() does before a command starts
    try:
        db = CliState(db_target=case_db).database()
        assert gc.isenabled()
        db.dispose()
    finally:
        gc.enable()
        gc.unfreeze()


@sqlite_only("the SQLite schema check reads sqlite_master")
def test_schema_check_tells_empty_casefile_and_foreign_files_apart(tmp_path: Path) -> None:
    from casefile.errors import StorageError
    from casefile.storage.engine import open_database
    from casefile.storage.schema import HEAD, current_revision

    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    db = open_database(str(empty), migrate=False)
    with db.engine.connect() as conn:
        assert current_revision(conn) is None
    db.dispose()

    made = tmp_path / "made.db"
    db = open_database(str(made))
    with db.engine.connect() as conn:
        assert current_revision(conn) == HEAD
    db.dispose()

    orphan = tmp_path / "orphan.db"
    with sqlite3.connect(orphan) as conn:
        conn.execute("CREATE TABLE entity (id TEXT PRIMARY KEY)")
    db = open_database(str(orphan), migrate=False)
    with db.engine.connect() as conn, pytest.raises(StorageError, match="no schema version"):
        current_revision(conn)
    db.dispose()


def test_read_models_write_every_field_to_json() -> None:
    from casefile.services.views import AliasView, CitationView, EntityRef

    ref = EntityRef("id1", "P1", "person", "Ada", True)
    assert ref.to_json() == dataclasses.asdict(ref)
    alias = AliasView("Ада", "alias", "ru", "Cyrl", None)
    assert alias.to_json() == dataclasses.asdict(alias)
    citation = CitationView("c1", "CI1", ref, "B", "p. 3", "quote", 2, "entity", "P1")
    assert citation.to_json() == {**dataclasses.asdict(citation), "source": ref.to_json(), "grade": "B2"}
