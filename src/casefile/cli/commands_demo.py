"""``casefile demo``: a sample case file from the bundled article, opened in the TUI."""

from __future__ import annotations

import tempfile
from pathlib import Path

import typer

from casefile.cli.context import end_start_up, state
from casefile.cli.output import say


def demo(
    ctx: typer.Context,
    path: Path | None = typer.Option(
        None, "--path", help="Write the demo case file here (default: a new temporary folder)."
    ),
    no_tui: bool = typer.Option(False, "--no-tui", help="Only build the file and print where it is."),
) -> None:
    """Build a sample case file from the bundled article and open it (never your own database)."""
    from casefile.errors import InvalidInput
    from casefile.services.demo import build_demo
    from casefile.storage.engine import open_database

    if path is None:
        path = Path(tempfile.mkdtemp(prefix="casefile-demo-")) / "demo.db"
    if path.exists():
        raise InvalidInput(f"'{path}' already exists; the demo only writes a new file.")
    db = open_database(str(path))
    end_start_up()
    db.write(build_demo)
    db.dispose()
    say(f"Demo case file written to {path}")
    if no_tui:
        return
    from casefile.cli.tui_launcher import open_tui

    cli_state = state(ctx)
    cli_state.db_target = str(path)
    open_tui(cli_state)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
