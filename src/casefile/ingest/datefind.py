"""Calendar dates written in English, Russian or Belarusian text, as EDTF (regexes, offline).

Own rules instead of a date-parsing library: they are fast on a 10 MB text, never read
a duration ("14 years") as a date, and a date without a year takes the published year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
# Russian and Belarusian month names in the genitive ("21 июня") and nominative.
_CY_MONTHS = {
    "января": 1, "январь": 1, "февраля": 2, "февраль": 2, "марта": 3, "март": 3, "апреля": 4,
    "апрель": 4, "мая": 5, "май": 5, "июня": 6, "июнь": 6, "июля": 7, "июль": 7, "августа": 8,
    "август": 8, "сентября": 9, "сентябрь": 9, "октября": 10, "октябрь": 10, "ноября": 11,
    "ноябрь": 11, "декабря": 12, "декабрь": 12,
    "студзеня": 1, "студзень": 1, "лютага": 2, "люты": 2, "сакавіка": 3, "сакавік": 3,
    "красавіка": 4, "красавік": 4, "траўня": 5, "травеня": 5, "травень": 5, "чэрвеня": 6,
    "чэрвень": 6, "ліпеня": 7, "ліпень": 7, "жніўня": 8, "жнівень": 8, "верасня": 9, "верасень": 9,
    "кастрычніка": 10, "кастрычнік": 10, "лістапада": 11, "лістапад": 11, "снежня": 12, "снежань": 12,
}  # fmt: skip
MONTH_WORDS = frozenset(_EN_MONTHS) | frozenset(_CY_MONTHS)

_EN = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))
_CY = "|".join(sorted(_CY_MONTHS, key=len, reverse=True))
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)"
_PATTERNS = [
    # 11 September 2025 / 11 Sept. 2025 / 21 June
    re.compile(
        rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_EN})\b\.?(?:,?\s+{_YEAR}\b)?", re.I
    ),
    # June 21, 2025 / June 21st / June 21
    re.compile(
        rf"\b(?P<month>{_EN})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*(?:%|years?|days?))(?:,?\s+{_YEAR}\b)?",
        re.I,
    ),
    # 21 июня 2025 года / 21 чэрвеня
    re.compile(
        rf"(?<!\w)(?P<day>[0-3]?\d)\s+(?P<month>{_CY})(?!\w)(?:\s+{_YEAR}(?:\s*(?:года|году|г\.|гада))?)?",
        re.I,
    ),
    # June 2025 / июнь 2025 / в июне 2025 -> month precision
    re.compile(rf"\b(?P<month>{_EN})\s+{_YEAR}\b", re.I),
    re.compile(rf"(?<!\w)(?P<month>{_CY}|июне|чэрвені)\s+{_YEAR}(?:\s*(?:года|году|г\.|гада))?", re.I),
    # 2025-06-21 and 21.06.2025
    re.compile(r"\b(?P<year>(?:1[6-9]|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.(?P<year>(?:1[6-9]|20)\d\d)\b"),
]
_CY_EXTRA = {"июне": 6, "чэрвені": 6}


@dataclass(frozen=True, slots=True)
class FoundDate:
    """One date in the text: where, what was written and its EDTF value."""

    start: int
    end: int
    text: str
    date: str


def find_dates(text: str, *, default_year: int | None = None) -> list[FoundDate]:
    """Every date in ``text`` in order, overlapping readings resolved to the longest."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    matches = sorted(_all_matches(text), key=lambda m: (m.start(), -(m.end() - m.start())))
    for match in matches:
        # Sorted by start: only the last date taken can overlap this one.
        if taken and match.start() < taken[-1][1]:
            continue
        date = _edtf(match, default_year)
        if date is None:
            continue
        taken.append((match.start(), match.end()))
        found.append(FoundDate(match.start(), match.end(), match.group(0), date))
    return sorted(found, key=lambda d: d.start)


_DIGITS = re.compile(r"\d+")
_BEFORE, _AFTER = 24, 32


def _all_matches(text: str) -> Iterator[re.Match[str]]:
    # Every date has digits: search only the stretches around them (month-name
    # alternations are slow to try at every position of a 10 MB text).
    for low, high in _windows(text):
        for pattern in _PATTERNS:
            yield from pattern.finditer(text, low, high)


def _windows(text: str) -> Iterator[tuple[int, int]]:
    low = high = -1
    for match in _DIGITS.finditer(text):
        start, end = max(0, match.start() - _BEFORE), min(len(text), match.end() + _AFTER)
        if start <= high:
            high = max(high, end)
            continue
        if high > low:
            yield low, high
        low, high = start, end
    if high > low:
        yield low, high


def _edtf(match: re.Match[str], default_year: int | None) -> str | None:
    groups = match.groupdict()
    if groups.get("mnum"):
        month = int(groups["mnum"])
    else:
        word = groups["month"].casefold().rstrip(".")
        month = _EN_MONTHS.get(word) or _CY_MONTHS.get(word) or _CY_EXTRA.get(word) or 0
    if not 1 <= month <= 12:
        return None
    year_text = groups.get("year")
    year = int(year_text) if year_text else default_year
    day_text = groups.get("day")
    if day_text is None:
        return f"{year:04d}-{month:02d}" if year else None
    day = int(day_text)
    if not 1 <= day <= _days_in(month, year):
        return None
    if (groups.get("month") or "").casefold() == "may" and not year_text and match.re is _PATTERNS[1]:
        return None  # "may 5" is too often a verb and a number
    if year is None:
        return f"XXXX-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _days_in(month: int, year: int | None) -> int:
    if month == 2:
        return 29 if year is None or (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def year_of(published: str | None) -> int | None:
    """The year of an EDTF-like published date (``2025-06-21`` -> 2025)."""
    if published:
        match = re.match(r"^(\d{4})", published.strip())
        if match:
            return int(match.group(1))
    return None
