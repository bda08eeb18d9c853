"""Typed, directed links between entities."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from casefile.dates import parse_optional
from casefile.errors import InvalidInput
from casefile.services.citations import CitationInput, cite_row
from casefile.services.clock import new_id, now_iso
from casefile.services.fields import check_text
from casefile.services.refs import resolve_entity, resolve_of_type
from casefile.services.written import WrittenLink
from casefile.storage.handles import LINK_PREFIX, next_handle
from casefile.storage.tables import Link

MAX_ROLE = 200


def normalize_role(role: str) -> str:
    """Roles are trimmed, single-spaced, lower-case phrases (``member of``)."""
    cleaned = " ".join(role.split()).lower()
    if not cleaned:
        raise InvalidInput("A link needs a role, such as 'member of' or 'released'.")
    if len(cleaned) > MAX_ROLE:
        raise InvalidInput(f"A role can be at most {MAX_ROLE} characters long.")
    return cleaned


def add_link(
    session: Session,
    *,
    source_ref: str,
    target_ref: str,
    role: str,
    date: str | None = None,
    note: str | None = None,
    sources: Sequence[str] = (),
) -> WrittenLink:
    """Link ``source_ref`` to ``target_ref`` with ``role``; cite each of ``sources``."""
    source = resolve_entity(session, source_ref)
    target = resolve_entity(session, target_ref)
    if source.id == target.id:
        raise InvalidInput(f"{source.handle} cannot be linked to itself.")
    parsed = parse_optional(date)
    stamp = now_iso()
    link = Link(
        id=new_id(),
        handle=next_handle(session, LINK_PREFIX),
        source_id=source.id,
        target_id=target.id,
        role=normalize_role(role),
        date_text=parsed.text if parsed else None,
        date_lo=parsed.lower if parsed else None,
        date_hi=parsed.upper if parsed else None,
        note=check_text(note, "note").strip() or None if note else None,
        created=stamp,
        updated=stamp,
    )
    session.add(link)
    session.flush()
    for source_ref_item in sources:
        cite_row(session, link, CitationInput(source=source_ref_item))
    return _written(link)


def remove_link(session: Session, *, ref: str) -> WrittenLink:
    """Delete a link (its notes and citations go with it)."""
    link: Link = resolve_of_type(session, ref, Link, "link")
    written = _written(link)
    session.delete(link)
    session.flush()
    return written


def _written(link: Link) -> WrittenLink:
    return WrittenLink(link.id, link.handle, link.role, link.date_text)
