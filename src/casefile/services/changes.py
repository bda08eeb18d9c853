"""A cheap fingerprint of a case file, so a long-running front-end can tell it changed."""

from __future__ import annotations

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session

from casefile.storage.tables import Alias, Citation, Claim, ClaimResolution, Entity, Link, Note, Tag


def fingerprint(session: Session) -> tuple[object, ...]:
    """Row counts and latest update times of every table a dossier shows.

    Another process's insert, edit or delete changes at least one of these values.
    """
    parts: list[object] = []
    for table in (Entity, Alias, Link, Note, Citation, Claim, ClaimResolution):
        t = table.__table__  # type: ignore[union-attr]
        parts.extend(session.execute(sa_select(func.count(), func.max(t.c.updated))).one())
    tags = Tag.__table__  # type: ignore[attr-defined]
    parts.append(session.execute(sa_select(func.count()).select_from(tags)).scalar_one())
    return tuple(parts)
