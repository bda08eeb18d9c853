"""The sections of a bundle and how each maps to a table: bundle keys <-> columns.

Derived columns (folded names, EDTF bounds) never go into a bundle: import computes
them again from the data, so a bundle carries each fact exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table

from casefile.storage.tables import Alias, Citation, Claim, ClaimResolution, Entity, Link, Note

FORMAT_NAME = "casefile"
FORMAT_VERSION = 1


def table_of(model: Any) -> Table:
    """The SQLAlchemy Core table behind a SQLModel class."""
    table: Table = model.__table__
    return table


@dataclass(frozen=True, slots=True)
class Ref:
    """A field holding the UUID of another record."""

    key: str
    section: str  # the section the UUID must name a record of
    kind: str | None = None  # for entity refs: the kind it must have


@dataclass(frozen=True, slots=True, eq=False)  # identity hash: sections are singletons, hashed often
class Section:
    """One array of a bundle: its table, plain fields, EDTF dates and references."""

    key: str
    model: Any
    handle_prefix: str | None  # None: no handle (aliases, resolutions); "" : depends on kind (entities)
    required: tuple[str, ...]  # (bundle key, column) pairs always written
    optional: tuple[tuple[str, str], ...]  # (bundle key, column) written only when not null
    dates: tuple[tuple[str, str], ...]  # (bundle key, column prefix): EDTF text + derived bounds
    refs: tuple[Ref, ...]
    one_of: tuple[str, ...] = ()  # exactly one of these refs must be set

    @property
    def table(self) -> Table:
        return table_of(self.model)


ENTITIES = Section(
    key="entities",
    model=Entity,
    handle_prefix="",
    required=("id", "handle", "kind", "name", "summary", "private", "created", "updated"),
    optional=(
        ("status", "status"),
        ("type", "category"),
        ("country", "country"),
        ("latitude", "latitude"),
        ("longitude", "longitude"),
        ("url", "url"),
        ("publisher", "publisher"),
        ("author", "author"),
        ("reliability", "reliability"),
        ("file_path", "file_path"),
        ("file_sha256", "file_sha256"),
        ("place_id", "place_id"),
    ),
    dates=(("born", "born"), ("published", "published"), ("accessed", "accessed"), ("date", "date")),
    refs=(Ref("place_id", "entities", "place"),),
)
ALIASES = Section(
    key="aliases",
    model=Alias,
    handle_prefix=None,
    required=("id", "name", "kind", "created", "updated"),
    optional=(("lang", "lang"), ("script", "script"), ("scheme", "scheme")),
    dates=(),
    refs=(),
)
LINKS = Section(
    key="links",
    model=Link,
    handle_prefix="L",
    required=("id", "handle", "source_id", "target_id", "role", "created", "updated"),
    optional=(("note", "note"),),
    dates=(("date", "date"),),
    refs=(Ref("source_id", "entities"), Ref("target_id", "entities")),
)
NOTES = Section(
    key="notes",
    model=Note,
    handle_prefix="N",
    required=("id", "handle", "body", "private", "created", "updated"),
    optional=(("entity_id", "entity_id"), ("link_id", "link_id")),
    dates=(),
    refs=(Ref("entity_id", "entities"), Ref("link_id", "links")),
    one_of=("entity_id", "link_id"),
)
CLAIMS = Section(
    key="claims",
    model=Claim,
    handle_prefix="CL",
    required=("id", "handle", "entity_id", "attribute", "value", "value_key", "created", "updated"),
    optional=(
        ("source_id", "source_id"),
        ("locator", "locator"),
        ("quote", "quote"),
        ("credibility", "credibility"),
        ("note", "note"),
    ),
    dates=(("as_of", "as_of"),),
    refs=(Ref("entity_id", "entities"), Ref("source_id", "entities", "source")),
)
CITATIONS = Section(
    key="citations",
    model=Citation,
    handle_prefix="CI",
    required=("id", "handle", "source_id", "created", "updated"),
    optional=(
        ("entity_id", "entity_id"),
        ("link_id", "link_id"),
        ("note_id", "note_id"),
        ("claim_id", "claim_id"),
        ("locator", "locator"),
        ("quote", "quote"),
        ("credibility", "credibility"),
    ),
    dates=(),
    refs=(
        Ref("source_id", "entities", "source"),
        Ref("entity_id", "entities"),
        Ref("link_id", "links"),
        Ref("note_id", "notes"),
        Ref("claim_id", "claims"),
    ),
    one_of=("entity_id", "link_id", "note_id", "claim_id"),
)
RESOLUTIONS = Section(
    key="claim_resolutions",
    model=ClaimResolution,
    handle_prefix=None,
    required=("id", "preferred_id", "other_id", "created", "updated"),
    optional=(("note", "note"),),
    dates=(),
    refs=(Ref("preferred_id", "claims"), Ref("other_id", "claims")),
)

# Dependency order: every section refers only to sections before it (entities may
# refer to other entities). Exports write them in this order.
SECTIONS: tuple[Section, ...] = (ENTITIES, LINKS, NOTES, CLAIMS, CITATIONS, RESOLUTIONS)
BY_KEY: dict[str, Section] = {s.key: s for s in SECTIONS}


def row_to_record(section: Section, row: Any) -> dict[str, Any]:
    """A database row (mapping) as a bundle record, nulls left out."""
    record: dict[str, Any] = {}
    for key in section.required:
        record[key] = row[column_of(section, key)]
    for key, column in section.optional:
        value = row[column]
        if value is not None:
            record[key] = value
    for key, prefix in section.dates:
        value = row[f"{prefix}_text"]
        if value is not None:
            record[key] = value
    if "private" in record:
        record["private"] = bool(record["private"])
    return record


def column_of(section: Section, key: str) -> str:
    """The column behind a required bundle key (an alias's ``kind`` is ``alias_kind``)."""
    return "alias_kind" if section is ALIASES and key == "kind" else key
