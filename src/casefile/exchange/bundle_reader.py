"""Read a bundle record by record, each with its JSON path.

Bundles casefile writes have one record per line; they are read a line at a time,
so memory stays flat whatever the size (``read_lines``). Any other layout of valid
JSON (pretty-printed, hand-made) is loaded whole (``read_whole``). When the text is
not valid JSON, ``ijson`` walks it to name the path where it breaks.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import orjson

from casefile.exchange.bundle_schema import BundleError, explain, format_path, reference_validator
from casefile.exchange.json_bundle import HEADER
from casefile.exchange.sections import BY_KEY, FORMAT_NAME, FORMAT_VERSION


class Item(NamedTuple):
    """One record of a section, at ``section[index]`` (a tuple: a bundle has many)."""

    section: str
    position: int
    record: Any


class LayoutMismatch(Exception):
    """The file is not in casefile's line layout: read it whole instead."""


# A bundle is a regular file's path, or the bytes of standard input (held in memory, so a
# bundle piped into an encrypted case file is never spooled to disk as plaintext).
BundleSource = Path | bytes


@contextmanager
def open_source(source: BundleSource) -> Iterator[BinaryIO]:
    """The bundle's bytes: a regular file only (never a pipe or device), or the given bytes."""
    if isinstance(source, bytes):
        yield io.BytesIO(source)
        return
    from casefile.safe_files import open_regular

    with open_regular(source, what="bundle file") as handle:
        yield handle


def _size(source: BundleSource) -> int:
    return len(source) if isinstance(source, bytes) else source.stat().st_size


def _reject_constant(name: str) -> Any:
    raise BundleError("", f"{name} is not a number casefile accepts (JSON has no NaN or Infinity)")


def _parse_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise BundleError("", f"the number {text[:20]} is too large")
    return value


def read_lines(path: BundleSource) -> Iterator[Item]:
    """Records of a bundle in casefile's own layout; ``LayoutMismatch`` on any other."""
    try:
        yield from _lines(path)
    except UnicodeDecodeError:
        raise LayoutMismatch from None


_HEADER = HEADER.encode("utf-8")
_SECTION_ENDS = (b"]\n", b"],\n")


def _lines(path: BundleSource) -> Iterator[Item]:
    # Bytes, not text: orjson reads UTF-8 itself (and refuses bad UTF-8, which sends the
    # file to ``read_whole`` to be named), so no line is decoded or copied twice.
    with open_source(path) as handle:
        if handle.readline() != _HEADER:
            raise LayoutMismatch
        seen: set[str] = set()
        section: str | None = None
        index = 0
        finished = False
        loads = orjson.loads
        for line in handle:
            if section is not None:
                if line[:1] == b"{":
                    if line[-2:] == b",\n":
                        text = memoryview(line)[:-2]
                    elif line[-1:] == b"\n":
                        text = memoryview(line)[:-1]
                    else:
                        raise LayoutMismatch
                    try:
                        record = loads(text)
                    except orjson.JSONDecodeError:  # or what only ``json`` accepts: read it whole
                        raise LayoutMismatch from None
                    yield Item(section, index, record)
                    index += 1
                    continue
                if line in _SECTION_ENDS:
                    section = None
                    continue
                raise LayoutMismatch
            if finished:
                raise LayoutMismatch
            if line == b"}\n":
                finished = True
                continue
            section, empty = _section_start(line.decode("utf-8"), seen)
            if empty:
                section = None
            index = 0
        if not finished:
            raise LayoutMismatch


def _section_start(line: str, seen: set[str]) -> tuple[str, bool]:
    for suffix, empty in ((": [\n", False), (": [],\n", True), (": []\n", True)):
        if line.endswith(suffix):
            key = line[: -len(suffix)]
            name = key[1:-1] if len(key) > 2 and key[0] == key[-1] == '"' else ""
            if name not in BY_KEY or name in seen:
                raise LayoutMismatch
            seen.add(name)
            return name, empty
    raise LayoutMismatch


def read_whole(path: BundleSource) -> Iterator[Item]:
    """Records of a bundle in any layout of valid JSON (loaded whole)."""
    try:
        with open_source(path) as handle:
            document = json.load(handle, parse_constant=_reject_constant, parse_float=_parse_float)
    except UnicodeDecodeError as exc:
        raise BundleError("", f"the file is not UTF-8 text (byte offset {exc.start})") from None
    except RecursionError:
        raise BundleError("", "the JSON is nested too deeply (a bundle's records are shallow)") from None
    except ValueError as exc:
        if "digits" in str(exc) and "integer" in str(exc):
            raise BundleError(_broken_path(path), "a number has more digits than casefile accepts") from None
        raise _syntax_error(path, exc) from None
    yield from _items(document)


def _items(document: Any) -> Iterator[Item]:
    if not isinstance(document, dict):
        raise BundleError("", "a bundle is a JSON object with format 'casefile'")
    if document.get("format") != FORMAT_NAME:
        shown = repr(document["format"])[:60] if "format" in document else "missing"
        raise BundleError("format", f"this is not a casefile bundle (format is {shown})")
    version = document.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise BundleError(
            "version",
            f"it is version {version} and this casefile reads version {FORMAT_VERSION}; upgrade casefile",
        )
    top = {k: v for k, v in document.items() if k not in BY_KEY}
    problem = explain(reference_validator(), {**top, **{k: [] for k in BY_KEY if k in document}})
    if problem is not None:
        parts, reason = problem
        raise BundleError(format_path(parts), reason)
    for key, records in document.items():
        if key not in BY_KEY:
            continue
        if not isinstance(records, list):
            raise BundleError(key, "this must be an array of records")
        for index, record in enumerate(records):
            yield Item(key, index, record)


def _syntax_error(path: BundleSource, exc: ValueError) -> BundleError:
    """Name the path where the JSON text breaks (``ijson`` tracks it as it parses)."""
    where = _broken_path(path)
    detail = getattr(exc, "msg", str(exc))
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    position = f" (line {line}, column {column})" if line is not None else ""
    if "Expecting value: line 1 column 1" in str(exc) and _size(path) == 0:
        return BundleError("", "the file is empty")
    reason = f"the JSON text is broken or cut short: {detail.lower()}{position}"
    return BundleError(where, reason)


def _broken_path(path: BundleSource) -> str:
    import ijson

    frames: list[list[Any]] = []  # ["map", key or None] or ["array", index]
    try:
        with open_source(path) as handle:
            for _prefix, event, value in ijson.parse(handle, use_float=True):
                _track(frames, event, value)
    except Exception:  # any ijson error: the frames say where it stopped
        pass
    parts: list[str | int] = [f[1] for f in frames if f[1] is not None and f[1] != -1]
    return format_path(parts)


def _track(frames: list[list[Any]], event: str, value: Any) -> None:
    """Keep ``frames`` as the path of the value being parsed."""
    if event == "map_key":
        frames[-1][1] = value
    elif event in ("end_map", "end_array"):
        frames.pop()
    else:
        if frames and frames[-1][0] == "array":
            frames[-1][1] += 1
        if event == "start_map":
            frames.append(["map", None])
        elif event == "start_array":
            frames.append(["array", -1])
