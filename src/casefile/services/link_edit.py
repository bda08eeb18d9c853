"""Change a link's role, date and note, or delete it (the dossier's link list uses these)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from casefile.dates import parse_optional
from casefile.services.fields import check_text
from casefile.services.links import normalize_role, remove_link
from casefile.services.refs import resolve_of_type
from casefile.storage.tables import Link


@dataclass(frozen=True, slots=True)
class LinkChange:
    """A link as it is after an edit (or as it was before a removal)."""

    handle: str
    role: str
    date: str | None
    note: str | None


@dataclass
class LinkEdit:
    """New values; ``None`` keeps a field, an empty string clears the date or the note."""

    role: str | None = None
    date: str | None = None
    note: str | None = None
    # The ``updated`` time the edit was based on (a form's); None: this transaction's own read.
    expected_updated: str | None = None


def edit_link(session: Session, *, ref: str, edit: LinkEdit) -> LinkChange:
    """Apply ``edit`` to the link ``ref`` names, in the caller's transaction."""
    from casefile.services.versions import take_row

    link: Link = resolve_of_type(session, ref, Link, "link")
    stamp = take_row(session, link, edit.expected_updated)
    if edit.role is not None:
        link.role = normalize_role(edit.role)
    if edit.date is not None:
        parsed = parse_optional(edit.date)
        link.date_text = parsed.text if parsed else None
        link.date_lo = parsed.lower if parsed else None
        link.date_hi = parsed.upper if parsed else None
    if edit.note is not None:
        link.note = check_text(edit.note, "note").strip() or None
    link.updated = stamp
    session.add(link)
    session.flush()
    return _change(link)


def delete_link(session: Session, *, ref: str) -> LinkChange:
    """Delete the link (its notes and citations go with it); returns what it was."""
    from casefile.services.refs import resolve_of_type

    change = _change(resolve_of_type(session, ref, Link, "link"))
    remove_link(session, ref=change.handle)
    return change


def _change(link: Link) -> LinkChange:
    return LinkChange(link.handle, link.role, link.date_text, link.note)
