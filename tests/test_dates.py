"""EDTF parsing, bounds and ordering."""

from __future__ import annotations

import pytest

from casefile.dates import OPEN_LOWER, OPEN_UPPER, format_bound, parse_date
from casefile.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "lower", "upper", "marker"),
    [
        ("2025-06-21", "2025-06-21", "2025-06-21", ""),
        ("2025-06", "2025-06-01", "2025-06-30", ""),
        ("2024-02", "2024-02-01", "2024-02-29", ""),
        ("2025~", "2025-01-01", "2025-12-31", "approximate"),
        ("2025?", "2025-01-01", "2025-12-31", "uncertain"),
        ("2020/2021", "2020-01-01", "2021-12-31", ""),
        ("../2021-03", "..", "2021-03-31", "open"),
        ("2021-03/..", "2021-03-01", "..", "open"),
        ("2025-06-XX", "2025-06-01", "2025-06-30", ""),
        ("1982-09-11", "1982-09-11", "1982-09-11", ""),
    ],
)
def test_edtf_forms_keep_text_and_bounds(text: str, lower: str, upper: str, marker: str) -> None:
    parsed = parse_date(text)
    assert parsed.text == text
    assert format_bound(parsed.lower) == lower
    assert format_bound(parsed.upper) == upper
    assert parsed.marker == marker


def test_sorting_by_bounds_orders_mixed_precision() -> None:
    texts = ["2025-06-21", "2025", "../2021-03", "2020/2021", "2025-06", "2025-06-XX", "2024~", "-0100"]
    ordered = sorted((parse_date(t) for t in texts), key=lambda d: (d.lower, d.upper))
    assert [d.text for d in ordered] == [
        "../2021-03",
        "-0100",
        "2020/2021",
        "2024~",
        "2025",
        "2025-06",
        "2025-06-XX",
        "2025-06-21",
    ]
    assert ordered[0].lower == OPEN_LOWER
    assert parse_date("2021-03/..").upper == OPEN_UPPER


@pytest.mark.parametrize(
    "bad", ["", "   ", "yesterday", "2025-13-01", "2025-02-30", "21/06/2025", "2025-06-21x", "9" * 100]
)
def test_bad_dates_are_refused_with_a_sentence(bad: str) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_date(bad)
    message = str(err.value)
    assert message.endswith(".")
    assert "\n" not in message
