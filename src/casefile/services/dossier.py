"""Build the read model of one entity's dossier (what ``show`` prints)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, or_, select

from casefile.services.claim_queries import conflicts_among, entity_claims, facts_for, source_claims
from casefile.services.mentions import mentioned_in
from casefile.services.merge import merged_away
from casefile.services.refs import resolve_entity
from casefile.services.timeline import entity_timeline
from casefile.services.views import (
    AliasView,
    CitationView,
    Dossier,
    EntityRef,
    LinkView,
    NoteView,
    entity_fields,
)
from casefile.storage.tables import Alias, Citation, Entity, Link, Note, Tag


def load_dossier(session: Session, *, ref: str) -> Dossier:
    """Everything known about the entity ``ref`` names."""
    entity = resolve_entity(session, ref)
    return build_dossier(session, entity)


def build_dossier(session: Session, entity: Entity) -> Dossier:
    """The dossier of an already resolved entity."""
    aliases = session.exec(select(Alias).where(Alias.entity_id == entity.id).order_by(col(Alias.name))).all()
    tags = session.exec(select(Tag.tag).where(Tag.entity_id == entity.id).order_by(col(Tag.tag))).all()
    link_rows = session.exec(
        select(Link)
        .where(or_(Link.source_id == entity.id, Link.target_id == entity.id))
        .order_by(col(Link.role), col(Link.handle))
    ).all()
    others = _entities(session, {lk.source_id for lk in link_rows} | {lk.target_id for lk in link_rows})
    others[entity.id] = entity
    notes = session.exec(
        select(Note).where(Note.entity_id == entity.id).order_by(col(Note.created), col(Note.handle))
    ).all()
    citations = _citations(
        session,
        or_(
            col(Citation.entity_id) == entity.id,
            col(Citation.link_id).in_([lk.id for lk in link_rows]),
            col(Citation.note_id).in_([n.id for n in notes]),
        ),
    )
    links = [
        LinkView(
            id=lk.id,
            handle=lk.handle,
            role=lk.role,
            direction="out" if lk.source_id == entity.id else "in",
            source=EntityRef.of(others[lk.source_id]),
            target=EntityRef.of(others[lk.target_id]),
            date=lk.date_text,
            note=lk.note,
            citations=[c for c, key in citations if key == lk.id],
        )
        for lk in link_rows
    ]
    note_views = [
        NoteView(
            id=n.id,
            handle=n.handle,
            body=n.body,
            private=n.private,
            created=n.created,
            updated=n.updated,
            target_handle=entity.handle,
            citations=[c for c, key in citations if key == n.id],
        )
        for n in notes
    ]
    cited_by = (
        [c for c, _ in _citations(session, col(Citation.source_id) == entity.id)]
        if entity.kind == "source"
        else []
    )
    fields = entity_fields(entity)
    if entity.kind == "event" and entity.place_id:
        place = session.get(Entity, entity.place_id)
        fields["place"] = EntityRef.of(place).to_json() if place else None
    claims = entity_claims(session, entity_id=entity.id)
    return Dossier(
        entity=EntityRef.of(entity),
        summary=entity.summary,
        created=entity.created,
        updated=entity.updated,
        fields=fields,
        aliases=[AliasView.of(a) for a in aliases],
        tags=list(tags),
        links=links,
        notes=note_views,
        citations=[c for c, key in citations if key == entity.id],
        cited_by=cited_by,
        timeline=entity_timeline(session, entity),
        claims=claims,
        conflicts=conflicts_among(session, claims),
        facts=facts_for(entity, claims),
        sourced_claims=source_claims(session, source_id=entity.id) if entity.kind == "source" else [],
        extra={
            "merged_ids": [m.to_json() for m in merged_away(session, entity.id)],
            "mentioned_in": [m.to_json() for m in mentioned_in(session, entity.id)],
        },
    )


def _entities(session: Session, ids: Iterable[str]) -> dict[str, Entity]:
    wanted = list(ids)
    if not wanted:
        return {}
    return {e.id: e for e in session.exec(select(Entity).where(col(Entity.id).in_(wanted)))}


def _citations(session: Session, condition: object) -> list[tuple[CitationView, str]]:
    """Citations matching ``condition`` with the id of what each supports."""
    rows = session.exec(
        select(Citation, Entity)
        .join(Entity, col(Entity.id) == Citation.source_id)
        .where(condition)  # type: ignore[arg-type]
        .order_by(col(Citation.handle))
    ).all()
    targets = _target_handles(session, [c for c, _ in rows])
    out: list[tuple[CitationView, str]] = []
    for citation, source in rows:
        key = citation.entity_id or citation.link_id or citation.note_id or citation.claim_id or ""
        kind = (
            "entity"
            if citation.entity_id
            else "link"
            if citation.link_id
            else "note"
            if citation.note_id
            else "claim"
        )
        out.append(
            (
                CitationView(
                    id=citation.id,
                    handle=citation.handle,
                    source=EntityRef.of(source),
                    reliability=source.reliability,
                    locator=citation.locator,
                    quote=citation.quote,
                    credibility=citation.credibility,
                    target_kind=kind,
                    target_handle=targets.get(key, ""),
                ),
                key,
            )
        )
    return out


def _target_handles(session: Session, citations: list[Citation]) -> dict[str, str]:
    from casefile.storage.tables import Claim

    handles: dict[str, str] = {}
    for table, attr in (
        (Entity, "entity_id"),
        (Link, "link_id"),
        (Note, "note_id"),
        (Claim, "claim_id"),
    ):
        ids = [getattr(c, attr) for c in citations if getattr(c, attr)]
        if ids:
            for row_id, handle in session.exec(
                select(table.id, table.handle).where(col(table.id).in_(ids))  # type: ignore[attr-defined]
            ):
                handles[row_id] = handle
    return handles
