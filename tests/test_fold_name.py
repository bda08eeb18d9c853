"""``fold_name`` (cached per word, used for name keys) folds exactly as ``fold`` does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from casefile.names import fold, fold_name

PIECES = [
    "Ціханоўская",
    "O'Brien",
    "Ol’ga",
    " ",
    "  ",
    "-",
    "İstanbul",
    "ß",
    "\u0301",
    "\u00a0",
    "x\u0301",
    "'",
    "Łukasz",
    "12",
    "ʼ",
]


@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=8))
@settings(max_examples=400, deadline=None)
def test_fold_name_is_fold(parts: list[str]) -> None:
    name = "".join(parts)
    assert fold_name(name) == fold(name)


def test_known_names() -> None:
    for name in ("Sviatlana  Tsikhanouskaya", " Ol'ga -- Ivanova ", "Підʼярний", "", "   "):
        assert fold_name(name) == fold(name)
