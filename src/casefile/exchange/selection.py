"""What an export holds: every record, or the dossiers named by REFs, minus private data.

A record goes out only when everything it points to goes out too, so a bundle
never refers to a left-out (private or unselected) entity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlmodel import Session

from casefile.exchange.sections import table_of
from casefile.storage.tables import Citation, Claim, ClaimResolution, Entity, Link, Note

Condition = ColumnElement[bool] | None


@dataclass(frozen=True, slots=True)
class Selection:
    """Which entities an export covers (``None``: all) and whether private data goes too."""

    include_private: bool = False
    entity_ids: tuple[str, ...] | None = None

    @property
    def everything(self) -> bool:
        return self.include_private and self.entity_ids is None


def select_dossiers(session: Session, entity_ids: Sequence[str], *, include_private: bool) -> Selection:
    """The entities ``entity_ids`` (resolved by the caller) plus the places and sources their records need.

    No ids: every entity.
    """
    if not entity_ids:
        return Selection(include_private=include_private)
    ids = set(entity_ids)
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


def conditions(selection: Selection, session: Session | None = None) -> Conditions:
    """Build the per-section filters of ``selection``.

    Filters test each row with correlated ``EXISTS`` on primary keys (a few index
    lookups per row) rather than ``IN (subquery)``, which SQLite would rebuild for
    every keyset page. With a ``session``, a case file without private data needs
    no filter at all.
    """
    if selection.everything or (
        session is not None and selection.entity_ids is None and not _has_private(session)
    ):
        return Conditions(None, None, None, None, None, None)
    entity, link, note, claim, citation = (table_of(m) for m in (Entity, Link, Note, Claim, Citation))
    shown_entity = entity.alias("shown_entity")
    shown_link = link.alias("shown_link")
    shown_note = note.alias("shown_note")
    shown_claim = claim.alias("shown_claim")
    ids = list(selection.entity_ids) if selection.entity_ids is not None else None

    def visible(column: Any) -> ColumnElement[bool]:
        if ids is not None:
            return column.in_(ids)  # type: ignore[no-any-return]
        return exists().where(shown_entity.c.id == column, shown_entity.c.private == false())

    def link_rule(table: Any) -> ColumnElement[bool]:
        return and_(visible(table.c.source_id), visible(table.c.target_id))

    def note_rule(table: Any) -> ColumnElement[bool]:
        attached = or_(
            visible(table.c.entity_id),
            exists().where(shown_link.c.id == table.c.link_id, link_rule(shown_link)),
        )
        return attached if selection.include_private else and_(table.c.private == false(), attached)

    def claim_rule(table: Any) -> ColumnElement[bool]:
        return and_(visible(table.c.entity_id), or_(table.c.source_id.is_(None), visible(table.c.source_id)))

    def shown(alias: Any, rule: Any, column: Any) -> ColumnElement[bool]:
        return exists().where(alias.c.id == column, rule(alias))

    entities: ColumnElement[bool] = entity.c.id.in_(ids) if ids is not None else entity.c.private == false()
    citations = and_(
        visible(citation.c.source_id),
        or_(
            visible(citation.c.entity_id),
            shown(shown_link, link_rule, citation.c.link_id),
            shown(shown_note, note_rule, citation.c.note_id),
            shown(shown_claim, claim_rule, citation.c.claim_id),
        ),
    )
    resolution = table_of(ClaimResolution)
    resolutions = and_(
        shown(shown_claim, claim_rule, resolution.c.preferred_id),
        shown(shown_claim.alias("other_claim"), claim_rule, resolution.c.other_id),
    )
    return Conditions(entities, link_rule(link), note_rule(note), claim_rule(claim), citations, resolutions)


def _has_private(session: Session) -> bool:
    entity, note = table_of(Entity), table_of(Note)
    query = select(
        or_(
            exists().where(entity.c.private == true()),
            exists().where(note.c.private == true()),
        )
    )
    return bool(session.execute(query).scalar())
