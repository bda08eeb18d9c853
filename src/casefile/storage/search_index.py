"""Derived search data kept next to the names and texts it comes from.

The name index holds the folded words and skeletons of every entity name and alias.
On SQLite it is the FTS5 table ``name_fts`` (rowid = the entity's rowid, one text of
terms: ``t<word>``, ``s<skeleton>``, ``w<whole-name skeleton>``; ``detail=none``),
which is a fifth of the size of a row-per-key table and several times faster to
fill; elsewhere (PostgreSQL) it is the ``name_key`` table. :func:`key_lookup` and
:func:`entities_with_keys` answer "which entities have a name with this key" on both.
The texts of sources and events (summary, notes) go to SQLite FTS5 (``text_fts``)
where the build has it, otherwise to the portable ``text_word`` table. Both are
rebuilt per entity: by the ORM flush hook below for every write made through
casefile's ``CasefileSession``, and by :func:`reindex` for bulk writers that use
Core inserts (importers, merge) — call it with the ids they touched, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import Connection, delete, event, insert, inspect, select, text
from sqlalchemy.orm import Session

from casefile.names import fold, name_keys, prefix_upper_bound
from casefile.storage.bulk import bulk_insert
from casefile.storage.session import CasefileSession
from casefile.storage.tables import Alias, Entity, NameKey, Note, SourceFile, TextDoc, TextWord

TEXT_KINDS = ("source", "event")
FTS_TABLE = "text_fts"
NAME_FTS = "name_fts"
CHUNK = 500
_FTS_CACHE_KEY = "casefile_has_fts"
_NAME_FTS_CACHE_KEY = "casefile_has_name_fts"
# Terms are [0-9a-z] words with a one-letter field prefix; ``_`` joins a whole-name skeleton's words.
NAME_FTS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {NAME_FTS} USING fts5("
    "keys, detail=none, columnsize=0, tokenize=\"ascii tokenchars '_'\")"
)
NAME_FTS_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS entity_name_fts_delete AFTER DELETE ON entity "
    f"BEGIN DELETE FROM {NAME_FTS} WHERE rowid = old.rowid; END"
)
SOURCE_FILE_CACHE_KEY = "casefile_has_source_file"

_entity = Entity.__table__  # type: ignore[attr-defined]
_alias = Alias.__table__  # type: ignore[attr-defined]
_note = Note.__table__  # type: ignore[attr-defined]
_name_key = NameKey.__table__  # type: ignore[attr-defined]
_text_doc = TextDoc.__table__  # type: ignore[attr-defined]
_text_word = TextWord.__table__  # type: ignore[attr-defined]
_source_file = SourceFile.__table__  # type: ignore[attr-defined]


def include_name(name: str | None, type_: str, _parents: Any = None) -> bool:
    """Alembic filter: the FTS5 table and its shadow tables are not part of the models."""
    return not (type_ == "table" and name is not None and (name.startswith((FTS_TABLE, NAME_FTS))))


def chunks(items: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    """``items`` in slices small enough for an ``IN (...)`` list on every backend."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def name_key_rows(entity_id: str, names: Iterable[str]) -> list[dict[str, Any]]:
    """The ``name_key`` rows of one entity's names (duplicates dropped)."""
    seen: set[tuple[str, str]] = set()
    for name in names:
        keys = name_keys(name)
        seen.update(zip(keys.tokens, keys.skeletons, strict=True))
        if keys.tokens:
            seen.add(("", keys.whole_skeleton))
    return [{"entity_id": entity_id, "token": t, "skeleton": s} for t, s in sorted(seen)]


@lru_cache(maxsize=65_536)
def name_terms(name: str) -> tuple[str, ...]:
    """The ``name_fts`` terms of one name (cached: names repeat across a case file)."""
    keys = name_keys(name)
    terms = [f"t{t}" for t in keys.tokens]
    terms += [f"s{s}" for s in keys.skeletons if s]
    if keys.tokens and keys.whole_skeleton:
        terms.append("w" + keys.whole_skeleton.replace(" ", "_"))
    return tuple(dict.fromkeys(terms))


def terms_text(names: Iterable[str]) -> str:
    """One entity's ``name_fts`` text: the terms of all its names, each once."""
    terms: dict[str, None] = {}
    for name in names:
        terms.update(dict.fromkeys(name_terms(name)))
    return " ".join(terms)


