"""Search: find entities by any spelling of a name or alias, and sources/events by their texts.

Candidates come from indexed lookups only (the name index's words and skeletons, exact
folded names, the text index); at most a few hundred are then ranked in Python by
``casefile.services.ranking``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, literal, select, text, union_all
from sqlmodel import Session, col
from sqlmodel import select as select_rows

from casefile.errors import InvalidInput
from casefile.names import fold, name_keys, prefix_upper_bound
from casefile.services.handle_lookup import handle_match
from casefile.services.ranking import TIER_SKELETON, TIER_TEXT, Match, Query, match_name
from casefile.services.views import JSON, EntityRef
from casefile.storage.search_index import FTS_TABLE, KeyLookup, chunks, has_fts, key_lookup
from casefile.storage.tables import Alias, Entity, TextDoc, TextWord

MAX_QUERY = 500
MAX_WORDS = 8
CANDIDATES = 100
PER_LOOKUP = 1000
PER_STEM_LOOKUP = 300
TEXT_HITS = 200

_entity = Entity.__table__  # type: ignore[attr-defined]
_alias = Alias.__table__  # type: ignore[attr-defined]
_doc = TextDoc.__table__  # type: ignore[attr-defined]
_word = TextWord.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result and why it matched."""

    entity: EntityRef
    score: float
    matched: str
    tier: int

    def to_json(self) -> JSON:
        return {**self.entity.to_json(), "score": round(self.score, 3), "matched": self.matched}


def search(session: Session, *, query: str, kind: str | None = None, limit: int = 20) -> list[SearchHit]:
    """Entities matching ``query`` best first; nothing when nothing matches well."""
    if len(query) > MAX_QUERY:
        raise InvalidInput(f"A search can be at most {MAX_QUERY} characters long.")
    if not fold(query):
        raise InvalidInput("Give some letters or digits to search for.")
    wanted = Query.of(query)
    hits = _name_hits(session, wanted, kind)
    for hit in _text_hits(session, wanted, kind):
        current = hits.get(hit.entity.id)
        if current is None or current.score < hit.score:
            hits[hit.entity.id] = hit
    by_handle = handle_match(session, query, kind)
    if by_handle is not None:  # a handle typed (S1, P12) names its record before any name does
        hits[by_handle[0].id] = SearchHit(*by_handle)
    ranked = sorted(hits.values(), key=lambda h: (-h.score, h.entity.name, h.entity.handle))
    return ranked[:limit] if limit else ranked


def strong_matches(session: Session, value: str, *, kind: str | None = None) -> list[Entity]:
    """The entities that match ``value`` strongly (every word, at least by skeleton), best tier only."""
    if len(fold(value)) < 3 or len(value) > MAX_QUERY:
        return []
    strong = [h for h in search(session, query=value, kind=kind, limit=50) if h.tier >= TIER_SKELETON]
    if not strong:
        return []
    best = max(h.tier for h in strong)
    ids = [h.entity.id for h in strong if h.tier == best]
    found = {e.id: e for e in session.exec(select_rows(Entity).where(col(Entity.id).in_(ids)))}
    return [found[i] for i in ids if i in found]


def _name_hits(session: Session, query: Query, kind: str | None) -> dict[str, SearchHit]:
    ids = _candidate_ids(session, query, kind)
    if not ids:
        return {}
    names: dict[str, list[tuple[str, bool]]] = {}
    refs: dict[str, EntityRef] = {}
    for part in chunks(ids):
        for row in session.execute(
            select(_entity.c.id, _entity.c.handle, _entity.c.kind, _entity.c.name, _entity.c.private).where(
                _entity.c.id.in_(part)
            )
        ):
            refs[row.id] = EntityRef(row.id, row.handle, row.kind, row.name, bool(row.private))
            names.setdefault(row.id, []).insert(0, (row.name, False))
        for entity_id, alias_name in session.execute(
            select(_alias.c.entity_id, _alias.c.name)
            .where(_alias.c.entity_id.in_(part))
            .order_by(_alias.c.name)
        ):
            names.setdefault(entity_id, []).append((alias_name, True))
    hits: dict[str, SearchHit] = {}
    for entity_id, ref in refs.items():
        best: tuple[Match, str, bool] | None = None
        for name, is_alias in names[entity_id]:
            match = match_name(query, name, name_keys(name), alias=is_alias)
            if match is not None and (best is None or match.score > best[0].score):
                best = (match, name, is_alias)
        if best is not None:
            match, name, is_alias = best
            label = f"alias '{name}'" if is_alias else f"name '{name}'"
            hits[entity_id] = SearchHit(ref, match.score, f"{label} {match.how}", match.tier)
    return hits


