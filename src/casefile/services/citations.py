"""Citations: "this entity / link / note / claim is supported by source S"."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from casefile.errors import InvalidInput
from casefile.services.clock import new_id, now_iso
from casefile.services.fields import check_text
from casefile.services.kinds import normalize_credibility
from casefile.services.refs import resolve_entity, resolve_record
from casefile.storage.handles import CITATION_PREFIX, next_handle
from casefile.storage.tables import Citation, Claim, Entity, Link, Note
from casefile.text import one_line


@dataclass
class CitationInput:
    """A source REF with optional locator, quote and credibility (1-6)."""

    source: str
    locator: str | None = None
    quote: str | None = None
    credibility: int | None = None


def cite(session: Session, *, target_ref: str, data: CitationInput) -> Citation:
    """Cite ``data.source`` for the entity, link, note or claim named by ``target_ref``."""
    target = resolve_record(session, target_ref)
    if isinstance(target, Citation):
        raise InvalidInput(f"{target.handle} is a citation; cite an entity, a link, a note or a claim.")
    return cite_row(session, target, data)


def cite_row(session: Session, target: Entity | Link | Note | Claim, data: CitationInput) -> Citation:
    """Attach a citation to an already resolved record."""
    source = resolve_entity(session, data.source, kind="source")
    if isinstance(target, Entity) and target.id == source.id:
        raise InvalidInput(f"{source.handle} cannot cite itself.")
    locator = _short(data.locator, "locator")
    _refuse_duplicate(session, target, source, locator)
    stamp = now_iso()
    citation = Citation(
        id=new_id(),
        handle=next_handle(session, CITATION_PREFIX),
        source_id=source.id,
        locator=locator,
        quote=check_text(data.quote, "quote").strip() or None if data.quote else None,
        credibility=normalize_credibility(data.credibility) if data.credibility is not None else None,
        created=stamp,
        updated=stamp,
    )
    if isinstance(target, Entity):
        citation.entity_id = target.id
    elif isinstance(target, Link):
        citation.link_id = target.id
    elif isinstance(target, Note):
        citation.note_id = target.id
    else:
        citation.claim_id = target.id
    session.add(citation)
    session.flush()
    return citation


TARGET_COLUMN = {Entity: "entity_id", Link: "link_id", Note: "note_id", Claim: "claim_id"}
TARGET_WORD = {Entity: "", Link: "link ", Note: "note ", Claim: "claim "}


def _refuse_duplicate(
    session: Session, target: Entity | Link | Note | Claim, source: Entity, locator: str | None
) -> None:
    """The same source at the same place already supports this record: a second one says nothing."""
    column = getattr(Citation, TARGET_COLUMN[type(target)])
    same_place = Citation.locator == locator if locator is not None else Citation.locator.is_(None)  # type: ignore[union-attr]
    existing = session.exec(
        select(Citation).where(column == target.id, Citation.source_id == source.id, same_place)
    ).first()
    if existing is not None:
        where = f" at '{one_line(locator, 40)}'" if locator else ""
        raise InvalidInput(
            f"{source.handle} already supports {TARGET_WORD[type(target)]}{target.handle}{where} "
            f"(citation {existing.handle}); give another locator to cite another passage."
        )


def _short(value: str | None, what: str) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > 2000:
        raise InvalidInput(f"A {what} can be at most 2000 characters long.")
    return check_text(value.strip(), what)
