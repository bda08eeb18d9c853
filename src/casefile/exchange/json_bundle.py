"""Write a JSON bundle: every selected record by UUID, in a stable, diff-friendly layout.

The layout is fixed: ``format`` and ``version`` on the first line, then each section
in dependency order with one record per line (keys sorted, records sorted by UUID).
Identical data gives identical bytes, and ``git diff`` shows changed records.
Rows are read in keyset pages, so memory stays flat however large the case file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO, Any

from sqlalchemy import func, select
from sqlmodel import Session

from casefile.exchange.evidence_bundle import attach_evidence
from casefile.exchange.sections import (
    ALIASES,
    ENTITIES,
    FORMAT_NAME,
    FORMAT_VERSION,
    SECTIONS,
    Section,
    row_to_record,
    table_of,
)
from casefile.exchange.selection import Conditions, Selection, conditions
from casefile.jsonout import line
from casefile.storage.tables import Tag

PAGE = 2000
HEADER = f'{{"format": "{FORMAT_NAME}", "version": {FORMAT_VERSION},\n'

Progress = Callable[[str, int], None]


def encode(record: dict[str, Any]) -> str:
    """One record on one line: sorted keys, UTF-8 text, Python's shortest float repr."""
    return line(record)


def count_records(session: Session, selection: Selection) -> dict[str, int]:
    """How many records of each section an export of ``selection`` holds."""
    where = conditions(selection, session)
    counts: dict[str, int] = {}
    for section in SECTIONS:
        query = select(func.count()).select_from(section.table)
        condition = where.of(section.key)
        if condition is not None:
            query = query.where(condition)
        counts[section.key] = int(session.execute(query).scalar_one())
    return counts


def write_bundle(
    session: Session, out: IO[str], selection: Selection, progress: Progress | None = None
) -> dict[str, int]:
    """Write the bundle of ``selection`` to ``out``; return the records written per section."""
    where = conditions(selection, session)
    written: dict[str, int] = {}
    out.write(HEADER)
    for position, section in enumerate(SECTIONS):
        last = position == len(SECTIONS) - 1
        count = 0
        out.write(f'"{section.key}": [')
        for record in iter_records(session, section, where):
            out.write(",\n" if count else "\n")
            out.write(encode(record))
            count += 1
            if progress is not None and count % PAGE == 0:
                progress(section.key, PAGE)
        if progress is not None and count % PAGE:
            progress(section.key, count % PAGE)
        out.write("\n]" if count else "]")
        out.write("\n" if last else ",\n")
        written[section.key] = count
    out.write("}\n")
    return written


def iter_records(session: Session, section: Section, where: Conditions) -> Iterator[dict[str, Any]]:
    """The section's records in UUID order, read a page at a time."""
    table = section.table
    condition = where.of(section.key)
    key = _binary(session, table.c.id)
    after = ""
    while True:
        query = select(table).where(key > after).order_by(key).limit(PAGE)
        if condition is not None:
            query = query.where(condition)
        rows = session.execute(query).mappings().all()
        if not rows:
            return
        records = [row_to_record(section, row) for row in rows]
        if section is ENTITIES:
            _attach_names(session, records)
            _hide_left_out_places(session, records, where)
        yield from records
        after = rows[-1]["id"]


def _attach_names(session: Session, records: list[dict[str, Any]]) -> None:
    """Nest each entity's aliases (by UUID) and tags (sorted) into its record."""
    ids = [r["id"] for r in records]
    alias_table = ALIASES.table
    aliases: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for row in session.execute(select(alias_table).where(alias_table.c.entity_id.in_(ids))).mappings():
        aliases[row["entity_id"]].append(row_to_record(ALIASES, row))
    tag_table = table_of(Tag)
    tags: dict[str, list[str]] = {i: [] for i in ids}
    for entity_id, tag in session.execute(
        select(tag_table.c.entity_id, tag_table.c.tag).where(tag_table.c.entity_id.in_(ids))
    ):
        tags[entity_id].append(tag)
    # Sorted in Python, not SQL: collations differ between SQLite and PostgreSQL.
    for record in records:
        record["aliases"] = sorted(aliases[record["id"]], key=lambda a: str(a["id"]))
        record["tags"] = sorted(tags[record["id"]])
    attach_evidence(session.connection(), records)


def _hide_left_out_places(session: Session, records: list[dict[str, Any]], where: Conditions) -> None:
    """An event keeps its ``place_id`` only when that place is exported too."""
    if where.entities is None:
        return
    places = {r["place_id"] for r in records if "place_id" in r}
    if not places:
        return
    table = ENTITIES.table
    shown = set(
        session.execute(select(table.c.id).where(table.c.id.in_(sorted(places)), where.entities)).scalars()
    )
    for record in records:
        if record.get("place_id") not in (None, *shown):
            del record["place_id"]


def _binary(session: Session, column: Any) -> Any:
    """``column`` compared byte-wise on every backend (PostgreSQL collations skip dashes)."""
    return column.collate("C") if session.get_bind().dialect.name == "postgresql" else column
