"""Pieces of the TUI that need no running app: history, claims rendering, layering."""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace

from casefile.tui.history import History
from casefile.tui.widgets.dossier_view import claims_content


def test_history_moves_like_a_browser() -> None:
    history = History()
    for entity_id in ("a", "b", "c"):
        history.visit(entity_id)
    assert history.back() == "b"
    assert history.back() == "a"
    assert history.back() is None
    assert history.forward() == "b"
    history.visit("d")  # a new visit drops the forward entries
    assert history.forward() is None
    assert history.back() == "b"
    history.forget("b")
    assert history.current == "a"


def test_claims_are_listed_with_sources_and_conflicts_marked() -> None:
    def claim(handle: str, value: str) -> SimpleNamespace:
        return SimpleNamespace(
            handle=handle, attribute="released_count", value=value, as_of="2025-06-21",
            sources_label="S1 B2", status="", grade="B2",
        )  # fmt: skip

    claims = [claim("CL1", "14"), claim("CL2", "13"), claim("CL3", "[bold]x[/]")]
    conflict = SimpleNamespace(open_pairs=[("CL1", "CL2")])
    text = claims_content(claims, [conflict]).plain
    lines = text.splitlines()
    assert lines[0].startswith("⚠ released_count = 14  as of 2025-06-21  per S1 B2")
    assert lines[1].startswith("⚠ released_count = 13")
    assert lines[2].startswith("released_count = [bold]x[/]")
    assert "disagree" in lines[-1]


def test_services_and_cli_help_do_not_import_textual() -> None:
    code = (
        "import sys, importlib, pkgutil, casefile.services as s\n"
        "for m in pkgutil.iter_modules(s.__path__): importlib.import_module(f'casefile.services.{m.name}')\n"
        "from casefile.cli.app import app\n"
        "print(any(name == 'textual' or name.startswith('textual.') for name in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