def _candidate_ids(session: Session, query: Query, kind: str | None) -> list[str]:
    """Entity ids worth ranking: indexed lookups on words, prefixes, skeletons, whole names.

    Plain SQL text (portable to SQLite and PostgreSQL): building the same statement with
    SQLAlchemy constructs costs more than running it.
    """
    params: dict[str, Any] = {"folded": query.keys.folded, "kind": kind, "cap": CANDIDATES}
    parts = [
        f"SELECT id AS entity_id, -1 AS q, 8 AS w FROM entity WHERE name_folded = :folded LIMIT {PER_LOOKUP}",
        f"SELECT entity_id, -1 AS q, 8 AS w FROM alias WHERE name_folded = :folded LIMIT {PER_LOOKUP}",
    ]
    conn = session.connection()
    pairs = list(zip(query.keys.tokens, query.keys.skeletons, strict=True))[:MAX_WORDS]
    for q, (token, skeleton) in enumerate(pairs):
        lookups: list[tuple[KeyLookup, int, int]] = [(KeyLookup("token", token), 4, PER_LOOKUP)]
        if len(token) >= 2 and prefix_upper_bound(token) is not None:
            lookups.append((KeyLookup("token", token, prefix=True), 3, PER_LOOKUP))
        if skeleton:
            lookups.append((KeyLookup("skeleton", skeleton), 2, PER_LOOKUP))
        if len(skeleton) >= 3 and prefix_upper_bound(skeleton[:3]) is not None:
            lookups.append((KeyLookup("skeleton", skeleton[:3], prefix=True), 1, PER_STEM_LOOKUP))
        for n, (lookup, weight, limit) in enumerate(lookups):
            sql, values = key_lookup(conn, lookup, f"k{q}_{n}", limit)
            params.update(values)
            parts.append(f"SELECT k.entity_id, {q} AS q, {weight} AS w FROM ({sql}) AS k")
    union = " UNION ALL ".join(f"SELECT * FROM ({part}) AS p{i}" for i, part in enumerate(parts))
    kind_filter = "JOIN entity AS e ON e.id = c.entity_id AND e.kind = :kind " if kind is not None else ""
    statement = (
        f"SELECT c.entity_id FROM ({union}) AS c {kind_filter}"
        "GROUP BY c.entity_id ORDER BY COUNT(DISTINCT c.q) DESC, SUM(c.w) DESC, c.entity_id LIMIT :cap"
    )
    return list(session.execute(text(statement), params).scalars())


def _text_hits(session: Session, query: Query, kind: str | None) -> list[SearchHit]:
    """Sources and events whose summary or notes hold every query word (as a word prefix)."""
    words = list(dict.fromkeys(query.keys.tokens))[:MAX_WORDS]
    if not words:
        return []
    conn = session.connection()
    rows = _fts_docs(session, words) if has_fts(conn) else _word_docs(session, words)
    if not rows:
        return []
    statement = select(
        _entity.c.id, _entity.c.handle, _entity.c.kind, _entity.c.name, _entity.c.private
    ).where(_entity.c.id.in_({entity_id for entity_id, _, _ in rows}))
    if kind is not None:
        statement = statement.where(_entity.c.kind == kind)
    refs = {
        r.id: EntityRef(r.id, r.handle, r.kind, r.name, bool(r.private)) for r in session.execute(statement)
    }
    hits: dict[str, SearchHit] = {}
    shown = " ".join(words)
    for position, (entity_id, field, _rank) in enumerate(rows):
        ref = refs.get(entity_id)
        if ref is None or entity_id in hits:
            continue
        quality = 1.0 - position / len(rows)
        verb = "mentions" if field == "summary" else "mention"
        how = Match(TIER_TEXT, quality, "")
        hits[entity_id] = SearchHit(ref, how.score, f"{field} {verb} '{shown}'", TIER_TEXT)
    return list(hits.values())


def _fts_docs(session: Session, words: Sequence[str]) -> list[tuple[str, str, float]]:
    # Words are [0-9a-z] only (folded), so quoting them makes a safe FTS5 query.
    match = " ".join(f'"{w}"*' if len(w) >= 3 else f'"{w}"' for w in words)
    statement = text(
        f"SELECT d.entity_id, d.field, bm25({FTS_TABLE}) AS rank FROM {FTS_TABLE} "
        f"JOIN text_doc AS d ON d.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH :match "
        "ORDER BY rank LIMIT :limit"
    )
    rows = session.execute(statement, {"match": match, "limit": TEXT_HITS}).all()
    return [(r[0], r[1], float(r[2])) for r in rows]


def _word_docs(session: Session, words: Sequence[str]) -> list[tuple[str, str, float]]:
    parts: list[Any] = []
    for q, word in enumerate(words):
        upper = prefix_upper_bound(word)
        condition = (
            (_word.c.word >= word) & (_word.c.word < upper)
            if len(word) >= 3 and upper is not None
            else _word.c.word == word
        )
        sub = select(_word.c.doc_id).where(condition).limit(PER_LOOKUP * 5).subquery()
        parts.append(select(sub.c.doc_id, literal(q).label("q")))
    found = union_all(*parts).subquery()
    docs = (
        select(found.c.doc_id)
        .group_by(found.c.doc_id)
        .having(func.count(found.c.q.distinct()) == len(words))
        .limit(TEXT_HITS)
        .subquery()
    )
    rows = session.execute(
        select(_doc.c.entity_id, _doc.c.field).join(docs, docs.c.doc_id == _doc.c.id).order_by(_doc.c.id)
    ).all()
    return [(r[0], r[1], 0.0) for r in rows]
