"""Reading claims: lists, conflicts and fact fields, as plain data for the CLI, the TUI and check.

The functions the TUI calls: ``entity_claims``, ``entity_conflicts``, ``entity_facts``,
``list_claims`` and ``find_conflicts``. Each takes a Session and returns dataclasses
from ``claim_views`` (the dossier from ``load_dossier`` carries the same three lists).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import func
from sqlmodel import Session, col, or_, select

from casefile.claim_values import parse_value, statements_conflict, values_agree
from casefile.dates import OPEN_LOWER, EdtfDate
from casefile.services.claim_views import (
    ClaimSource,
    ClaimView,
    ConflictView,
    FactView,
    ResolutionView,
)
from casefile.services.refs import resolve_entity
from casefile.services.views import EntityRef
from casefile.storage.tables import Citation, Claim, ClaimResolution, Entity

# Entity fields that are facts, by kind: field name -> the claim attribute that backs it.
FACT_FIELDS: dict[str, dict[str, str]] = {
    "person": {"status": "status", "born": "born"},
    "event": {"date": "date"},
}


def list_claims(session: Session, *, ref: str | None = None) -> list[ClaimView]:
    """Every claim in the case file, or those about the entity ``ref`` names."""
    query = select(Claim)
    if ref is not None:
        query = query.where(Claim.entity_id == resolve_entity(session, ref).id)
    return claim_views(session, session.exec(query).all())


def entity_claims(session: Session, *, entity_id: str) -> list[ClaimView]:
    """The claims about one entity, by attribute then date."""
    return claim_views(session, session.exec(select(Claim).where(Claim.entity_id == entity_id)).all())


def source_claims(session: Session, *, source_id: str) -> list[ClaimView]:
    """The claims a source backs, directly or through a citation."""
    cited = select(Citation.claim_id).where(
        Citation.source_id == source_id, col(Citation.claim_id).is_not(None)
    )
    rows = session.exec(
        select(Claim).where(or_(Claim.source_id == source_id, col(Claim.id).in_(cited)))
    ).all()
    return claim_views(session, rows)


def entity_conflicts(session: Session, *, entity_id: str) -> list[ConflictView]:
    """The conflicts (open and resolved) among one entity's claims."""
    return conflicts_among(session, entity_claims(session, entity_id=entity_id))


def find_conflicts(
    session: Session, *, ref: str | None = None, open_only: bool = False
) -> list[ConflictView]:
    """Conflicts in the whole case file (or about ``ref``); ``open_only`` leaves out resolved ones."""
    if ref is not None:
        entity = resolve_entity(session, ref)
        found = entity_conflicts(session, entity_id=entity.id)
    else:
        # Only groups with two different value keys can hold a conflict: let SQL find them.
        groups = (
            select(Claim.entity_id, Claim.attribute)
            .group_by(col(Claim.entity_id), col(Claim.attribute))
            .having(func.count(func.distinct(Claim.value_key)) > 1)
            .subquery()
        )
        rows = session.exec(
            select(Claim).join(
                groups,
                (col(Claim.entity_id) == groups.c.entity_id) & (col(Claim.attribute) == groups.c.attribute),
            )
        ).all()
        found = conflicts_among(session, claim_views(session, rows))
    return [c for c in found if not c.resolved] if open_only else found


def entity_facts(session: Session, *, entity_id: str) -> list[FactView]:
    """The entity's fact fields (status, born, date) with the claims for and against each value."""
    entity = session.get(Entity, entity_id)
    if entity is None:
        return []
    return facts_for(entity, entity_claims(session, entity_id=entity_id))


def facts_for(entity: Entity, claims: Sequence[ClaimView]) -> list[FactView]:
    """``entity_facts`` for an entity whose claims are already loaded."""
    facts: list[FactView] = []
    for field_name, attribute in FACT_FIELDS.get(entity.kind, {}).items():
        value = _field_value(entity, field_name)
        related = [c for c in claims if c.attribute == attribute]
        if value is None and not related:
            continue
        supporting = [c for c in related if value is not None and values_agree(value, c.value)]
        contrary = [c for c in related if c not in supporting]
        facts.append(FactView(field_name, value, supporting, contrary))
    return facts


def claim_views(session: Session, claims: Sequence[Claim]) -> list[ClaimView]:
    """Read models for ``claims`` with entities, sources, citations and resolution status."""
    if not claims:
        return []
    ids = [c.id for c in claims]
    entities = _entities(
        session, {c.entity_id for c in claims} | {c.source_id for c in claims if c.source_id}
    )
    cited: dict[str, list[ClaimSource]] = defaultdict(list)
    for citation, source in session.exec(
        select(Citation, Entity)
        .join(Entity, col(Entity.id) == Citation.source_id)
        .where(col(Citation.claim_id).in_(ids))
        .order_by(col(Citation.created), col(Citation.id))
    ):
        cited[citation.claim_id or ""].append(
            ClaimSource(
                EntityRef.of(source),
                source.reliability,
                citation.credibility,
                citation.locator,
                citation.quote,
                citation.handle,
            )
        )
    status = _statuses(session, ids)
    views = [_view(c, entities, cited.get(c.id, []), status.get(c.id, "")) for c in claims]
    return sorted(
        views,
        key=lambda v: (
            v.entity.name.casefold(),
            v.entity.handle,
            v.attribute,
            v.as_of_lower if v.as_of_lower is not None else OPEN_LOWER,
            v.created,
            v.handle,
        ),
    )


