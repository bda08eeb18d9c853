"""The architecture holds: one-way imports, fast cold start, helpful commands, linear migrations."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.import_graph import Import, cycle_report, cycles, layer_violations, read_imports

SRC = Path(__file__).resolve().parents[1] / "src" / "casefile"


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_imports_point_one_way_down_the_layers() -> None:
    imports = read_imports(SRC)
    assert len(imports) > 100  # the reader found the codebase's imports
    problems = layer_violations(imports)
    assert not problems, (
        "Imports against the layers (cli/tui -> services -> exchange, ingest, storage -> "
        + ("dates, names, errors, paths, text):\n  " + "\n  ".join(problems))
    )


def test_no_import_cycles() -> None:
    imports = read_imports(SRC)
    report = cycle_report(cycles(imports), imports)
    assert not report, "\n".join(report)


def test_services_storage_and_exchange_never_use_typer_or_textual() -> None:
    """The layer test sees only casefile's own modules; front-end libraries are checked here."""
    for path in SRC.rglob("*.py"):
        if path.relative_to(SRC).parts[0] not in ("services", "storage", "exchange", "ingest"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] not in ("typer", "textual", "click", "rich"), (
                    f"{path.relative_to(SRC)}:{node.lineno} imports {name}"
                )


def _synthetic(*edges: tuple[str, str]) -> list[Import]:
    return [Import(a, b, f"fake.py:{n}") for n, (a, b) in enumerate(edges, 1)]


def test_the_layer_check_catches_an_upward_import() -> None:
    imports = _synthetic(
        ("casefile.services.links", "casefile.storage.tables"),  # down: fine
        ("casefile.exchange.selection", "casefile.storage.tables"),  # allowed sideways
        ("casefile.dates", "casefile.errors"),  # pure helpers among themselves
        ("casefile.storage.migrate", "casefile.services.backup"),  # up
        ("casefile.storage.search_index", "casefile.exchange.sections"),  # sideways, not allowed
        ("casefile.ingest.extract", "casefile.storage.tables"),  # ingest uses pure helpers only
        ("casefile.tui.app", "casefile.cli.output"),  # the TUI never imports the CLI
        ("casefile.names", "casefile.services.refs"),
        ("casefile.services.x", "casefile.newpackage.y"),
    )
    problems = layer_violations(imports)
    assert problems == [
        "fake.py:4: casefile.storage.migrate (layer 1, storage) imports casefile.services.backup "
        "(layer 2, services), which is not below it",
        "fake.py:5: casefile.storage.search_index (layer 1, storage) imports casefile.exchange.sections "
        "(layer 1, exchange), which is not below it",
        "fake.py:6: casefile.ingest.extract (layer 1, ingest) imports casefile.storage.tables "
        "(layer 1, storage), which is not below it",
        "fake.py:7: casefile.tui.app (layer 3, tui) imports casefile.cli.output (layer 3, cli), "
        "which is not below it",
        "fake.py:8: casefile.names (layer 0, names) imports casefile.services.refs (layer 2, services), "
        "which is not below it",
        "fake.py:9: 'casefile.newpackage' has no layer; add it to LAYERS",
    ]


def test_the_cycle_check_finds_every_cycle() -> None:
    imports = _synthetic(
        ("casefile.tui.app", "casefile.tui.commands"),
        ("casefile.tui.commands", "casefile.tui.app"),
        ("casefile.services.a", "casefile.services.b"),
        ("casefile.services.b", "casefile.services.c"),
        ("casefile.services.c", "casefile.services.a"),
        ("casefile.services.c", "casefile.storage.tables"),  # leaves the cycle: not part of it
    )
    found = cycles(imports)
    assert found == [
        ["casefile.services.a", "casefile.services.b", "casefile.services.c"],
        ["casefile.tui.app", "casefile.tui.commands"],
    ]
    assert cycle_report(found[1:], imports) == [
        "import cycle between casefile.tui.app, casefile.tui.commands:\n"
        "    fake.py:1 casefile.tui.app -> casefile.tui.commands\n"
        "    fake.py:2 casefile.tui.commands -> casefile.tui.app"
    ]


def test_the_reader_sees_imports_inside_functions_relative_and_by_name(tmp_path: Path) -> None:
    pkg = tmp_path / "casefile"
    (pkg / "storage").mkdir(parents=True)
    (pkg / "services").mkdir()
    for folder in (pkg, pkg / "storage", pkg / "services"):
        (folder / "__init__.py").write_text("")
    (pkg / "services" / "refs.py").write_text("")
    (pkg / "storage" / "tables.py").write_text("")
    (pkg / "storage" / "migrate.py").write_text(
        "import importlib\n"
        "def f():\n"
        "    from casefile.services import refs\n"
        "    from . import tables\n"
        "    from ..services.refs import resolve\n"
        "    importlib.import_module('casefile.services.refs')\n"
    )
    found = {(i.imported, i.where) for i in read_imports(pkg) if i.importer == "casefile.storage.migrate"}
    assert found == {
        ("casefile.services.refs", "casefile/storage/migrate.py:3"),
        ("casefile.storage.tables", "casefile/storage/migrate.py:4"),
        ("casefile.services.refs", "casefile/storage/migrate.py:5"),
        ("casefile.services.refs", "casefile/storage/migrate.py:6"),
    }
    assert len(layer_violations(read_imports(pkg))) == 3


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_do_not_import_sqlalchemy_or_textual(flag: str) -> None:
    code = f"import sys\nsys.argv=['casefile','{flag}']\nfrom casefile.cli.app import main\ntry:\n    main()\nexcept SystemExit:\n    pass"
    loaded = _modules_after(code)
    assert "sqlalchemy" not in loaded
    assert "sqlmodel" not in loaded
    assert "textual" not in loaded


def test_version_prints_version() -> None:
    from casefile import __version__
    from tests.conftest import run_casefile

    result = run_casefile("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"casefile {__version__}"


def _all_commands():
    from typer.main import get_command

    from casefile.cli.app import app

    root = get_command(app)
    stack = [((), root)]
    while stack:
        path, command = stack.pop()
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            stack.append(((*path, name), sub))


def test_every_command_and_option_has_help_and_is_documented() -> None:
    docs = (SRC.parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    for path, command in _all_commands():
        if not path:
            continue
        assert (command.help or "").strip(), f"{' '.join(path)} has no help"
        if not getattr(command, "commands", None):
            assert f"casefile {' '.join(path)}" in docs, f"casefile {' '.join(path)} is not in docs/cli.md"
        for param in command.params:
            if param.param_type_name == "option":
                assert (getattr(param, "help", None) or "").strip(), (
                    f"{' '.join(path)} {param.opts} has no help"
                )


def test_migration_chain_is_linear_and_matches_revisions() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from casefile.storage.schema import MIGRATIONS_DIR, REVISIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    assert len(script.get_heads()) == 1
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert tuple(chain) == REVISIONS


def test_schema_from_migrations_matches_the_models(case_db: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import casefile.storage.tables  # noqa: F401
    from casefile.storage.engine import open_database
    from casefile.storage.search_index import include_name

    db = open_database(case_db)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_name": include_name}
            )
            diff = compare_metadata(context, SQLModel.metadata)
    finally:
        db.dispose()
    assert diff == []
