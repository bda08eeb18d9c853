"""Load what Markdown dossiers show, a page of entities at a time (a few queries per page).

Everything here respects the export's ``Selection``: private records and whatever
points at a left-out entity never reach a dossier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import BindParameter, bindparam, func, or_, select
from sqlmodel import Session

from casefile.exchange.sections import table_of
from casefile.exchange.selection import Conditions
from casefile.exchange.slugs import Named, assign_slugs
from casefile.storage.tables import Alias, Citation, Claim, Entity, Link, Mention, Note, Tag
from casefile.text import printable

Row = dict[str, Any]
_LINK_TEXT = re.compile(r"[\[\]|#^\\]")


@lru_cache(maxsize=4096)  # roles, attributes and names repeat across dossiers
def label(text: str) -> str:
    """Text safe inside ``[[path|label]]`` and headings: one line, no link syntax."""
    one = " ".join(printable(text, keep_newlines=False).split())
    return _LINK_TEXT.sub(" ", one).strip() or "untitled"


@dataclass(frozen=True, slots=True)
class Target:
    """An exported entity as other dossiers refer to it."""

    id: str
    kind: str
    name: str
    handle: str
    path: str  # folder/slug, without .md
    date: str | None
    lower: int | None
    upper: int | None
    reliability: str | None
    title: str  # the name as ``label`` shows it

    @property
    def wiki(self) -> str:
        """``[[folder/slug|Title]]``: a link that resolves inside the vault."""
        return f"[[{self.path}|{self.title}]]"


@dataclass
class Page:
    """The rows behind one page of dossiers, grouped by entity id."""

    entities: list[Row]
    aliases: dict[str, list[Row]] = field(default_factory=dict)
    tags: dict[str, list[str]] = field(default_factory=dict)
    links: dict[str, list[Row]] = field(default_factory=dict)
    notes: dict[str, list[Row]] = field(default_factory=dict)  # by entity or link id
    claims: dict[str, list[Row]] = field(default_factory=dict)
    citations: dict[str, list[Row]] = field(default_factory=dict)  # by the id of what they support
    cited_by: dict[str, list[Row]] = field(default_factory=dict)  # by source id
    # What a source's citations support, beyond entities (by id): links, notes and claims.
    supported: dict[str, Row] = field(default_factory=dict)
    events_at: dict[str, list[str]] = field(default_factory=dict)  # event ids by place id
    sourced_claims: dict[str, list[Row]] = field(default_factory=dict)  # claims by their source id
    mentions: dict[str, list[Row]] = field(default_factory=dict)  # by entity id: source_id, count, sentence


def load_targets(session: Session, where: Conditions) -> dict[str, Target]:
    """Every exported entity with its vault path (slugs need them all to stay unique), by id."""
    entity = table_of(Entity)
    query = select(
        entity.c.id,
        entity.c.kind,
        entity.c.name,
        entity.c.handle,
        entity.c.created,
        entity.c.date_text,
        entity.c.date_lo,
        entity.c.date_hi,
        entity.c.reliability,
    )
    if where.entities is not None:
        query = query.where(where.entities)
    rows = session.execute(query.order_by(entity.c.id)).all()  # the database's order: see PageLoader
    paths = assign_slugs(Named(r.id, r.kind, r.name, r.handle, r.created) for r in rows)
    return {
        r.id: Target(
            r.id,
            r.kind,
            r.name,
            r.handle,
            paths[r.id],
            r.date_text,
            r.date_lo,
            r.date_hi,
            r.reliability,
            label(r.name),
        )
        for r in rows
    }


def _where(query: Any, condition: Any) -> Any:
    return query if condition is None else query.where(condition)


def _dicts(result: Any) -> list[Row]:
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result.all()]


def _group(rows: list[Row], key: str) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out


class PageLoader:
    """Loads pages of dossiers with eight queries a page (statements built once).

    With ``ranges`` a page is every exported entity whose id lies between the page's
    first and last id *in the database's own order* (``ids`` must come in that order,
    as ``load_targets`` gives them): two bound values a query instead of hundreds.
    Otherwise a page is an ``IN`` list of ids (dossiers named by REFs).
    """

    def __init__(self, session: Session, where: Conditions, *, ranges: bool = False) -> None:
        entity, alias, tag, link, note, claim, citation = (
            table_of(m) for m in (Entity, Alias, Tag, Link, Note, Claim, Citation)
        )
        self.session = session
        self.ranges = ranges
        ids: BindParameter[list[str]] = bindparam("ids", expanding=True)
        low: BindParameter[str] = bindparam("low")
        high: BindParameter[str] = bindparam("high")

        def scope(column: Any) -> Any:
            return column.between(low, high) if ranges else column.in_(ids)

        links = _where(
            select(link.c.id).where(or_(scope(link.c.source_id), scope(link.c.target_id))), where.links
        )
        notes = _where(
            select(note.c.id).where(or_(scope(note.c.entity_id), note.c.link_id.in_(links))), where.notes
        )
        claims = _where(select(claim.c.id).where(scope(claim.c.entity_id)), where.claims)
        self.entities = select(entity).where(scope(entity.c.id))
        self.aliases = select(alias).where(scope(alias.c.entity_id))
        self.tags = select(tag.c.entity_id, tag.c.tag).where(scope(tag.c.entity_id))
        self.links = _where(
            select(link).where(or_(scope(link.c.source_id), scope(link.c.target_id))), where.links
        )
        self.notes = _where(
            select(note).where(or_(scope(note.c.entity_id), note.c.link_id.in_(links))), where.notes
        )
        self.claims = _where(select(claim).where(scope(claim.c.entity_id)), where.claims)
        self.citations = _where(
            select(citation).where(
                or_(
                    scope(citation.c.entity_id),
                    citation.c.link_id.in_(links),
                    citation.c.note_id.in_(notes),
                    citation.c.claim_id.in_(claims),
                )
            ),
            where.citations,
        )
        self.cited_by = _where(select(citation).where(scope(citation.c.source_id)), where.citations)
        cited = select(citation).where(scope(citation.c.source_id))
        self.cited_links = _where(
            select(link.c.id, link.c.handle, link.c.source_id, link.c.target_id, link.c.role).where(
                link.c.id.in_(cited.with_only_columns(citation.c.link_id))
            ),
            where.links,
        )
        self.cited_notes = _where(
            select(note.c.id, note.c.handle, note.c.entity_id, note.c.link_id, note.c.body).where(
                note.c.id.in_(cited.with_only_columns(citation.c.note_id))
            ),
            where.notes,
        )
        self.cited_claims = _where(
            select(claim.c.id, claim.c.handle, claim.c.entity_id, claim.c.attribute, claim.c.value).where(
                claim.c.id.in_(cited.with_only_columns(citation.c.claim_id))
            ),
            where.claims,
        )
        self.events_at = select(entity.c.id, entity.c.place_id).where(scope(entity.c.place_id))
        self.sourced_claims = _where(
            select(claim.c.id, claim.c.handle, claim.c.entity_id, claim.c.attribute, claim.c.value,
                   claim.c.source_id, claim.c.locator).where(scope(claim.c.source_id)),
            where.claims,
        )  # fmt: skip
        mention = table_of(Mention)
        self.mentions = (
            select(
                mention.c.entity_id,
                mention.c.source_id,
                func.count().label("count"),
                func.min(mention.c.start),
            )
            .where(scope(mention.c.entity_id))
            .group_by(mention.c.entity_id, mention.c.source_id)
        )

    def load(self, ids: list[str]) -> Page:
        """Rows for the dossiers of ``ids``."""
        wanted = set(ids)
        params = {"low": ids[0], "high": ids[-1]} if self.ranges else {"ids": ids}

        def rows(statement: Any) -> list[Row]:
            return _dicts(self.session.execute(statement, params))

        page = Page([r for r in rows(self.entities) if r["id"] in wanted])
        page.aliases = _group(rows(self.aliases), "entity_id")
        for entity_id, value in self.session.execute(self.tags, params):
            page.tags.setdefault(entity_id, []).append(value)
        for row in rows(self.links):
            for end in (row["source_id"], row["target_id"]):
                if end in wanted:
                    page.links.setdefault(end, []).append(row)
        for row in rows(self.notes):
            page.notes.setdefault(row["entity_id"] or row["link_id"], []).append(row)
        page.claims = _group(rows(self.claims), "entity_id")
        for found in rows(self.citations):
            key = found["entity_id"] or found["link_id"] or found["note_id"] or found["claim_id"]
            page.citations.setdefault(key, []).append(found)
        page.cited_by = _group(rows(self.cited_by), "source_id")
        if any(c["link_id"] or c["note_id"] or c["claim_id"] for cs in page.cited_by.values() for c in cs):
            for kind, statement in (("link", self.cited_links), ("note", self.cited_notes),
                                    ("claim", self.cited_claims)):  # fmt: skip
                for row in rows(statement):
                    page.supported[row["id"]] = {**row, "kind": kind}
        page.sourced_claims = _group(rows(self.sourced_claims), "source_id")
        for event_id, place_id in self.session.execute(self.events_at, params):
            page.events_at.setdefault(place_id, []).append(event_id)
        page.mentions = _group(rows(self.mentions), "entity_id")
        return page


def load_page(session: Session, ids: list[str], where: Conditions) -> Page:
    """Rows for the dossiers of ``ids``, in a stable order."""
    return PageLoader(session, where).load(ids)
