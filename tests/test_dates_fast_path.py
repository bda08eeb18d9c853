"""The date fast path gives exactly what the ``edtf`` parser gives, or steps aside."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casefile.dates import _parse_edtf, _plain_date
from casefile.errors import InvalidInput

SAMPLES = [
    "2025", "2025-06", "2025-06-21", "1985?", "1985~", "1985%", "1985-03?", "1985-03-12~",
    "2019-05-XX", "2019-XX", "2019-XX-XX", "2020-02-XX", "2019-02-29", "2024-02-29", "1900-02-XX",
    "../2019-05", "2019/..", "/2019", "2019/", "2018/2019", "2018-02/2019-03-04?",
    "1985-03-12%/2000~", "2019/2018", "0000", "1985-13", "1985-00", "1985-01-32", "1985-XX-12",
    "..", "/", "../..", "2019//2020", "-0100", "1985-1", "85", "2019-06-21T10:00",
]  # fmt: skip


def _reference(text: str) -> tuple[int, int] | str:
    try:
        parsed = _parse_edtf(text, text)
    except InvalidInput as exc:
        return exc.message
    return parsed.lower, parsed.upper


def _check(text: str) -> None:
    fast = _plain_date(text)
    if fast is not None:  # stepping aside is always allowed; answering must match the parser
        assert fast.text == text
        assert (fast.lower, fast.upper) == _reference(text), text


@pytest.mark.parametrize("text", SAMPLES)
def test_fast_path_agrees_with_the_parser_on_known_forms(text: str) -> None:
    _check(text)


def test_fast_path_answers_the_common_forms() -> None:
    for text in ("2025", "2025-06-21", "1985?", "2019-05-XX", "../2019-05", "2018/2019", "2019/"):
        assert _plain_date(text) is not None, text


_year = st.integers(min_value=1, max_value=2999).map(lambda y: f"{y:04d}")
_month = st.one_of(st.integers(min_value=0, max_value=13).map(lambda m: f"{m:02d}"), st.just("XX"))
_day = st.one_of(st.integers(min_value=0, max_value=32).map(lambda d: f"{d:02d}"), st.just("XX"))
_side = st.builds(
    lambda y, m, d, depth, q: y + ("-" + m if depth > 0 else "") + ("-" + d if depth > 1 else "") + q,
    _year, _month, _day, st.integers(min_value=0, max_value=2), st.sampled_from(["", "?", "~", "%"]),
)  # fmt: skip
_text = st.one_of(
    _side,
    st.builds(lambda a, b: f"{a}/{b}", st.one_of(_side, st.sampled_from(["", ".."])), st.one_of(_side, st.sampled_from(["", ".."]))),
)  # fmt: skip


@given(_text)
def test_fast_path_agrees_with_the_parser_on_generated_dates(text: str) -> None:
    _check(text)
