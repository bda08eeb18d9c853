"""An empty side of an EDTF interval is unknown: left open, never guessed."""

from __future__ import annotations

from casefile.dates import OPEN_LOWER, OPEN_UPPER, parse_date


def test_unknown_start_and_end_are_open_and_marked_unknown() -> None:
    start = parse_date("/2021")
    assert (start.lower, start.upper, start.marker) == (OPEN_LOWER, 20211231, "unknown")
    end = parse_date("2021/")
    assert (end.lower, end.upper, end.marker) == (20210101, OPEN_UPPER, "unknown")
    assert parse_date("2025-06?/2025-07~").marker == "approximate, uncertain"