def conflicts_among(session: Session, claims: Sequence[ClaimView]) -> list[ConflictView]:
    """Group disagreeing claims per entity and attribute into conflicts, with their resolutions."""
    groups: dict[tuple[str, str], list[ClaimView]] = defaultdict(list)
    for claim in claims:
        groups[(claim.entity.id, claim.attribute)].append(claim)
    resolutions = _resolutions(session, [c.id for c in claims])
    conflicts: list[ConflictView] = []
    for group in groups.values():
        conflicts.extend(_group_conflicts(group, resolutions))
    return conflicts


def claims_in_conflict(a: ClaimView, b: ClaimView) -> bool:
    """Same entity and attribute, disagreeing values, overlapping or absent as-of dates."""
    return (
        a.id != b.id
        and a.entity.id == b.entity.id
        and a.attribute == b.attribute
        and statements_conflict(
            a.value, (a.as_of_lower, a.as_of_upper), b.value, (b.as_of_lower, b.as_of_upper)
        )
    )


def _group_conflicts(
    group: list[ClaimView], resolutions: list[tuple[ClaimResolution, str, str]]
) -> list[ConflictView]:
    """Connected sets of disagreeing claims in one entity+attribute group."""
    pairs = [(a, b) for i, a in enumerate(group) for b in group[i + 1 :] if claims_in_conflict(a, b)]
    if not pairs:
        return []
    parent = {c.id: c.id for c in group}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b in pairs:
        parent[root(a.id)] = root(b.id)
    set_aside = {r.other_id for r, _, _ in resolutions}
    out: list[ConflictView] = []
    paired = {c.id for pair in pairs for c in pair}
    components = list(dict.fromkeys(root(c.id) for c in group if c.id in paired))
    for component in components:
        members = [c for c in group if root(c.id) == component]
        member_ids = {c.id for c in members}
        mine = [(a, b) for a, b in pairs if a.id in member_ids]
        out.append(
            ConflictView(
                entity=members[0].entity,
                attribute=members[0].attribute,
                claims=members,
                pairs=[(a.handle, b.handle) for a, b in mine],
                open_pairs=[
                    (a.handle, b.handle) for a, b in mine if a.id not in set_aside and b.id not in set_aside
                ],
                resolutions=[
                    ResolutionView(r.id, preferred, other, r.note, r.created)
                    for r, preferred, other in resolutions
                    if r.preferred_id in member_ids and r.other_id in member_ids
                ],
            )
        )
    return out


def _resolutions(session: Session, claim_ids: list[str]) -> list[tuple[ClaimResolution, str, str]]:
    """Resolutions touching ``claim_ids``, with the preferred and other claims' handles."""
    if not claim_ids:
        return []
    rows = session.exec(
        select(ClaimResolution)
        .where(
            or_(
                col(ClaimResolution.preferred_id).in_(claim_ids),
                col(ClaimResolution.other_id).in_(claim_ids),
            )
        )
        .order_by(col(ClaimResolution.created), col(ClaimResolution.id))
    ).all()
    wanted = {r.preferred_id for r in rows} | {r.other_id for r in rows}
    handles = dict(session.exec(select(Claim.id, Claim.handle).where(col(Claim.id).in_(wanted))).all())
    return [(r, handles.get(r.preferred_id, "?"), handles.get(r.other_id, "?")) for r in rows]


def _statuses(session: Session, claim_ids: list[str]) -> dict[str, str]:
    status: dict[str, str] = {}
    for resolution, _, _ in _resolutions(session, claim_ids):
        status.setdefault(resolution.preferred_id, "preferred")
        status[resolution.other_id] = "set aside"
    return status


def _view(claim: Claim, entities: dict[str, Entity], cited: list[ClaimSource], status: str) -> ClaimView:
    sources: list[ClaimSource] = []
    if claim.source_id and claim.source_id in entities:
        source = entities[claim.source_id]
        sources.append(
            ClaimSource(
                EntityRef.of(source), source.reliability, claim.credibility, claim.locator, claim.quote, None
            )
        )
    sources.extend(cited)
    marker = (
        EdtfDate(claim.as_of_text, claim.as_of_lo, claim.as_of_hi).marker
        if claim.as_of_text and claim.as_of_lo is not None and claim.as_of_hi is not None
        else ""
    )
    return ClaimView(
        id=claim.id,
        handle=claim.handle,
        entity=EntityRef.of(entities[claim.entity_id]),
        attribute=claim.attribute,
        value=claim.value,
        value_kind=parse_value(claim.value).kind,
        value_key=claim.value_key,
        as_of=claim.as_of_text,
        as_of_marker=marker,
        as_of_lower=claim.as_of_lo,
        as_of_upper=claim.as_of_hi,
        note=claim.note,
        created=claim.created,
        sources=sources,
        status=status,
        updated=claim.updated,
    )


def _entities(session: Session, ids: Iterable[str]) -> dict[str, Entity]:
    wanted = list(ids)
    if not wanted:
        return {}
    return {e.id: e for e in session.exec(select(Entity).where(col(Entity.id).in_(wanted)))}


def _field_value(entity: Entity, field_name: str) -> str | None:
    value = {
        "status": entity.status,
        "born": entity.born_text,
        "date": entity.date_text,
    }.get(field_name)
    return value or None