def create_name_fts(conn: Connection) -> bool:
    """Create the FTS5 name index and its clean-up trigger on SQLite; False where FTS5 is missing."""
    if conn.dialect.name != "sqlite":
        return False
    try:
        conn.exec_driver_sql(NAME_FTS_DDL)
    except Exception:  # an SQLite build without FTS5: name_key does the job
        conn.info[_NAME_FTS_CACHE_KEY] = False
        return False
    conn.info[_NAME_FTS_CACHE_KEY] = True
    conn.exec_driver_sql(NAME_FTS_TRIGGER)
    return True


def has_name_fts(conn: Connection) -> bool:
    """True when this case file keeps its name index in SQLite FTS5 (``name_fts``)."""
    return conn.dialect.name == "sqlite" and _has_table(conn, NAME_FTS, _NAME_FTS_CACHE_KEY)


@dataclass(frozen=True, slots=True)
class KeyLookup:
    """One name-index lookup: a folded word or a skeleton, exactly or as a prefix."""

    field: Literal["token", "skeleton"]
    value: str
    prefix: bool = False


def key_lookup(conn: Connection, lookup: KeyLookup, param: str, limit: int) -> tuple[str, dict[str, Any]]:
    """SQL selecting ``entity_id`` of at most ``limit`` entities having ``lookup``, and its parameters.

    Parameter names start with ``param``, so several lookups fit in one statement (a UNION).
    A prefix lookup of a word also finds the word itself on SQLite, not on the ``name_key`` path.
    """
    if has_name_fts(conn):
        mark = "t" if lookup.field == "token" else "s"
        # Terms are [0-9a-z] only (folded), so quoting makes a safe FTS5 query.
        match = f'"{mark}{lookup.value}"' + ("*" if lookup.prefix else "")
        sql = (
            f"SELECT e.id AS entity_id FROM entity AS e WHERE e.rowid IN "
            f"(SELECT rowid FROM {NAME_FTS} WHERE {NAME_FTS} MATCH :{param} LIMIT {limit})"
        )
        return sql, {param: match}
    column = lookup.field
    if not lookup.prefix:
        return f"SELECT entity_id FROM name_key WHERE {column} = :{param} LIMIT {limit}", {
            param: lookup.value
        }
    upper = prefix_upper_bound(lookup.value)
    low = ">" if column == "token" else ">="  # a word prefix finds longer words; a stem, itself too
    if upper is None:
        sql = f"SELECT entity_id FROM name_key WHERE {column} {low} :{param} LIMIT {limit}"
        return sql, {param: lookup.value}
    sql = (
        f"SELECT entity_id FROM name_key WHERE {column} {low} :{param} AND {column} < :{param}u LIMIT {limit}"
    )
    return sql, {param: lookup.value, f"{param}u": upper}


def entities_with_keys(conn: Connection, lookups: Sequence[KeyLookup], limit: int = 1000) -> dict[str, int]:
    """Which entities have a name matching each of ``lookups``: entity id -> how many matched.

    For a mention finder: ``KeyLookup("token", "tsikhanouskaya")`` per word of a text, or
    ``KeyLookup("skeleton", skeleton(word))`` to tolerate romanisations.
    """
    found: dict[str, int] = {}
    for lookup in lookups:
        sql, params = key_lookup(conn, lookup, "k", limit)
        for entity_id in set(conn.execute(text(sql), params).scalars()):
            found[entity_id] = found.get(entity_id, 0) + 1
    return found


def whole_name_rows(conn: Connection) -> Iterator[tuple[str, str, Any, Any, list[str]]]:
    """Every entity's (id, kind, born_lo, born_hi, terms) from ``name_fts`` (duplicate detection)."""
    statement = (
        f"SELECT e.id, e.kind, e.born_lo, e.born_hi, f.keys FROM {NAME_FTS} AS f "
        "JOIN entity AS e ON e.rowid = f.rowid"
    )
    for entity_id, kind, born_lo, born_hi, keys in conn.exec_driver_sql(statement):
        yield entity_id, kind, born_lo, born_hi, keys.split()


