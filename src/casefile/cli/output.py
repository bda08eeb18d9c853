"""Output: JSON on stdout for scripts, a readable Rich rendering for people.

User text is always wrapped in ``rich.text.Text`` after ``printable``: it is never
parsed as markup and never reaches the terminal as raw escape sequences.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

import typer

JSON_OPTION_HELP = "Print machine-readable JSON on stdout and nothing else."


def json_option() -> Any:
    """The shared ``--json`` option."""
    return typer.Option(False, "--json", help=JSON_OPTION_HELP)


def emit_json(data: Any) -> None:
    """Print ``data`` as stable, sorted, UTF-8 JSON (``casefile.jsonout``: the one JSON writer)."""
    from casefile.jsonout import write_pretty

    write_pretty(sys.stdout, data)


def emit_json_array(items: Iterable[Any]) -> None:
    """Print ``items`` as :func:`emit_json` prints a list, a chunk at a time (flat memory)."""
    from casefile.jsonout import write_pretty_array

    write_pretty_array(sys.stdout, items)


def console() -> Any:
    """A Rich console on stdout that never interprets markup in data."""
    from rich.console import Console

    return Console(highlight=False, markup=False, emoji=False, soft_wrap=False)


def safe(text: str | None, limit: int = 0) -> Any:
    """User text as a Rich ``Text``, control characters made visible."""
    from rich.text import Text

    from casefile.text import one_line, printable

    if text is None:
        return Text("")
    return Text(one_line(text, limit) if limit else printable(text))


def say(message: str) -> None:
    """A short confirmation for people, on stderr so stdout stays data-only."""
    from casefile.text import printable

    sys.stderr.write(printable(message) + "\n")
