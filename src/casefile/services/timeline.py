"""Timelines: events, dated links and dated claims, ordered by their EDTF bounds."""

from __future__ import annotations

from sqlmodel import Session, col, or_, select

from casefile.dates import EdtfDate, parse_optional
from casefile.errors import InvalidInput
from casefile.services.refs import resolve_entity
from casefile.services.views import EntityRef, TimelineItem
from casefile.storage.tables import Claim, Entity, Link

MAX_DEPTH = 3


def _item(
    what: str, handle: str, title: str, text: str, lo: int, hi: int, ref: EntityRef | None
) -> TimelineItem:
    marker = EdtfDate(text, lo, hi).marker
    return TimelineItem(text, lo, hi, marker, what, handle, title, ref)


def _sort(items: list[TimelineItem]) -> list[TimelineItem]:
    return sorted(items, key=lambda t: (t.lower, t.upper, t.what, t.handle))


def case_timeline(
    session: Session,
    *,
    ref: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    depth: int | None = None,
    include_private: bool = True,
) -> list[TimelineItem]:
    """The whole case's timeline, or one entity's (``depth`` hops out), optionally limited to
    the items whose dates reach into the window ``date_from`` .. ``date_to``."""
    low = parse_optional(date_from)
    high = parse_optional(date_to)
    if ref is not None:
        items = entity_timeline(session, resolve_entity(session, ref), depth=depth or 1)
    elif depth is not None:
        raise InvalidInput("--depth needs an entity: casefile timeline REF --depth 2.")
    else:
        items = _all_items(session, include_private=include_private)
    if low is not None:
        items = [t for t in items if t.upper >= low.lower]
    if high is not None:
        items = [t for t in items if t.lower <= high.upper]
    return items


def _all_items(session: Session, *, include_private: bool) -> list[TimelineItem]:
    items: list[TimelineItem] = []
    events = select(Entity).where(Entity.kind == "event", col(Entity.date_lo).is_not(None))
    if not include_private:
        events = events.where(Entity.private == False)  # noqa: E712
    for event in session.exec(events):
        items.append(_event_item(event))
    items.extend(_dated_links(session, None))
    items.extend(_dated_claims(session, None))
    return _sort(items)


def _event_item(event: Entity) -> TimelineItem:
    return _item(
        "event",
        event.handle,
        event.name,
        event.date_text or "",
        event.date_lo or 0,
        event.date_hi or 0,
        EntityRef.of(event),
    )


def _dated_links(session: Session, entity_ids: set[str] | None) -> list[TimelineItem]:
    query = select(Link).where(col(Link.date_lo).is_not(None))
    if entity_ids is not None:
        query = query.where(or_(col(Link.source_id).in_(entity_ids), col(Link.target_id).in_(entity_ids)))
    links = session.exec(query).all()
    names = {
        e.id: e
        for e in session.exec(
            select(Entity).where(
                col(Entity.id).in_({lk.source_id for lk in links} | {lk.target_id for lk in links})
            )
        )
    }
    return [
        _item(
            "link",
            lk.handle,
            f"{names[lk.source_id].name} — {lk.role} — {names[lk.target_id].name}",
            lk.date_text or "",
            lk.date_lo or 0,
            lk.date_hi or 0,
            EntityRef.of(names[lk.source_id]),
        )
        for lk in links
    ]


def _dated_claims(session: Session, entity_ids: set[str] | None) -> list[TimelineItem]:
    query = (
        select(Claim, Entity)
        .join(Entity, col(Entity.id) == Claim.entity_id)
        .where(col(Claim.as_of_lo).is_not(None))
    )
    if entity_ids is not None:
        query = query.where(col(Claim.entity_id).in_(entity_ids))
    return [
        _item(
            "claim",
            claim.handle,
            f"{entity.name}: {claim.attribute} = {claim.value}",
            claim.as_of_text or "",
            claim.as_of_lo or 0,
            claim.as_of_hi or 0,
            EntityRef.of(entity),
        )
        for claim, entity in session.exec(query).all()
    ]


def entity_timeline(session: Session, entity: Entity, *, depth: int = 1) -> list[TimelineItem]:
    """The entity's own date (if an event), its dated links and claims, and the events it is
    linked to; with ``depth`` 2 also the events of the entities linked to it, and so on."""
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidInput(f"The timeline depth must be from 1 to {MAX_DEPTH}.")
    items: list[TimelineItem] = []
    if entity.kind == "event" and entity.date_lo is not None:
        items.append(_event_item(entity))
    reached = {entity.id}
    frontier = {entity.id}
    for _ in range(depth):
        frontier = _neighbours(session, frontier) - reached
        if not frontier:
            break
        reached |= frontier
    linked_ids = reached - {entity.id}
    if linked_ids:
        for event in session.exec(
            select(Entity).where(
                col(Entity.id).in_(linked_ids),
                Entity.kind == "event",
                col(Entity.date_lo).is_not(None),
            )
        ):
            items.append(_event_item(event))
    items.extend(_dated_links(session, {entity.id}))
    items.extend(_dated_claims(session, {entity.id}))
    return _sort(items)


def _neighbours(session: Session, ids: set[str]) -> set[str]:
    """Entities one hop from ``ids``: through links, and between an event and its place."""
    found: set[str] = set()
    for source_id, target_id in session.exec(
        select(Link.source_id, Link.target_id).where(
            or_(col(Link.source_id).in_(ids), col(Link.target_id).in_(ids))
        )
    ):
        found.update((source_id, target_id))
    for event_id, place_id in session.exec(
        select(Entity.id, Entity.place_id).where(
            col(Entity.place_id).is_not(None),
            or_(col(Entity.place_id).in_(ids), col(Entity.id).in_(ids)),
        )
    ):
        found.update((event_id, place_id or event_id))
    return found
