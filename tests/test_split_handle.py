"""``split_handle``'s fast path for ASCII handles gives the pattern's answer for any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from casefile.storage.handles import HANDLE_RE, split_handle


def _by_pattern(value: str) -> tuple[str, int] | None:
    match = HANDLE_RE.match(value.strip())
    return None if match is None else (match.group(1).upper(), int(match.group(2)))


HANDLE_LIKE = st.builds(
    lambda space, prefix, digits, tail: f"{space}{prefix}{digits}{tail}",
    st.sampled_from(["", " ", "\t"]),
    st.sampled_from(
        ["P", "p", "PL", "pl", "Pl", "O", "S", "E", "L", "N", "CI", "ci", "CL", "X", "", "PLL", "İ"]
    ),
    st.text(alphabet="0123456789١٢٣", max_size=11),
    st.sampled_from(["", " ", "\n", "x", "0"]),
)


@given(st.one_of(HANDLE_LIKE, st.text(max_size=14)))
def test_split_handle_agrees_with_the_pattern(value: str) -> None:
    assert split_handle(value) == _by_pattern(value)


def test_split_handle_reads_usual_handles() -> None:
    assert split_handle("PL12") == ("PL", 12)
    assert split_handle("pl12") == ("PL", 12)
    assert split_handle("CI7") == ("CI", 7)
    assert split_handle("P1234567890") is None  # ten digits: more than a handle holds
    assert split_handle("P") is None
