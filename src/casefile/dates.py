"""EDTF dates: parse with the ``edtf`` package, keep the text and integer sort bounds.

A bound is ``year * 10000 + month * 100 + day``, which orders correctly for every
year, negative ones included; open ends use ``OPEN_LOWER`` / ``OPEN_UPPER``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from casefile.errors import InvalidInput

OPEN_LOWER = -999_999_999
OPEN_UPPER = 999_999_999


@dataclass(frozen=True, slots=True)
class EdtfDate:
    """A parsed EDTF date: the text as typed plus its inclusive bounds."""

    text: str
    lower: int
    upper: int

    @property
    def approximate(self) -> bool:
        return "~" in self.text or "%" in self.text

    @property
    def uncertain(self) -> bool:
        return "?" in self.text or "%" in self.text

    @property
    def unspecified(self) -> bool:
        return "X" in self.text.upper().replace("..", "")

    @property
    def is_interval(self) -> bool:
        return "/" in self.text

    @property
    def marker(self) -> str:
        """A short human marker for imprecise dates ('' when exact)."""
        marks = []
        if self.approximate:
            marks.append("approximate")
        if self.uncertain:
            marks.append("uncertain")
        start, _, end = self.text.partition("/") if self.is_interval else ("x", "", "x")
        # ".." is an open end; an empty side (``/2021``) is an unknown one.
        if (self.lower == OPEN_LOWER and start.strip()) or (self.upper == OPEN_UPPER and end.strip()):
            marks.append("open")
        if (self.lower == OPEN_LOWER and not start.strip()) or (self.upper == OPEN_UPPER and not end.strip()):
            marks.append("unknown")
        return ", ".join(marks)


def _key(parts: Any) -> int:
    year, month, day = int(parts[0]), int(parts[1]), int(parts[2])
    return year * 10000 + month * 100 + day


def _side_bounds(side: Any) -> tuple[int, int] | None:
    """Bounds of one side of an interval, or None when that side is open/unknown."""
    try:
        return _key(side.lower_strict()), _key(side.upper_strict())
    except (TypeError, AttributeError, ValueError, OverflowError):
        return None


def parse_date(text: str) -> EdtfDate:
    """Parse an EDTF string; raise ``InvalidInput`` with one sentence if it is not one."""
    from edtf import parse_edtf  # imported lazily: it pulls in pyparsing

    cleaned = text.strip()
    if not cleaned or len(cleaned) > 64:
        raise InvalidInput(
            f"'{_short(text)}' is not a date; use EDTF such as 2025-06-21, 2025-06, 2025~ or 2020/2021."
        )
    try:
        parsed = parse_edtf(cleaned)
    except Exception as exc:  # the edtf package raises several types
        raise InvalidInput(
            f"'{_short(text)}' is not a date; use EDTF such as 2025-06-21, 2025-06, 2025~ or 2020/2021."
        ) from exc
    lower_side = getattr(parsed, "lower", None)
    upper_side = getattr(parsed, "upper", None)
    if type(parsed).__name__ in ("Interval", "Level1Interval", "Level2Interval") or (
        lower_side is not None and upper_side is not None and "/" in cleaned
    ):
        start, _, end = cleaned.partition("/")
        # An empty side is unknown: the edtf package guesses ten years; casefile leaves it open.
        lo = _side_bounds(lower_side) if start.strip() else None
        hi = _side_bounds(upper_side) if end.strip() else None
        lower = lo[0] if lo else OPEN_LOWER
        upper = hi[1] if hi else OPEN_UPPER
    else:
        bounds = _side_bounds(parsed)
        if bounds is None:
            raise InvalidInput(f"'{_short(text)}' is a date casefile cannot place in time.")
        lower, upper = bounds
    if lower > upper:
        raise InvalidInput(f"'{_short(text)}' ends before it begins.")
    return EdtfDate(cleaned, lower, upper)


def parse_optional(text: str | None) -> EdtfDate | None:
    """``parse_date`` that passes ``None`` and empty strings through as ``None``."""
    if text is None or not text.strip():
        return None
    return parse_date(text)


def format_bound(key: int) -> str:
    """Render a bound key as ``YYYY-MM-DD`` (or ``..`` when open)."""
    if key in (OPEN_LOWER, OPEN_UPPER):
        return ".."
    sign = "-" if key < 0 else ""
    key = abs(key)
    year, rest = divmod(key, 10000)
    month, day = divmod(rest, 100)
    return f"{sign}{year:04d}-{month:02d}-{day:02d}"


def today_key() -> int:
    """Today's date (UTC) as a bound key."""
    now = time.gmtime()
    return now.tm_year * 10000 + now.tm_mon * 100 + now.tm_mday


def _short(text: str) -> str:
    from casefile.text import one_line

    return one_line(text, 40)
