"""Claim values: numbers, EDTF dates and text, normalised so equal statements compare equal.

``14`` and ``14.0`` are the same number; ``2025-06`` and ``2025-06-XX`` cover the same
days; ``Released`` and ``released`` are the same word. Two date values agree when the
days they cover overlap (``1982`` does not contradict ``1982-09-11``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from casefile.dates import EdtfDate, parse_date
from casefile.errors import CasefileError, InvalidInput

MAX_VALUE = 2_000

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# Only text that looks like a date is handed to the EDTF parser ("14" or "Minsk" never are).
_DATE_SHAPED = re.compile(r"^[\d.\[{/-][\dXx~?%/.,\[\]{}\s+:-]*$")


@dataclass(frozen=True, slots=True)
class ClaimValue:
    """A value as typed, its kind (number, date, text) and its comparison key."""

    text: str
    kind: str
    key: str
    number: Decimal | None = None
    date: EdtfDate | None = None


def check_value(value: str) -> str:
    """A claim's value is non-empty text of sane length."""
    cleaned = value.strip()
    if not cleaned:
        raise InvalidInput("A claim needs a value.")
    if len(cleaned) > MAX_VALUE:
        raise InvalidInput(f"A claim's value can be at most {MAX_VALUE} characters long.")
    if "\x00" in cleaned:
        raise InvalidInput("A claim's value cannot contain a NUL character.")
    return cleaned


@lru_cache(maxsize=4096)
def parse_value(text: str) -> ClaimValue:
    """Recognise a number, then an EDTF date, else text; build the comparison key."""
    cleaned = text.strip()
    number = _as_number(cleaned)
    if number is not None:
        return ClaimValue(cleaned, "number", f"n:{_number_text(number)}", number=number)
    date = _as_date(cleaned)
    if date is not None:
        return ClaimValue(cleaned, "date", f"d:{date.lower}/{date.upper}", date=date)
    return ClaimValue(cleaned, "text", f"t:{_fold_text(cleaned)}")


def values_agree(a: str, b: str) -> bool:
    """True when two values state the same thing (equal numbers, overlapping dates, equal text)."""
    left, right = parse_value(a), parse_value(b)
    if left.key == right.key:
        return True
    if left.kind == "number" and right.kind == "number":
        return False
    # "2025" is read as a number but is also a year: compare as dates when both can be dates.
    left_date = left.date or _as_date(left.text)
    right_date = right.date or _as_date(right.text)
    if left_date is not None and right_date is not None:
        return left_date.lower <= right_date.upper and right_date.lower <= left_date.upper
    return False


def periods_overlap(a: tuple[int | None, int | None], b: tuple[int | None, int | None]) -> bool:
    """True when two as-of periods overlap, or either is absent (then they may well overlap)."""
    a_lo, a_hi = a
    b_lo, b_hi = b
    if a_lo is None or a_hi is None or b_lo is None or b_hi is None:
        return True
    return a_lo <= b_hi and b_lo <= a_hi


def statements_conflict(
    value_a: str,
    period_a: tuple[int | None, int | None],
    value_b: str,
    period_b: tuple[int | None, int | None],
) -> bool:
    """Two statements on one subject conflict: their values disagree and their periods overlap."""
    return not values_agree(value_a, value_b) and periods_overlap(period_a, period_b)


def _as_number(text: str) -> Decimal | None:
    candidate = text.replace(",", "") if _GROUPED.match(text) else text
    if not _NUMBER.match(candidate):
        return None
    try:
        return Decimal(candidate)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None


def _number_text(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "+0") else text


@lru_cache(maxsize=4096)
def _as_date(text: str) -> EdtfDate | None:
    if not _DATE_SHAPED.match(text):
        return None
    try:
        return parse_date(text)
    except CasefileError:
        return None


def _fold_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())
