"""Turn a schema-valid bundle record into table rows, checking what a schema cannot say.

Checks here: EDTF dates parse, an entity's handle fits its kind, names are not blank,
a note or citation is attached to exactly one record, nothing links to itself.
Derived columns (folded names, date bounds, a claim's ``value_key``) are computed here,
never read from the file; a claim's attribute is normalised as ``claim`` does. Times are
normalized to casefile's fixed-width form so they compare correctly as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from casefile.claim_values import parse_value
from casefile.dates import EdtfDate, parse_date
from casefile.errors import InvalidInput
from casefile.exchange.bundle_schema import BundleError
from casefile.exchange.evidence_bundle import evidence_of
from casefile.exchange.sections import ALIASES, CLAIMS, ENTITIES, LINKS, RESOLUTIONS, Section, column_of
from casefile.names import casefold_exact, name_keys
from casefile.storage.handles import ENTITY_PREFIX
from casefile.text import is_blank

_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$")


@dataclass(slots=True)
class Rows:
    """The rows of one bundle record: its own, plus an entity's aliases and tags."""

    row: dict[str, Any]
    aliases: list[dict[str, Any]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    evidence: dict[str, Any] | None = None  # a source's file, mentions and rejected names


def normalize_time(value: str) -> str:
    """``2025-06-21T10:00:00Z`` -> ``2025-06-21T10:00:00.000000Z`` (schema-valid input)."""
    if len(value) == 27 and value[19] == ".":  # already casefile's form
        return value
    match = _TIME.match(value)
    if match is None:  # pragma: no cover - the schema's pattern is the same
        return value
    fraction = (match.group(2) or "").ljust(6, "0")[:6]
    return f"{match.group(1)}.{fraction}Z"


def to_rows(section: Section, index: int, record: dict[str, Any]) -> Rows:
    """The rows for ``record``, the ``index``-th of ``section`` (already schema-valid)."""
    path = f"{section.key}[{index}]"
    row = _plain_row(section, record, path)
    if section.one_of and sum(1 for key in section.one_of if row.get(key)) != 1:
        raise BundleError(path, f"give exactly one of {', '.join(section.one_of)}")
    if section is ENTITIES:
        return _entity_rows(record, row, path)
    if section is LINKS and row["source_id"] == row["target_id"]:
        raise BundleError(f"{path}.target_id", "a link cannot join an entity to itself")
    if section is RESOLUTIONS and row["preferred_id"] == row["other_id"]:
        raise BundleError(f"{path}.other_id", "a claim cannot be preferred over itself")
    for key in ("role", "attribute", "body"):
        if key in row and is_blank(row[key]):
            raise BundleError(f"{path}.{key}", "the text is blank")
    if section is CLAIMS:
        _claim(row, path)
    return Rows(row)


def _claim(row: dict[str, Any], path: str) -> None:
    """A claim's derived key from its value (a stale key in the file would hide a conflict)."""
    from casefile.attributes import normalize_attribute

    try:
        row["attribute"] = normalize_attribute(row["attribute"])
    except InvalidInput as exc:
        raise BundleError(f"{path}.attribute", exc.message) from None
    row["value_key"] = parse_value(row["value"]).key


@cache
def _plan(
    section: Section,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str, str, str], ...], dict[str, None]]:
    """Bundle keys and their columns for plain fields; (key, text, lo, hi columns) for dates;
    every date column set to None (the row a record without dates starts from)."""
    plain = tuple((key, column_of(section, key)) for key in section.required) + section.optional
    dates = tuple((key, f"{p}_text", f"{p}_lo", f"{p}_hi") for key, p in section.dates)
    no_dates = dict.fromkeys(column for date in dates for column in date[1:])
    return tuple(k for k, _ in plain), tuple(c for _, c in plain), dates, no_dates


def _plain_row(section: Section, record: dict[str, Any], path: str) -> dict[str, Any]:
    keys, columns, dates, no_dates = _plan(section)
    get = record.get
    row: dict[str, Any] = dict(zip(columns, map(get, keys), strict=True))
    if dates:
        row.update(no_dates)
        for key, text_column, lo_column, hi_column in dates:
            text = get(key)
            if text is None:
                continue
            try:
                parsed = _date(text)
            except InvalidInput as exc:
                raise BundleError(f"{path}.{key}", exc.message) from None
            row[text_column] = parsed.text
            row[lo_column] = parsed.lower
            row[hi_column] = parsed.upper
    created, updated = row["created"], row["updated"]
    if len(created) != 27 or created[19] != ".":  # casefile's own form is the usual case
        row["created"] = normalize_time(created)
    if len(updated) != 27 or updated[19] != ".":
        row["updated"] = normalize_time(updated)
    return row


@lru_cache(maxsize=65536)
def _date(text: str) -> EdtfDate:
    """Dates repeat a lot in a case file: parse each distinct text once per import."""
    return parse_date(text)


def _entity_rows(record: dict[str, Any], row: dict[str, Any], path: str) -> Rows:
    prefix = ENTITY_PREFIX[row["kind"]]
    handle = row["handle"]
    if not (handle.startswith(prefix) and handle[len(prefix) :].isdigit()):
        raise BundleError(
            f"{path}.handle", f"{handle!r} is not a {row['kind']} handle ({prefix}1, {prefix}2...)"
        )
    _names(row, f"{path}.name")
    aliases = []
    for position, alias in enumerate(record["aliases"]):
        alias_row = _plain_row(ALIASES, alias, f"{path}.aliases[{position}]")
        _names(alias_row, f"{path}.aliases[{position}].name")
        alias_row["entity_id"] = row["id"]
        aliases.append(alias_row)
    tags = list(record["tags"])
    for position, tag in enumerate(tags):
        if " ".join(tag.split()) != tag:
            raise BundleError(f"{path}.tags[{position}]", "a tag is trimmed and single-spaced")
    return Rows(row, aliases, tags, evidence_of(record, path))


def _names(row: dict[str, Any], path: str) -> None:
    if is_blank(row["name"]):
        raise BundleError(path, "the name is blank")
    row["name_folded"] = name_keys(row["name"]).folded  # cached: the name keys are written next
    row["name_exact"] = casefold_exact(row["name"])
