"""The architecture holds: one-way imports, fast cold start, helpful commands, linear migrations."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "casefile"


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_services_and_storage_never_import_front_ends() -> None:
    names = sorted(
        "casefile." + ".".join(p.relative_to(SRC).with_suffix("").parts)
        for p in SRC.rglob("*.py")
        if p.parts[len(SRC.parts)] in ("services", "storage", "exchange")
        and "migrations" not in p.parts
        and p.name != "__init__.py"
    )
    loaded = _modules_after("\n".join(f"import {n}" for n in names))
    assert not {m for m in loaded if m.split(".")[0] in ("typer", "textual", "click")}


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