def create_fts(conn: Connection) -> bool:
    """Create the FTS5 table and its clean-up trigger on SQLite; False where FTS5 is missing."""
    if conn.dialect.name != "sqlite":
        return False
    try:
        conn.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(body)"))
    except Exception:  # an SQLite build without FTS5: the portable table does the job
        conn.info[_FTS_CACHE_KEY] = False
        return False
    conn.info[_FTS_CACHE_KEY] = True
    conn.execute(
        text(
            "CREATE TRIGGER IF NOT EXISTS text_doc_fts_delete AFTER DELETE ON text_doc "
            f"BEGIN DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END"
        )
    )
    return True


def has_fts(conn: Connection) -> bool:
    """True when this case file keeps its texts in SQLite FTS5."""
    return conn.dialect.name == "sqlite" and _has_table(conn, FTS_TABLE, _FTS_CACHE_KEY)


def _has_source_file(conn: Connection) -> bool:
    return _has_table(conn, "source_file", SOURCE_FILE_CACHE_KEY)


def _has_table(conn: Connection, name: str, cache_key: str) -> bool:
    """Whether table ``name`` exists, asked once per connection (cached in ``conn.info``)."""
    cached = conn.info.get(cache_key)
    if cached is None:
        cached = inspect(conn).has_table(name)
        conn.info[cache_key] = cached
    return bool(cached)


def reindex(conn: Connection, entity_ids: Iterable[str]) -> None:
    """Rebuild the name keys and texts of ``entity_ids`` (missing ids are skipped)."""
    ids = set(entity_ids)  # read twice below: an iterator would be spent by the first
    reindex_names(conn, ids)
    reindex_texts(conn, ids)


def reindex_names(conn: Connection, entity_ids: Iterable[str]) -> None:
    """Rebuild the name keys of ``entity_ids`` from their names and aliases as stored."""
    for part in chunks(sorted(set(entity_ids))):
        _reindex_names(conn, part)


def reindex_texts(conn: Connection, entity_ids: Iterable[str]) -> None:
    """Rebuild the searchable texts of ``entity_ids`` (only sources and events have them)."""
    fts = has_fts(conn)
    for part in chunks(sorted(set(entity_ids))):
        _reindex_texts(conn, part, fts)


def insert_name_keys(conn: Connection, names: dict[str, list[str]]) -> None:
    """Add the keys of entities that have none yet, from names the caller holds (bulk import)."""
    if not names:
        return
    if has_name_fts(conn):
        rowids = _rowids(conn, list(names))
        conn.exec_driver_sql(
            f"INSERT INTO {NAME_FTS}(rowid, keys) VALUES (?, ?)",
            [(rowids[entity_id], terms_text(group)) for entity_id, group in names.items()],
        )
        return
    rows = [row for entity_id, group in names.items() for row in name_key_rows(entity_id, group)]
    bulk_insert(conn, _name_key, rows)


def _rowids(conn: Connection, ids: Sequence[str]) -> dict[str, int]:
    """Entity UUID -> rowid (SQLite only): plain driver SQL, an import asks for every entity."""
    found: dict[str, int] = {}
    for part in chunks(ids):
        marks = ",".join("?" * len(part))
        rows = conn.exec_driver_sql(f"SELECT id, rowid FROM entity WHERE id IN ({marks})", tuple(part))
        found.update((r[0], r[1]) for r in rows)
    return found


def rebuild_all(conn: Connection) -> None:
    """Rebuild every key (a migration, or after the key algorithm changes)."""
    conn.execute(delete(_name_key))
    conn.execute(delete(_text_doc))
    if has_name_fts(conn):
        conn.exec_driver_sql(f"DELETE FROM {NAME_FTS}")
    if has_fts(conn):
        conn.execute(text(f"DELETE FROM {FTS_TABLE}"))
    last = ""
    while True:
        ids = list(
            conn.execute(
                select(_entity.c.id).where(_entity.c.id > last).order_by(_entity.c.id).limit(CHUNK)
            ).scalars()
        )
        if not ids:
            return
        reindex(conn, ids)
        last = ids[-1]


