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
    # The record's JSON path is spelled out only for an error: an import makes rows for
    # hundreds of thousands of records.
    row = _plain_row(section, record, section.key, index)
    if section.one_of and sum(1 for key in section.one_of if row.get(key)) != 1:
        raise BundleError(f"{section.key}[{index}]", f"give exactly one of {', '.join(section.one_of)}")
    if section is ENTITIES:
        return _entity_rows(record, row, index)
    if section is LINKS and row["source_id"] == row["target_id"]:
        raise BundleError(f"{section.key}[{index}].target_id", "a link cannot join an entity to itself")
    if section is RESOLUTIONS and row["preferred_id"] == row["other_id"]:
        raise BundleError(f"{section.key}[{index}].other_id", "a claim cannot be preferred over itself")
    for key in ("role", "attribute", "body"):
        if key in row and is_blank(row[key]):
            raise BundleError(f"{section.key}[{index}].{key}", "the text is blank")
    if section is CLAIMS:
        _claim(row, f"{section.key}[{index}]")
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


def _plain_row(section: Section, record: dict[str, Any], key_path: str, index: int) -> dict[str, Any]:
    """``record``'s columns; ``key_path``/``index`` say where it is (``entities`` and 3, or
    ``entities[3].aliases`` and 0), spelled out only for a bad date."""
    keys, columns, dates, no_dates = _plan(section)
    get = record.get
    row: dict[str, Any] = dict(zip(columns, map(get, keys), strict=False))  # equal lengths by construction
    if dates:
        row.update(no_dates)
        for key, text_column, lo_column, hi_column in dates:
            text = get(key)
            if text is None:
                continue
            try:
                parsed = _date(text)
            except InvalidInput as exc:
                raise BundleError(f"{key_path}[{index}].{key}", exc.message) from None
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


def _entity_rows(record: dict[str, Any], row: dict[str, Any], index: int) -> Rows:
    prefix = ENTITY_PREFIX[row["kind"]]
    handle = row["handle"]
    if not (handle.startswith(prefix) and handle[len(prefix) :].isdigit()):
        raise BundleError(
            f"entities[{index}].handle", f"{handle!r} is not a {row['kind']} handle ({prefix}1, {prefix}2...)"
        )
    if not _names(row):
        raise BundleError(f"entities[{index}].name", "the name is blank")
    aliases = []
    entity_id = row["id"]
    for position, alias in enumerate(record["aliases"]):
        alias_row = _plain_row(ALIASES, alias, f"entities[{index}].aliases", position)
        if not _names(alias_row):
            raise BundleError(f"entities[{index}].aliases[{position}].name", "the name is blank")
        alias_row["entity_id"] = entity_id
        aliases.append(alias_row)
    tags = list(record["tags"])
    for position, tag in enumerate(tags):
        if " ".join(tag.split()) != tag:
            raise BundleError(f"entities[{index}].tags[{position}]", "a tag is trimmed and single-spaced")
    evidence = None
    if "file" in record or record.get("mentions") or record.get("rejected"):
        evidence = evidence_of(record, f"entities[{index}]")
    return Rows(row, aliases, tags, evidence)


def _names(row: dict[str, Any]) -> bool:
    """Set the row's derived name columns; False (and nothing set) when its name is blank."""
    name = row["name"]
    if is_blank(name):
        return False
    row["name_folded"] = name_keys(name).folded  # cached: the name keys are written next
    row["name_exact"] = casefold_exact(name)
    return True
