"""What an export holds: every record, or the dossiers named by REFs, minus private data.

A record goes out only when everything it points to goes out too, so a bundle
never refers to a left-out (private or unselected) entity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlmodel import Session

from casefile.errors import InvalidInput
from casefile.exchange.sections import table_of
from casefile.storage.tables import Citation, Claim, ClaimResolution, Entity, Link, Note
from casefile.text import one_line

Condition = ColumnElement[bool] | None


@dataclass(frozen=True, slots=True)
class Selection:
    """Which entities an export covers (``None``: all) and whether private data goes too."""

    include_private: bool = False
    entity_ids: tuple[str, ...] | None = None

    @property
    def everything(self) -> bool:
        return self.include_private and self.entity_ids is None


def select_dossiers(session: Session, refs: Sequence[str], *, include_private: bool) -> Selection:
    """The entities named by ``refs`` plus the places and sources their records need."""
    from casefile.services.refs import resolve_entity

    if not refs:
        return Selection(include_private=include_private)
    chosen: dict[str, Any] = {}
    for ref in refs:
        entity = resolve_entity(session, ref)
        if entity.private and not include_private:
            raise InvalidInput(
                f"{entity.handle} {one_line(entity.name, 60)} is private; add --include-private to export it."
            )
        chosen[entity.id] = entity
    ids = set(chosen)
    ids |= _needed(session, ids)
    table = table_of(Entity)
    query = select(table.c.id).where(table.c.id.in_(sorted(ids)))
    if not include_private:
        query = query.where(table.c.private == false())
    kept = sorted(session.execute(query).scalars())
    return Selection(include_private=include_private, entity_ids=tuple(kept))


def _needed(session: Session, ids: set[str]) -> set[str]:
    """Places of the chosen events and the sources cited about the chosen entities."""
    entity, link, note, claim, citation = (table_of(m) for m in (Entity, Link, Note, Claim, Citation))
    wanted = sorted(ids)
    places = select(entity.c.place_id).where(entity.c.id.in_(wanted), entity.c.place_id.is_not(None))
    touching = select(link.c.id).where(or_(link.c.source_id.in_(wanted), link.c.target_id.in_(wanted)))
    notes = select(note.c.id).where(or_(note.c.entity_id.in_(wanted), note.c.link_id.in_(touching)))
    claims = select(claim.c.id).where(claim.c.entity_id.in_(wanted))
    cited = select(citation.c.source_id).where(
        or_(
            citation.c.entity_id.in_(wanted),
            citation.c.link_id.in_(touching),
            citation.c.note_id.in_(notes),
            citation.c.claim_id.in_(claims),
        )
    )
    claim_sources = select(claim.c.source_id).where(
        claim.c.entity_id.in_(wanted), claim.c.source_id.is_not(None)
    )
    found: set[str] = set()
    for query in (places, cited, claim_sources):
        found.update(str(v) for v in session.execute(query).scalars() if v)
    return found


@dataclass(frozen=True)
class Conditions:
    """The WHERE clause of each section for a selection (``None``: no restriction)."""

    entities: Condition
    links: Condition
    notes: Condition
    claims: Condition
    citations: Condition
    claim_resolutions: Condition

    def of(self, section: str) -> Condition:
        condition: Condition = getattr(self, section)
        return condition


def conditions(selection: Selection) -> Conditions:
    """Build the per-section filters of ``selection``."""
    entity, link, note, claim, citation = (table_of(m) for m in (Entity, Link, Note, Claim, Citation))
    if selection.everything:
        return Conditions(None, None, None, None, None, None)
    if selection.entity_ids is not None:
        ids: Any = list(selection.entity_ids)
        entities: Condition = entity.c.id.in_(ids)
    else:
        entities = entity.c.private == false()
        ids = select(entity.c.id).where(entities)
    links = and_(link.c.source_id.in_(ids), link.c.target_id.in_(ids))
    link_ids = select(link.c.id).where(links)
    notes = or_(note.c.entity_id.in_(ids), note.c.link_id.in_(link_ids))
    if not selection.include_private:
        notes = and_(note.c.private == false(), notes)
    note_ids = select(note.c.id).where(notes)
    claims = and_(claim.c.entity_id.in_(ids), or_(claim.c.source_id.is_(None), claim.c.source_id.in_(ids)))
    claim_ids = select(claim.c.id).where(claims)
    citations = and_(
        citation.c.source_id.in_(ids),
        or_(
            citation.c.entity_id.in_(ids),
            citation.c.link_id.in_(link_ids),
            citation.c.note_id.in_(note_ids),
            citation.c.claim_id.in_(claim_ids),
        ),
    )
    resolution = table_of(ClaimResolution)
    resolutions = and_(resolution.c.preferred_id.in_(claim_ids), resolution.c.other_id.in_(claim_ids))
    return Conditions(entities, links, notes, claims, citations, resolutions)
