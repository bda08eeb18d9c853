"""EDTF dates: parse with the ``edtf`` package, keep the text and integer sort bounds.

A bound is ``year * 10000 + month * 100 + day``, which orders correctly for every
year, negative ones included; open ends use ``OPEN_LOWER`` / ``OPEN_UPPER``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
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


_SIDE = re.compile(r"^([0-9]{4})(?:-([0-9]{2}|XX)(?:-([0-9]{2}|XX))?)?[?~%]?$")


def _side(text: str) -> tuple[int, int] | None:
    """Bounds of ``2025``, ``2025-06``, ``2025-06-21``, ``2025-06-XX``, ``2025-XX``, each
    optionally qualified (``?``, ``~``, ``%``: the bounds stay those of the date as written);
    None for anything else, which the ``edtf`` parser then decides."""
    match = _SIDE.match(text)
    if match is None:
        return None
    year = int(match.group(1))
    month_text, day_text = match.group(2), match.group(3)
    if year == 0:
        return None
    if month_text is None or month_text == "XX":
        if day_text not in (None, "XX"):
            return None
        return year * 10000 + 101, year * 10000 + 1231
    month = int(month_text)
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if day_text is None or day_text == "XX":
        return year * 10000 + month * 100 + 1, year * 10000 + month * 100 + last
    day = int(day_text)
    if not 1 <= day <= last:
        return None
    key = year * 10000 + month * 100 + day
    return key, key


def _plain_date(cleaned: str) -> EdtfDate | None:
    """The common forms (a date or an interval of them, ``..`` or empty for an open or
    unknown end) without the EDTF parser; None when unsure.

    The ``edtf`` package takes milliseconds per call; imports parse tens of thousands of dates.
    ``tests/test_dates_fast_path.py`` checks this agrees with the parser.
    """
    start, slash, end = cleaned.partition("/")
    if not slash:
        bounds = _side(cleaned)
        return None if bounds is None else EdtfDate(cleaned, *bounds)
    if "/" in end or "X" in cleaned or (start in ("", "..") and end in ("", "..")):
        return None  # the parser refuses unspecified digits inside intervals, and empty ones
    lower_side = None if start in ("", "..") else _side(start)
    upper_side = None if end in ("", "..") else _side(end)
    if (lower_side is None and start not in ("", "..")) or (upper_side is None and end not in ("", "..")):
        return None
    lower = OPEN_LOWER if lower_side is None else lower_side[0]
    upper = OPEN_UPPER if upper_side is None else upper_side[1]
    if lower > upper:
        return None  # the parser says why
    return EdtfDate(cleaned, lower, upper)


def parse_date(text: str) -> EdtfDate:
    """Parse an EDTF string; raise ``InvalidInput`` with one sentence if it is not one."""
    cleaned = text.strip()
    if not cleaned or len(cleaned) > 64:
        raise InvalidInput(
            f"'{_short(text)}' is not a date; use EDTF such as 2025-06-21, 2025-06, 2025~ or 2020/2021."
        )
    parsed = _plain_date(cleaned) or _parse_edtf(cleaned, text)
    if season_listener is not None and _SEASON.search(cleaned):
        note = season_note(cleaned)
        if note:
            season_listener(note)
    return parsed


@lru_cache(maxsize=4096)
def _parse_edtf(cleaned: str, text: str) -> EdtfDate:
    from edtf import parse_edtf  # imported lazily: it pulls in pyparsing

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
    if lower == OPEN_LOWER and upper == OPEN_UPPER:
        raise InvalidInput(
            f"'{_short(text)}' names no time at all; give at least one end (2020/.. means from 2020 on)."
        )
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


def _short(text: str) -> str:
    from casefile.text import one_line

    return one_line(text, 40)


# EDTF reads YYYY-21 ... YYYY-41 as seasons, quarters and halves: easy to type by mistake for a month.
_SEASON = re.compile(r"(?<![\d-])(-?\d{4})-(2[1-9]|3\d|4[01])(?![\d-])")
_SEASON_NAMES = {
    21: "spring", 22: "summer", 23: "autumn", 24: "winter",
    25: "spring (north)", 26: "summer (north)", 27: "autumn (north)", 28: "winter (north)",
    29: "spring (south)", 30: "summer (south)", 31: "autumn (south)", 32: "winter (south)",
    33: "the 1st quarter", 34: "the 2nd quarter", 35: "the 3rd quarter", 36: "the 4th quarter",
    37: "the 1st third", 38: "the 2nd third", 39: "the 3rd third",
    40: "the 1st half", 41: "the 2nd half",
}  # fmt: skip
season_listener: Callable[[str], None] | None = None
"""Called with :func:`season_note` whenever a date with a season code is parsed (the CLI warns)."""


def season_note(text: str) -> str | None:
    """One sentence saying what a season code in ``text`` means, or None when it has none."""
    notes = []
    for match in _SEASON.finditer(text.strip()):
        year, code = match.group(1), int(match.group(2))
        try:
            bounds = parse_date_bounds(match.group(0))
        except InvalidInput:
            continue
        span = f"{format_bound(bounds[0])} to {format_bound(bounds[1])}"
        notes.append(f"'{match.group(0)}' means {_SEASON_NAMES[code]} of {year} ({span}), not a month")
    if not notes:
        return None
    return "; ".join(notes) + "; months are 01 to 12."


def parse_date_bounds(text: str) -> tuple[int, int]:
    """The bounds of ``text`` without telling the season listener (it is asking about them)."""
    cleaned = text.strip()
    parsed = _plain_date(cleaned) or _parse_edtf(cleaned, text)
    return parsed.lower, parsed.upper
