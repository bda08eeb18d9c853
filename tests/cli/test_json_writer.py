"""The one JSON writer gives exactly the standard library's bytes, streamed lists included."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casefile.jsonout import STREAM_CHUNK, pretty, write_pretty_array
from tests.conftest import Cli, run_casefile


def stdlib(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@pytest.mark.parametrize(
    "data",
    [
        [],
        {},
        {"b": [], "a": {}, "é": 'Ціханоўская \x1b[31m \u2028 "q" \\ \t\n\x00 😀', "n": None},
        [1, -2, 0.1, 53.9, 1e-05, 2.5e-05, -3e-06, 1.5e-07, 1e-10, 1e16, 1e300, True, False],
        {"big": 2**70, "tiny": 1e-7},
        {"text that looks like a float": "0.00001 and 5e-7"},
    ],
)
def test_pretty_is_byte_identical_to_json_dumps(data: Any) -> None:
    assert pretty(data) == stdlib(data)


@pytest.mark.parametrize("count", [0, 1, STREAM_CHUNK - 1, STREAM_CHUNK, 2 * STREAM_CHUNK + 3])
def test_a_streamed_array_is_the_array(count: int) -> None:
    items = [{"i": i, "name": f"Name {i} ё", "private": i % 2 == 0} for i in range(count)]
    out = io.StringIO()
    write_pretty_array(out, iter(items))
    assert out.getvalue() == stdlib(items)


def test_list_json_streams_every_row_in_order(cli: Cli) -> None:
    names = ["Zoe Ant", "Ales Bialiatski", "Maria Kalesnikava", "ales bialiatski"]
    for name in names:
        cli.ok("add", "person", name)
    whole = cli.ok("list", "--json").stdout
    rows = json.loads(whole)
    assert whole == stdlib(rows)
    assert [r["name"].lower() for r in rows] == ["ales bialiatski"] * 2 + ["maria kalesnikava", "zoe ant"]
    paged = cli.json("list", "--limit", "2")
    assert [r["id"] for r in paged["items"]] == [r["id"] for r in rows[:2]]
    process = run_casefile("list", "--json", db=cli.db)
    assert process.exit_code == 0
    assert process.stdout == whole


_SCALARS = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text()
_FLOATS = st.floats(allow_nan=False, allow_infinity=False)


@given(
    st.recursive(
        _SCALARS | _FLOATS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=20,
    )
)
def test_any_json_value_is_written_as_json_dumps_writes_it(data: Any) -> None:
    assert pretty(data) == stdlib(data)