def _reindex_names(conn: Connection, ids: Sequence[str]) -> None:
    fts = has_name_fts(conn)
    names: dict[str, list[str]] = {}
    rowids: dict[str, int] = {}
    if fts:
        for entity_id, rowid, name in conn.execute(
            select(_entity.c.id, text("entity.rowid"), _entity.c.name).where(_entity.c.id.in_(ids))
        ):
            names[entity_id] = [name]
            rowids[entity_id] = rowid
        # Deleted entities' rows went with them (the entity delete trigger).
        if rowids:
            marks = ",".join("?" * len(rowids))
            conn.exec_driver_sql(f"DELETE FROM {NAME_FTS} WHERE rowid IN ({marks})", tuple(rowids.values()))
    else:
        conn.execute(delete(_name_key).where(_name_key.c.entity_id.in_(ids)))
        for entity_id, name in conn.execute(
            select(_entity.c.id, _entity.c.name).where(_entity.c.id.in_(ids))
        ):
            names[entity_id] = [name]
    for entity_id, name in conn.execute(
        select(_alias.c.entity_id, _alias.c.name).where(_alias.c.entity_id.in_(ids))
    ):
        names.setdefault(entity_id, []).append(name)
    if fts:
        texts = [(rowids[i], terms_text(group)) for i, group in names.items() if i in rowids]
        if texts:
            conn.exec_driver_sql(f"INSERT INTO {NAME_FTS}(rowid, keys) VALUES (?, ?)", texts)
        return
    rows = [row for entity_id, group in names.items() for row in name_key_rows(entity_id, group)]
    bulk_insert(conn, _name_key, rows)


def _reindex_texts(conn: Connection, ids: Sequence[str], fts: bool) -> None:
    doc_ids = list(conn.execute(select(_text_doc.c.id).where(_text_doc.c.entity_id.in_(ids))).scalars())
    if doc_ids:
        # text_word rows go by ON DELETE CASCADE, FTS rows by the text_doc trigger.
        conn.execute(delete(_text_doc).where(_text_doc.c.id.in_(doc_ids)))
    texts: dict[tuple[str, str], list[str]] = {}
    # The kind and the summary are tested here, not in SQL: given ``kind IN (...)``, SQLite's
    # planner (no statistics) walks the kind index over every source and event of the file
    # for each batch instead of looking the ids up, which made an import quadratic.
    text_ids: list[str] = []
    for entity_id, kind, summary in conn.execute(
        select(_entity.c.id, _entity.c.kind, _entity.c.summary).where(_entity.c.id.in_(ids))
    ):
        if kind in TEXT_KINDS:
            text_ids.append(entity_id)
            if summary:
                texts[(entity_id, "summary")] = [summary]
    if text_ids:
        for entity_id, body in conn.execute(
            select(_note.c.entity_id, _note.c.body)
            .where(_note.c.entity_id.in_(text_ids))
            .order_by(_note.c.created, _note.c.id)
        ):
            texts.setdefault((entity_id, "notes"), []).append(body)
    # The text read from a source's stored file (ingest, add source --file); migrations
    # older than 0005_evidence rebuild texts before that table exists.
    if _has_source_file(conn):
        for entity_id, body in conn.execute(
            select(_source_file.c.source_id, _source_file.c.text).where(
                _source_file.c.source_id.in_(ids), _source_file.c.text != ""
            )
        ):
            texts[(entity_id, "text")] = [body]
    docs: list[dict[str, Any]] = []
    bodies: list[str] = []
    for (entity_id, field), parts in sorted(texts.items()):
        folded = fold("\n".join(parts))
        if folded:
            docs.append({"entity_id": entity_id, "field": field})
            bodies.append(folded)
    if not docs:
        return
    # One multi-row INSERT ... RETURNING per batch, ids in the order the rows were given.
    new_ids = list(
        conn.execute(
            insert(_text_doc).returning(_text_doc.c.id, sort_by_parameter_order=True), docs
        ).scalars()
    )
    if fts:
        conn.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (?, ?)", list(zip(new_ids, bodies, strict=True))
        )
    else:
        words = [
            {"doc_id": doc_id, "word": word}
            for doc_id, body in zip(new_ids, bodies, strict=True)
            for word in sorted(set(body.split()))
        ]
        bulk_insert(conn, _text_word, words)


def _touched_entities(session: Session) -> set[str]:
    touched: set[str] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Entity):
            touched.add(obj.id)
        elif isinstance(obj, Alias | Note) and obj.entity_id:
            touched.add(obj.entity_id)
        elif isinstance(obj, SourceFile):
            touched.add(obj.source_id)
    return touched


@event.listens_for(CasefileSession, "after_flush")
def _keep_keys_in_step(session: Session, _context: Any) -> None:
    """Every flush that wrote an entity, alias or note refreshes that entity's keys."""
    touched = _touched_entities(session)
    if touched:
        reindex(session.connection(), touched)
