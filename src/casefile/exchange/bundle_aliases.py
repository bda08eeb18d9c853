"""Merging an imported entity's aliases (by their own UUID) and tags (the newer version's)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Connection, delete, select

from casefile.exchange.bundle_rows import Rows
from casefile.exchange.import_summary import Counts
from casefile.exchange.sections import ALIASES, table_of
from casefile.storage import history, logged_tables
from casefile.storage.bulk import bulk_insert
from casefile.storage.tables import Tag

# Columns that never decide whether two versions of a record say the same thing.
DERIVED = frozenset({"id", "handle", "name_folded", "name_exact"})

RowsAction = Callable[[list[dict[str, Any]]], None]


def same_content(row: dict[str, Any], here: dict[str, Any]) -> bool:
    """Equal content: every stored fact but the handle and derived keys."""
    return all(here.get(column) == value for column, value in row.items() if column not in DERIVED)


def replace_tags(conn: Connection, rows: Iterable[Rows], added: set[str], replaced: set[str]) -> None:
    """New entities get the bundle's tags; replaced ones drop theirs first, then take the bundle's."""
    tag = table_of(Tag)
    if replaced:
        ids = sorted(replaced)
        recorder = history.current()
        if recorder is not None:
            recorder.deleting(conn, tag, logged_tables.select_rows(conn, tag, tag.c.entity_id.in_(ids)))
        conn.execute(delete(tag).where(tag.c.entity_id.in_(ids)))
    new_tags = [
        {"entity_id": r.row["id"], "tag": t}
        for r in rows
        if r.row["id"] in added or r.row["id"] in replaced
        for t in r.tags
    ]
    if new_tags:
        bulk_insert(conn, tag, new_tags)


def merge_aliases(
    conn: Connection,
    aliases: list[dict[str, Any]],
    entity_ids: list[str],
    *,
    counts: Counts,
    fresh: bool,
    check_ids: RowsAction,
    update_rows: RowsAction,
) -> tuple[set[str], set[str]]:
    """Add new aliases, replace older ones, skip a name the entity holds under another UUID.

    ``fresh``: the alias table held nothing before this import. ``check_ids`` refuses new
    UUIDs that name another kind of record; ``update_rows`` replaces changed aliases.
    Returns the entities whose stored aliases changed, and the UUIDs of aliases added.
    """
    table = ALIASES.table
    existing: dict[str, dict[str, Any]] = {}
    names: dict[tuple[str, str], str] = {}
    if not fresh:  # else only this import's aliases exist: none of these
        existing = {
            row["id"]: dict(row)
            for row in conn.execute(
                select(table).where(table.c.id.in_([a["id"] for a in aliases]))
            ).mappings()
        }
        names = {
            (row[1], row[2]): row[0]
            for row in conn.execute(
                select(table.c.id, table.c.entity_id, table.c.name).where(table.c.entity_id.in_(entity_ids))
            )
        }
    added: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for alias in aliases:
        here = existing.get(alias["id"])
        holder = names.get((alias["entity_id"], alias["name"]))
        if holder is not None and holder != alias["id"]:
            counts.skipped += 1  # the entity has this name already, under another UUID
        elif here is None:
            added.append(alias)
            names[(alias["entity_id"], alias["name"])] = alias["id"]
        elif same_content(alias, here):
            counts.unchanged += 1
        elif alias["updated"] > here["updated"]:
            changed.append(alias)
            names[(alias["entity_id"], alias["name"])] = alias["id"]
        else:
            counts.skipped += 1
    if added:
        check_ids(added)
        bulk_insert(conn, table, added)
        counts.added += len(added)
    if changed:
        update_rows(changed)
        counts.updated += len(changed)
    # An alias that moved to another entity takes a name from its old one too.
    moved = {existing[a["id"]]["entity_id"] for a in changed}
    return {a["entity_id"] for a in (*added, *changed)} | moved, {a["id"] for a in added}
