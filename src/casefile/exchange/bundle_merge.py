"""Merge bundle records into a case file by UUID, in chunks, with Core bulk statements.

Rules (see docs/exchange.md): a record whose UUID is new is added; one that exists
with the same content is left alone; one that exists with different content is
replaced only when the bundle's ``updated`` is later than the case file's. Nothing is
ever deleted, except an updated entity's tags, which follow the newer version. A new
record whose handle is taken by another UUID gets a fresh handle, reported.

Records are processed a chunk at a time, in the caller's single transaction: a bad
record anywhere raises ``BundleError`` and the caller rolls everything back. A record
that refers to a UUID not yet seen waits until the end of the stream, when every
record of the bundle is in; a reference that is still unknown then is an error.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NoReturn

from sqlalchemy import Table, bindparam, literal, select, update
from sqlmodel import Session

from casefile.clock import now_iso
from casefile.exchange.bundle_aliases import merge_aliases, replace_tags, same_content
from casefile.exchange.bundle_reader import Item
from casefile.exchange.bundle_rows import Rows, to_rows
from casefile.exchange.bundle_schema import BundleError, check_record
from casefile.exchange.evidence_bundle import store_evidence, store_mentions
from casefile.exchange.import_summary import Counts, ImportSummary, Renamed
from casefile.exchange.sections import ALIASES, BY_KEY, ENTITIES, NOTES, SECTIONS, Section, table_of
from casefile.storage import history, logged_tables
from casefile.storage.bulk import bulk_insert
from casefile.storage.engine import check_foreign_keys
from casefile.storage.handles import ENTITY_PREFIX, next_handle, reserve_at_least, split_handle
from casefile.storage.merged_ids import canonical_ids
from casefile.storage.search_index import TEXT_KINDS, insert_name_keys, reindex_names, reindex_texts
from casefile.storage.tables import MergedId, Tag
from casefile.text import one_line

CHUNK = 1000

Progress = Callable[[str, int], None]


@dataclass(slots=True)
class _Pending:
    index: int
    rows: Rows


class Merger:
    """Feed it bundle items in document order, then call ``finish``."""

    def __init__(self, session: Session, progress: Progress | None = None) -> None:
        self.session = session
        self.conn = session.connection()
        self.progress = progress
        self.counts = {s.key: Counts() for s in (ENTITIES, ALIASES, *SECTIONS[1:])}
        self.ids: dict[str, str] = {}  # every UUID of the bundle -> its section
        # UUIDs known to be in the case file now (this import's and older ones); entities -> kind.
        self.present: dict[str, dict[str, str]] = {s.key: {} for s in SECTIONS}
        self.buffer: list[_Pending] = []
        self.buffer_section: Section | None = None
        self.waiting: dict[str, list[_Pending]] = {s.key: [] for s in SECTIONS}
        self.renames: list[tuple[Section, str, str, str]] = []  # section, id, wanted, prefix
        self.top_number: dict[str, int] = {}
        self.canonical: dict[str, str] = {}  # entity UUID -> the entity standing for it now (merges)
        # Entities whose name keys / texts are rebuilt at the end, once their names and notes are in.
        self.touched_names: set[str] = set()
        self.touched_texts: set[str] = set()
        self.mentions: list[tuple[str, list[dict[str, Any]]]] = []  # written once every entity is in
        # Tables empty when the import began hold only this import's rows, whose UUIDs the
        # bundle never repeats: no need to look them up. Handles this import gave out:
        self.fresh = {s.key for s in (*SECTIONS, ALIASES) if self._empty(s.table)}
        self.claimed: dict[str, set[str]] = {s.key: set() for s in SECTIONS}
        merged = table_of(MergedId)
        self.any_merged = self.conn.execute(select(merged.c.old_id).limit(1)).first() is not None

    # -- intake -------------------------------------------------------------------------

    def feed(self, item: Item) -> None:
        """Validate one record and queue it; full chunks are written at once."""
        key, position, record = item
        section = BY_KEY[key]
        check_record(key, position, record)
        rows = to_rows(section, position, record)
        self._check_duplicate(section, position, rows)
        if self.buffer_section is not section:
            self._flush()
            self.buffer_section = section
        buffer = self.buffer
        buffer.append(_Pending(position, rows))
        if len(buffer) >= CHUNK:
            self._flush()

    def _check_duplicate(self, section: Section, index: int, rows: Rows) -> None:
        """A UUID names one record: never two, in one section or across sections and kinds."""
        ids = self.ids
        record_id = rows.row["id"]
        if record_id in ids:
            self._twice(record_id, section.key, f"{section.key}[{index}].id")
        ids[record_id] = section.key
        for position, alias in enumerate(rows.aliases):
            alias_id = alias["id"]
            if alias_id in ids:
                self._twice(alias_id, ALIASES.key, f"{section.key}[{index}].aliases[{position}].id")
            ids[alias_id] = ALIASES.key

    def _twice(self, record_id: str, key: str, path: str) -> NoReturn:
        holder = self.ids[record_id]
        where = "" if holder == key else f" (also as the id of a record in {holder})"
        raise BundleError(path, f"this UUID appears twice in the bundle{where}")

    def _check_foreign_ids(
        self, section: Section, added: list[dict[str, Any]], paths: Callable[[], dict[str, str]]
    ) -> None:
        """New records' UUIDs must not be the id of another kind of record in the case file.

        ``paths`` gives each UUID's place in the bundle, built only to name a clash.
        """
        others = [
            other
            for other in (*SECTIONS, ALIASES)
            if other is not section and other.key not in self.fresh and "id" in other.table.c
        ]
        if not others:  # every other table held only this import's records: nothing to clash with
            return
        ids = [row["id"] for row in added]
        for other in others:
            table = other.table
            clash = self.conn.execute(select(table.c.id).where(table.c.id.in_(ids)).limit(1)).scalar()
            if clash is not None:
                raise BundleError(
                    paths().get(clash, section.key),
                    f"{clash} is already the id of a record in this case file's {other.key}",
                )

    def _flush(self) -> None:
        if self.buffer_section is not None and self.buffer:
            self._merge(self.buffer_section, self.buffer, final=False)
        self.buffer = []

    def finish(self) -> ImportSummary:
        """Write what waited for later records, fix taken handles, and say what happened."""
        self._flush()
        self.buffer_section = None
        while any(self.waiting.values()):
            before = sum(len(v) for v in self.waiting.values())
            for section in SECTIONS:
                batch, self.waiting[section.key] = self.waiting[section.key], []
                for start in range(0, len(batch), CHUNK):
                    self._merge(section, batch[start : start + CHUNK], final=False)
            if sum(len(v) for v in self.waiting.values()) == before:
                for section in SECTIONS:
                    if self.waiting[section.key]:
                        self._merge(section, self.waiting[section.key][:1], final=True)
        store_mentions(self.conn, self.mentions, now_iso())
        # Search keys are derived data: rebuilt once per touched entity, after its names
        # and notes are all in, in the same transaction.
        reindex_names(self.conn, self.touched_names)
        reindex_texts(self.conn, self.touched_texts)
        renamed = self._fresh_handles()
        check_foreign_keys(self.conn)  # the import ran without SQLite's per-row checks
        return ImportSummary(self.counts, renamed)

    # -- one chunk ----------------------------------------------------------------------

    def _merge(self, section: Section, batch: list[_Pending], *, final: bool) -> None:
        ready = self._resolve_refs(section, self._follow_merges(section, batch), final=final)
        if not ready:
            return
        table = section.table
        existing = (
            {}
            if section.key in self.fresh
            else {
                row["id"]: dict(row)
                for row in self.conn.execute(
                    select(table).where(table.c.id.in_([p.rows.row["id"] for p in ready]))
                ).mappings()
            }
        )
        old_tags = self._tags(list(existing)) if section is ENTITIES else {}
        added: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        retagged: list[str] = []
        counts = self.counts[section.key]
        for pending in ready:
            row = pending.rows.row
            here = existing.get(row["id"])
            if here is None:
                added.append(row)
                continue
            same = same_content(row, here) and (
                section is not ENTITIES or sorted(old_tags.get(row["id"], [])) == pending.rows.tags
            )
            if same:
                counts.unchanged += 1
            elif row["updated"] > here["updated"]:
                changed.append(row)
                retagged.append(row["id"])
            else:
                counts.skipped += 1
        if added:
            self._check_foreign_ids(
                section, added, lambda: {p.rows.row["id"]: f"{section.key}[{p.index}].id" for p in ready}
            )
        if section.handle_prefix is not None:
            self._claim_handles(section, added)
        if added:
            bulk_insert(self.conn, table, added)
            counts.added += len(added)
        if changed:
            self._update(section, changed)
            counts.updated += len(changed)
        if section is ENTITIES:
            self._entity_keys(ready, {r["id"] for r in added}, set(retagged))
        elif section is NOTES:
            self.touched_texts.update(r["entity_id"] for r in (*added, *changed) if r["entity_id"])
        present = self.present[section.key]
        if not existing:  # the usual import: every record is new here
            present.update((p.rows.row["id"], p.rows.row.get("kind", "")) for p in ready)
        for pending in ready if existing else ():
            row = pending.rows.row
            kind = existing[row["id"]]["kind"] if section is ENTITIES and row["id"] in existing else ""
            present[row["id"]] = kind or row.get("kind", "")
        if self.progress is not None:
            self.progress(section.key, len(ready))

    def _entity_keys(self, ready: list[_Pending], added: set[str], changed: set[str]) -> None:
        """Merge aliases and tags; write the name keys of new entities, queue the others."""
        ready_rows = [p.rows for p in ready]
        replace_tags(self.conn, ready_rows, added, changed)
        aliases = [a for r in ready_rows for a in r.aliases]
        moved, added_aliases = (
            merge_aliases(
                self.conn,
                aliases,
                [r.row["id"] for r in ready_rows],
                counts=self.counts[ALIASES.key],
                fresh=ALIASES.key in self.fresh,
                check_ids=lambda new: self._check_foreign_ids(
                    ALIASES, new, lambda: {a["id"]: f"entities[].aliases ({a['id']})" for a in new}
                ),
                update_rows=lambda changed_rows: self._update(ALIASES, changed_rows),
            )
            if aliases
            else (set(), set())
        )
        inline: dict[str, list[str]] = {}
        touched_texts = self.touched_texts
        for pending in ready:
            rows = pending.rows
            row, aliases = rows.row, rows.aliases
            entity_id = row["id"]
            new = entity_id in added
            if new and (not aliases or all(a["id"] in added_aliases for a in aliases)):
                inline[entity_id] = [row["name"], *(a["name"] for a in aliases)] if aliases else [row["name"]]
            if row["kind"] in TEXT_KINDS and (new or entity_id in changed):
                touched_texts.add(entity_id)
            evidence = rows.evidence
            if evidence is None:
                continue
            if new or entity_id in changed:
                store_evidence(self.conn, entity_id, evidence, row["updated"])
                touched_texts.add(entity_id)
            if evidence["mentions"]:
                self.mentions.append((entity_id, evidence["mentions"]))
        insert_name_keys(self.conn, inline)
        self.touched_names |= (added | changed | moved) - inline.keys()

    def _empty(self, table: Table) -> bool:
        return self.conn.execute(select(literal(1)).select_from(table).limit(1)).first() is None

    def _follow_merges(self, section: Section, batch: list[_Pending]) -> list[_Pending]:
        """Map UUIDs merged away here (``casefile merge``) to the entity that kept them.

        A bundle written before a merge still names the merged-away entity: its own
        record is skipped (its names are already aliases of the kept one) and every
        reference to it points at the kept entity instead.
        """
        if not self.any_merged:  # nothing was ever merged in this case file: nothing to map
            return batch
        entity_refs = [ref.key for ref in section.refs if ref.section == ENTITIES.key]
        wanted = {p.rows.row["id"] for p in batch} if section is ENTITIES else set()
        wanted |= {v for p in batch for key in entity_refs if (v := p.rows.row.get(key)) is not None}
        unknown = wanted - self.canonical.keys()
        if unknown:
            self.canonical.update(canonical_ids(self.session, unknown))
        kept: list[_Pending] = []
        for pending in batch:
            row = pending.rows.row
            if section is ENTITIES and self.canonical[row["id"]] != row["id"]:
                self.counts[section.key].skipped += 1
                continue
            for key in entity_refs:
                if row.get(key) is not None:
                    row[key] = self.canonical[row[key]]
            kept.append(pending)
        return kept

    def _resolve_refs(self, section: Section, batch: list[_Pending], *, final: bool) -> list[_Pending]:
        """The records whose references all exist now; the others wait (or fail when final)."""
        if not section.refs:
            return batch
        present = self.present
        for ref in section.refs:  # look up, once per chunk, what is neither known nor None
            if ref.section in self.fresh:
                continue  # that table holds only this import's records, all known
            known = present[ref.section]
            wanted = {v for p in batch if (v := p.rows.row.get(ref.key)) is not None and v not in known}
            if wanted:
                self._load_present(ref.section, wanted)
        ready: list[_Pending] = []
        checks = [(ref, ref.key, present[ref.section], ref.kind) for ref in section.refs]
        for pending in batch:
            row = pending.rows.row
            missing = None
            for ref, key, known, wanted_kind in checks:
                value = row.get(key)
                if value is None:
                    continue
                kind = known.get(value)
                if kind is None:
                    missing = ref
                    break
                if wanted_kind is not None and kind != wanted_kind:
                    raise BundleError(
                        f"{section.key}[{pending.index}].{ref.key}",
                        f"{value} is a {kind}, not a {ref.kind}",
                    )
            if missing is None:
                ready.append(pending)
            elif final:
                raise BundleError(
                    f"{section.key}[{pending.index}].{missing.key}",
                    f"{row[missing.key]} is in neither the bundle's {missing.section} nor the case file",
                )
            else:
                self.waiting[section.key].append(pending)
        return ready

    def _load_present(self, target: str, wanted: set[str]) -> None:
        """Note which of ``wanted`` (UUIDs of ``target`` records) the case file holds."""
        table = BY_KEY[target].table
        columns = [table.c.id, table.c.kind] if target == ENTITIES.key else [table.c.id]
        for row in self.conn.execute(select(*columns).where(table.c.id.in_(sorted(wanted)))):
            self.present[target][row[0]] = row[1] if len(row) > 1 else ""

    def _claim_handles(self, section: Section, added: list[dict[str, Any]]) -> None:
        """Keep each new record's handle unless another record holds it already."""
        if not added:
            return
        table = section.table
        wanted = [row["handle"] for row in added]
        claimed = self.claimed[section.key]
        if section.key in self.fresh:
            taken = claimed.intersection(wanted)
        else:
            taken = set(self.conn.execute(select(table.c.handle).where(table.c.handle.in_(wanted))).scalars())
        top = self.top_number
        for row in added:
            handle = row["handle"]
            parsed = split_handle(handle)
            if parsed is None:
                prefix = _prefix(section, row)
            else:
                prefix, number = parsed
                if number > top.get(prefix, -1):
                    top[prefix] = number
            if handle in taken:
                row["handle"] = "~" + row["id"].replace("-", "")[:15]
                self.renames.append((section, row["id"], handle, prefix))
            taken.add(handle)
        claimed.update(row["handle"] for row in added)

    def _update(self, section: Section, rows: list[dict[str, Any]]) -> None:
        table = section.table
        columns = [c for c in rows[0] if c not in ("id", "handle")]
        recorder = history.current()
        if recorder is not None:  # replaced records keep their old values in the change log
            old = logged_tables.rows_by_key(self.conn, table, [r["id"] for r in rows])
            for r in rows:
                before = old.get(r["id"])
                if before is not None:
                    recorder.note(table, r["id"], before, {**before, **{c: r[c] for c in columns}})
        statement = update(table).where(table.c.id == bindparam("b_id"))
        self.conn.execute(statement, [{"b_id": r["id"], **{c: r[c] for c in columns}} for r in rows])

    def _tags(self, entity_ids: list[str]) -> dict[str, list[str]]:
        tags: dict[str, list[str]] = {}
        if not entity_ids:
            return tags
        tag = table_of(Tag)
        for entity_id, value in self.conn.execute(
            select(tag.c.entity_id, tag.c.tag).where(tag.c.entity_id.in_(entity_ids))
        ):
            tags.setdefault(entity_id, []).append(value)
        return tags

    # -- handles ------------------------------------------------------------------------

    def _fresh_handles(self) -> list[Renamed]:
        """Move counters past every imported handle, then number the displaced records."""
        for prefix, number in sorted(self.top_number.items()):
            reserve_at_least(self.session, prefix, number)
        renamed: list[Renamed] = []
        for section, record_id, wanted, prefix in self.renames:
            handle = next_handle(self.session, prefix)
            table = section.table
            self.conn.execute(update(table).where(table.c.id == record_id).values(handle=handle))
            renamed.append(Renamed(section.key, record_id, one_line(wanted, 20), handle))
        return renamed


def _prefix(section: Section, row: dict[str, Any]) -> str:
    if section is ENTITIES:
        return ENTITY_PREFIX[row["kind"]]
    return section.handle_prefix or ""


def merge_items(session: Session, items: Iterable[Item], progress: Progress | None = None) -> ImportSummary:
    """Merge every item into the case file inside the caller's transaction."""
    history.set_action("import")
    with _collector_paused():
        merger = Merger(session, progress)
        for item in items:
            merger.feed(item)
        return merger.finish()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while records stream in.

    An import keeps hundreds of thousands of small dicts and strings alive (rows, UUIDs
    seen), none in reference cycles: each collection would walk them all again for
    nothing (about a tenth of an import's CPU). They are freed by reference counting;
    the few cycles made meanwhile (SQLAlchemy's result objects) wait until the merge
    ends, when the collector runs again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
