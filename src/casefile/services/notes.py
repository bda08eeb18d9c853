"""Markdown notes on entities and links."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from casefile.errors import InvalidInput
from casefile.services.citations import CitationInput, cite_row
from casefile.services.clock import new_id, now_iso
from casefile.services.fields import check_text
from casefile.services.refs import resolve_record
from casefile.services.written import WrittenNote
from casefile.storage.handles import NOTE_PREFIX, next_handle
from casefile.storage.tables import Entity, Link, Note
from casefile.text import is_blank


def add_note(
    session: Session,
    *,
    target_ref: str,
    body: str,
    private: bool = False,
    sources: Sequence[str] = (),
) -> WrittenNote:
    """Write a note on the entity or link named by ``target_ref``."""
    text = check_text(body, "note").strip()
    if is_blank(text):
        raise InvalidInput("A note cannot be empty.")
    target = resolve_record(session, target_ref)
    if not isinstance(target, Entity | Link):
        raise InvalidInput("Notes go on an entity or a link.")
    stamp = now_iso()
    note = Note(
        id=new_id(),
        handle=next_handle(session, NOTE_PREFIX),
        entity_id=target.id if isinstance(target, Entity) else None,
        link_id=target.id if isinstance(target, Link) else None,
        body=text,
        private=private,
        created=stamp,
        updated=stamp,
    )
    session.add(note)
    session.flush()
    for source in sources:
        cite_row(session, note, CitationInput(source=source))
    return WrittenNote(note.id, note.handle, note.private)
