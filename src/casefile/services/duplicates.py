"""Likely duplicate records, and the researcher's "these two are different people".

Candidate pairs come from indexed joins only: two records of one kind whose names or
aliases share a whole-name skeleton (``name_key`` rows with an empty token), or two
people born on the same day who share a name word. Pairs marked distinct are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import and_, exists, func, insert, literal, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from casefile.names import fold, name_keys
from casefile.services.clock import now_iso
from casefile.services.findings import Finding
from casefile.services.merge import resolve_pair
from casefile.services.ranking import similarity
from casefile.services.views import EntityRef
from casefile.storage.search_index import chunks, has_name_fts, whole_name_rows
from casefile.storage.tables import Alias, DistinctPair, Entity, NameKey

MAX_PAIRS = 2000
MIN_SCORE = 0.5

_entity = Entity.__table__  # type: ignore[attr-defined]
_alias = Alias.__table__  # type: ignore[attr-defined]
_key = NameKey.__table__  # type: ignore[attr-defined]
_distinct = DistinctPair.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two records that may be one, with a score (0-1) and the reasons."""

    first: EntityRef
    second: EntityRef
    score: float
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "first": self.first.to_json(),
            "second": self.second.to_json(),
            "score": round(self.score, 3),
            "reasons": list(self.reasons),
        }


def mark_distinct(session: Session, *, first_ref: str, second_ref: str) -> tuple[EntityRef, EntityRef]:
    """Record that two look-alikes are different (idempotent)."""
    first, second = resolve_pair(session, first_ref, second_ref)
    low, high = sorted((first.id, second.id))
    known = session.execute(
        select(_distinct.c.first_id).where(_distinct.c.first_id == low, _distinct.c.second_id == high)
    ).first()
    if known is None:
        session.execute(insert(_distinct).values(first_id=low, second_id=high, created=now_iso()))
    return EntityRef.of(first), EntityRef.of(second)


def find_duplicates(session: Session, *, kind: str | None = None) -> list[DuplicatePair]:
    """Likely duplicate pairs, best first."""
    pairs = _candidate_pairs(session, kind)
    if not pairs:
        return []
    ids = sorted({i for pair in pairs for i in pair})
    entities: dict[str, Any] = {}
    names: dict[str, list[tuple[str, bool]]] = {}
    for part in chunks(ids):
        for row in session.execute(select(_entity).where(_entity.c.id.in_(part))):
            entities[row.id] = row
            names.setdefault(row.id, []).insert(0, (row.name, False))
        for entity_id, name in session.execute(
            select(_alias.c.entity_id, _alias.c.name).where(_alias.c.entity_id.in_(part))
        ):
            names.setdefault(entity_id, []).append((name, True))
    found = []
    for pair in sorted(pairs):
        a, b = sorted(pair, key=lambda i: (entities[i].created, entities[i].handle))  # older record first
        found.append(_judge(entities[a], entities[b], names[a], names[b]))
    kept = [p for p in found if p is not None and p.score >= MIN_SCORE]
    return sorted(kept, key=lambda p: (-p.score, p.first.handle, p.second.handle))


def duplicate_findings(session: Session) -> list[Finding]:
    """``check``'s view of :func:`find_duplicates`."""
    findings: list[Finding] = []
    for pair in find_duplicates(session):
        a, b, kind = pair.first.handle, pair.second.handle, pair.first.kind
        if pair.reasons == ["same name"]:
            message = f"{a}, {b} have the same name; are they the same {kind}?"
        else:
            message = f"{a}, {b} may be the same {kind} ({'; '.join(pair.reasons)}); merge them or mark them distinct."
        findings.append(Finding("possible-duplicate", a, message))
    return findings


def _not_distinct(first: Any, second: Any) -> Any:
    return ~exists().where(_distinct.c.first_id == first, _distinct.c.second_id == second)


