"""casefile.ingest is a pure layer: it imports only the pure helpers and itself (no database, no UI)."""

from __future__ import annotations

import ast
from pathlib import Path

import casefile.ingest

ALLOWED = {"casefile.names", "casefile.dates", "casefile.errors", "casefile.text", "casefile.paths"}
PACKAGE = Path(casefile.ingest.__file__).parent


def test_ingest_imports_only_pure_helpers() -> None:
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):  # imports inside functions count too
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if name.startswith("casefile"):
                    assert name in ALLOWED or name.startswith("casefile.ingest"), (
                        f"{path.name} imports {name}"
                    )
                assert not name.startswith(
                    ("sqlalchemy", "sqlmodel", "textual", "typer", "requests", "urllib")
                ), f"{path.name} imports {name}"
