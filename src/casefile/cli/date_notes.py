"""A date typed with an EDTF season code (``2025-21``) is accepted with a note on stderr."""

from __future__ import annotations

import sys


def install_season_warning() -> None:
    """Say once per date what a season code means, so a mistyped month does not pass unseen."""
    from casefile import dates
    from casefile.text import one_line

    said: set[str] = set()

    def warn(note: str) -> None:
        if note not in said:
            said.add(note)
            sys.stderr.write(f"casefile: note: {one_line(note)}\n")

    dates.season_listener = warn