def _candidate_pairs(session: Session, kind: str | None) -> set[tuple[str, str]]:
    if has_name_fts(session.connection()):
        return _candidate_pairs_fts(session, kind)
    a, b = aliased(_key), aliased(_key)
    ea, eb = aliased(_entity), aliased(_entity)
    same_skeleton = (
        select(a.c.entity_id.label("first"), b.c.entity_id.label("second"))
        .join(b, and_(b.c.skeleton == a.c.skeleton, b.c.token == "", b.c.entity_id > a.c.entity_id))
        .join(ea, ea.c.id == a.c.entity_id)
        .join(eb, and_(eb.c.id == b.c.entity_id, eb.c.kind == ea.c.kind))
        .where(a.c.token == "", a.c.skeleton != "", _not_distinct(a.c.entity_id, b.c.entity_id))
    )
    shared_word = (
        select(literal(1))
        .select_from(a)
        .join(b, and_(b.c.skeleton == a.c.skeleton, b.c.token != ""))
        .where(
            a.c.entity_id == ea.c.id,
            b.c.entity_id == eb.c.id,
            a.c.token != "",
            func.length(a.c.skeleton) >= 3,
        )
    )
    same_birth = (
        select(ea.c.id.label("first"), eb.c.id.label("second"))
        .join(
            eb,
            and_(
                eb.c.kind == ea.c.kind,
                eb.c.born_lo == ea.c.born_lo,
                eb.c.born_hi == ea.c.born_hi,
                eb.c.id > ea.c.id,
            ),
        )
        .where(
            ea.c.kind == "person",
            ea.c.born_lo.is_not(None),
            ea.c.born_lo == ea.c.born_hi,
            exists(shared_word),
            _not_distinct(ea.c.id, eb.c.id),
        )
    )
    if kind is not None:
        same_skeleton = same_skeleton.where(ea.c.kind == kind)
        same_birth = same_birth.where(ea.c.kind == kind)
    # Two bounded queries, not one UNION: SQLite would compute a UNION in full before its LIMIT.
    pairs: set[tuple[str, str]] = set()
    for statement in (same_skeleton, same_birth):
        pairs.update((row[0], row[1]) for row in session.execute(statement.limit(MAX_PAIRS)))
    return pairs


def _judge(
    first: Any, second: Any, first_names: list[tuple[str, bool]], second_names: list[tuple[str, bool]]
) -> DuplicatePair | None:
    best = (0.0, "", "", False, False)
    for name_a, alias_a in first_names:
        keys_a = name_keys(name_a)
        for name_b, alias_b in second_names:
            keys_b = name_keys(name_b)
            sim = similarity(keys_a.folded, keys_b.folded)
            if keys_a.whole_skeleton and keys_a.whole_skeleton == keys_b.whole_skeleton:
                sim = max(sim, 0.85 + 0.15 * sim)
            if sim > best[0] + 0.02 * (alias_a + alias_b):  # primary names explain best
                best = (sim, name_a, name_b, alias_a, alias_b)
    sim, name_a, name_b, alias_a, alias_b = best
    reasons: list[str] = []
    if fold(name_a) == fold(name_b):
        what = "same name" if not (alias_a or alias_b) else f"shared name '{name_a}'"
        reasons.append(what)
    elif sim > 0:
        reasons.append(f"'{name_a}' and '{name_b}' are spellings of one name")
    score = 0.2 + 0.7 * sim
    if first.born_text and second.born_text:
        if first.born_lo == second.born_lo and first.born_hi == second.born_hi:
            reasons.append(f"both born {first.born_text}")
            score += 0.1
        elif first.born_hi < second.born_lo or second.born_hi < first.born_lo:
            reasons.append(f"but born {first.born_text} and {second.born_text}")
            score -= 0.4
    if not reasons:
        return None
    return DuplicatePair(_ref(first), _ref(second), min(max(score, 0.0), 1.0), reasons)


def _ref(row: Any) -> EntityRef:
    return EntityRef(row.id, row.handle, row.kind, row.name, bool(row.private))


def _candidate_pairs_fts(session: Session, kind: str | None) -> set[tuple[str, str]]:
    """The same two kinds of pairs, grouped in Python from the FTS5 name index's terms.

    ``w`` terms are whole-name skeletons; ``s`` terms are word skeletons.
    """
    same_name: dict[tuple[str, str], list[str]] = {}
    same_day: dict[tuple[int, int], list[tuple[str, set[str]]]] = {}
    for entity_id, entity_kind, born_lo, born_hi, terms in whole_name_rows(session.connection()):
        if kind is not None and entity_kind != kind:
            continue
        for term in terms:
            if term.startswith("w"):
                same_name.setdefault((entity_kind, term), []).append(entity_id)
        if entity_kind == "person" and born_lo is not None and born_lo == born_hi:
            words = {t for t in terms if t.startswith("s") and len(t) >= 4}  # a skeleton of 3 or more
            same_day.setdefault((born_lo, born_hi), []).append((entity_id, words))
    distinct = {(r[0], r[1]) for r in session.execute(select(_distinct.c.first_id, _distinct.c.second_id))}
    # Generators cut at MAX_PAIRS each, as the SQL path's LIMITs: a common name cannot blow up.
    by_name = (
        (a, b) for ids in same_name.values() for a in ids for b in ids if a < b and (a, b) not in distinct
    )
    by_birth = (
        (a, b)
        for people in same_day.values()
        for a, words_a in people
        for b, words_b in people
        if a < b and not words_a.isdisjoint(words_b) and (a, b) not in distinct
    )
    return set(islice(by_name, MAX_PAIRS)) | set(islice(by_birth, MAX_PAIRS))
