"""Build the read model of one entity's dossier (what ``show`` prints)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, or_, select

from casefile.services.claim_queries import conflicts_among, entity_claims, facts_for, source_claims
from casefile.services.dossier_view import Dossier
from casefile.services.mentions import mentioned_in
from casefile.services.merge import merged_away
from casefile.services.refs import resolve_entity
from casefile.services.timeline import entity_timeline
from casefile.services.views import AliasView, CitationView, EntityRef, LinkView, NoteView, entity_fields
from casefile.storage.handles import handle_sort_key
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
            updated=lk.updated,
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
                    target_handle=targets.get(key, ("", ""))[0],
                    target_name=targets.get(key, ("", ""))[1],
                ),
                key,
            )
        )
    out.sort(key=lambda pair: handle_sort_key(pair[0].handle))
    return out


def _target_handles(session: Session, citations: list[Citation]) -> dict[str, tuple[str, str]]:
    """Handle and a readable name of what each citation supports, by that record's id."""
    from casefile.storage.tables import Claim

    found: dict[str, tuple[str, str]] = {}
    ids = {attr: [getattr(c, attr) for c in citations if getattr(c, attr)] for attr in
           ("entity_id", "link_id", "note_id", "claim_id")}  # fmt: skip
    if ids["entity_id"]:
        for e in session.exec(select(Entity).where(col(Entity.id).in_(ids["entity_id"]))):
            found[e.id] = (e.handle, e.name)
    if ids["link_id"]:
        links = list(session.exec(select(Link).where(col(Link.id).in_(ids["link_id"]))))
        ends = _entities(session, {lk.source_id for lk in links} | {lk.target_id for lk in links})
        for lk in links:
            a, b = ends.get(lk.source_id), ends.get(lk.target_id)
            label = f"{a.name if a else '?'} — {lk.role} → {b.name if b else '?'}"
            found[lk.id] = (lk.handle, label)
    if ids["note_id"]:
        for n in session.exec(select(Note).where(col(Note.id).in_(ids["note_id"]))):
            found[n.id] = (n.handle, n.body.strip().splitlines()[0] if n.body.strip() else "")
    if ids["claim_id"]:
        for c in session.exec(select(Claim).where(col(Claim.id).in_(ids["claim_id"]))):
            found[c.id] = (c.handle, f"{c.attribute} = {c.value}")
    return found
