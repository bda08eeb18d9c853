"""Open the TUI (imported only when no subcommand is given)."""

from __future__ import annotations

import sys

from casefile.cli.context import CliState


def open_tui(state: CliState, *, review: str | None = None) -> None:
    """Start the Textual app on the case file, or explain how to use the CLI."""
    import importlib

    try:
        run_app = importlib.import_module("casefile.tui.app").run_app
    except ImportError:
        sys.stderr.write(
            "casefile: the TUI is not available in this build yet; "
            "use 'casefile --help' to see the commands.\n"
        )
        raise SystemExit(1) from None
    # Open (and unlock) the case file before Textual owns the terminal: a passphrase prompt
    # or a migration notice happens here, and the passphrase is remembered for the app's opens.
    state.database()
    run_app(state.db_target, review=review)
