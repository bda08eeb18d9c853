"""casefile's one JSON writer: the bytes of ``json.dumps``, written by ``orjson``.

Every ``--json`` output is ``json.dumps(data, ensure_ascii=False, indent=2,
sort_keys=True)`` plus a newline; tests and users' scripts pin those bytes. The
standard library writes indented JSON in pure Python, which is most of a large
``list --json``; ``orjson`` writes the same bytes in C, except for:

- floats below 1e-4 (``1e-05`` vs ``0.00001``, ``1.5e-07`` vs ``1.5e-7``): such a
  number token is found in the output and rewritten as Python's ``repr`` of it;
- integers beyond 64 bits, non-text keys and other types orjson refuses: these fall back
  to the standard library itself, so the bytes never change.
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
# A number whose orjson text differs from Python's repr: a plain 0.0000x or a one-digit negative
# exponent. Only a whole token counts: in indented output a number ends its line (before an
# optional comma) and follows a space or starts the text, while a string ends in a quote and
# never holds a raw newline; so text inside names and UUIDs ("4b7e-9818") never matches.
_TINY_FLOAT = re.compile(rb"(?m)(?:^|(?<= ))-?(?:0\.0000\d*|\d+(?:\.\d+)?e-\d)(?=,?$)")
# The cheap first look (a literal prefix, so the scan is fast): only a hit pays for the rewrite.
_ONE_DIGIT_EXPONENT = re.compile(rb"e-\d,?(?:\n|\Z)")
STREAM_CHUNK = 1000


def pretty(data: Any) -> str:
    """``data`` as indented, key-sorted UTF-8 JSON with a final newline."""
    try:
        out = orjson.dumps(data, option=_PRETTY)
    except TypeError:  # orjson.JSONEncodeError is a TypeError: a value only json can write
        return _stdlib_pretty(data) + "\n"
    if b"0.0000" in out or _ONE_DIGIT_EXPONENT.search(out):
        out = _TINY_FLOAT.sub(_python_float, out)
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


def _python_float(match: re.Match[bytes]) -> bytes:
    return repr(float(match.group())).encode("ascii")


def _stdlib_pretty(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
