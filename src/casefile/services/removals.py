"""What a deletion takes with it, counted for the question asked before it."""

from __future__ import annotations

from sqlalchemy import func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session

from casefile.services.refs import resolve_of_type
from casefile.storage.tables import Citation, Claim, Link, Note


def citations_under(session: Session, *, entity_ids: list[str], link_ids: object, note_ids: object) -> int:
    """Citations of the given entities, links and notes (and of the entities' claims)."""
    c = Citation.__table__  # type: ignore[attr-defined]
    claims = Claim.__table__  # type: ignore[attr-defined]
    query = (
        sa_select(func.count())
        .select_from(c)
        .where(
            or_(
                c.c.entity_id.in_(entity_ids),
                c.c.source_id.in_(entity_ids),
                c.c.link_id.in_(link_ids),
                c.c.note_id.in_(note_ids),
                c.c.claim_id.in_(sa_select(claims.c.id).where(claims.c.entity_id.in_(entity_ids))),
            )
        )
    )
    return int(session.execute(query).scalar_one())


def describe_link_removal(session: Session, *, ref: str) -> tuple[str, dict[str, int]]:
    """The link's handle, and how many notes and citations go with it."""
    link: Link = resolve_of_type(session, ref, Link, "link")
    notes = Note.__table__  # type: ignore[attr-defined]
    note_ids = sa_select(notes.c.id).where(notes.c.link_id == link.id)
    note_count = session.execute(sa_select(func.count()).select_from(note_ids.subquery())).scalar_one()
    citations = citations_under(session, entity_ids=[], link_ids=[link.id], note_ids=note_ids)
    return link.handle, {"notes": int(note_count), "citations": citations}
