"""casefile's one JSON writer: the bytes of ``json.dumps``, written by ``orjson``.

Every ``--json`` output is ``json.dumps(data, ensure_ascii=False, indent=2,
sort_keys=True)`` plus a newline; tests and users' scripts pin those bytes. The
standard library writes indented JSON in pure Python, which is most of a large
``list --json``; ``orjson`` writes the same bytes in C, except for:

- floats below 1e-4 (``1e-05`` vs ``0.00001``, ``1.5e-07`` vs ``1.5e-7``), which
  the output is scanned for; a hit (also text that merely looks like one) falls back;
- integers beyond 64 bits, non-text keys and other types orjson refuses: a fallback too.

The fallback is the standard library itself, so the bytes never change.
Bundle lines (``export json``) keep ``json.dumps``'s ``", "`` and ``": "``
separators, which orjson cannot write; that encoder is the standard library's C one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import IO, Any

import orjson

_PRETTY = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
# Where orjson's float text may differ from Python's repr: a plain 0.0000x, or a one-digit exponent.
_MAYBE_TINY_FLOAT = re.compile(rb"0\.0000|\de-\d(?!\d)")
STREAM_CHUNK = 1000


def pretty(data: Any) -> str:
    """``data`` as indented, key-sorted UTF-8 JSON with a final newline."""
    try:
        out = orjson.dumps(data, option=_PRETTY)
    except TypeError:  # orjson.JSONEncodeError is a TypeError: a value only json can write
        return _stdlib_pretty(data) + "\n"
    if _MAYBE_TINY_FLOAT.search(out):
        return _stdlib_pretty(data) + "\n"
    return out.decode("utf-8") + "\n"


def write_pretty(out: IO[str], data: Any) -> None:
    """Write :func:`pretty` of ``data`` to ``out``."""
    out.write(pretty(data))


def write_pretty_array(out: IO[str], items: Iterable[Any]) -> None:
    """Write ``list(items)`` as :func:`pretty` would, without holding the whole list.

    Items are encoded a chunk at a time; each chunk is a pretty array whose brackets
    are dropped, so the joined text is exactly the array's.
    """
    wrote = False
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= STREAM_CHUNK:
            wrote = _write_chunk(out, chunk, wrote)
            chunk = []
    if chunk:
        wrote = _write_chunk(out, chunk, wrote)
    out.write("\n]\n" if wrote else "[]\n")


def line(record: dict[str, Any]) -> str:
    """One bundle record on one line: sorted keys, UTF-8 text, Python's shortest float repr."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, allow_nan=False)


def _write_chunk(out: IO[str], chunk: list[Any], wrote: bool) -> bool:
    text = pretty(chunk)  # "[\n  {...},\n  {...}\n]\n"
    out.write(",\n" if wrote else "[\n")
    out.write(text[2:-3])
    return True


def _stdlib_pretty(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
