"""Merge two records of the same entity, and map merged-away UUIDs to the one kept.

``merge_entities`` folds OTHER into KEEP in the caller's transaction: OTHER's names
become KEEP's aliases; its tags, links, notes, citations and claims move over
(links that become identical collapse into one, a link between the two is dropped
and its notes and citations move to KEEP); empty fields of KEEP are filled from
OTHER; OTHER's UUID is recorded in ``merged_id`` so later imports map it to KEEP.
Tables added later that point at an entity are moved generically by foreign key.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlmodel import Session, SQLModel

from casefile.errors import InvalidInput
from casefile.names import casefold_exact, fold
from casefile.services.clock import new_id, now_iso
from casefile.services.refs import resolve_entity
from casefile.services.views import EntityRef
from casefile.storage import history
from casefile.storage.merged_ids import canonical_ids as canonical_ids  # re-exported for callers
from casefile.storage.search_index import reindex
from casefile.storage.tables import (
    Alias,
    Citation,
    DistinctPair,
    Entity,
    Link,
    MergedId,
    Note,
    Tag,
)

MERGED_ALIAS_KIND = "merged name"
# Fields of KEEP that OTHER may fill when KEEP has none (never overwritten).
_FILLABLE = (
    "born_text", "born_lo", "born_hi", "status", "category", "country", "latitude", "longitude",
    "url", "publisher", "author", "published_text", "published_lo", "published_hi", "accessed_text",
    "accessed_lo", "accessed_hi", "reliability", "file_path", "file_sha256", "date_text", "date_lo",
    "date_hi", "place_id",
)  # fmt: skip
_FILL_GROUPS = (("born_text", "born_lo", "born_hi"), ("published_text", "published_lo", "published_hi"),
                ("accessed_text", "accessed_lo", "accessed_hi"), ("date_text", "date_lo", "date_hi"),
                ("file_path", "file_sha256"), ("latitude", "longitude"))  # fmt: skip

_alias = Alias.__table__  # type: ignore[attr-defined]
_tag = Tag.__table__  # type: ignore[attr-defined]
_link = Link.__table__  # type: ignore[attr-defined]
_note = Note.__table__  # type: ignore[attr-defined]
_citation = Citation.__table__  # type: ignore[attr-defined]
_entity = Entity.__table__  # type: ignore[attr-defined]
_merged = MergedId.__table__  # type: ignore[attr-defined]
_distinct = DistinctPair.__table__  # type: ignore[attr-defined]
# Moved by hand above (unique keys, derived rows): the generic foreign-key pass skips them.
_HANDLED = {"alias", "tag", "link", "merged_id", "distinct_pair", "name_key", "text_doc", "entity"}


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What a merge did, for the confirmation line and ``--json``."""

    keep: EntityRef
    other: EntityRef
    moved: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"keep": self.keep.to_json(), "merged": self.other.to_json(), "moved": dict(self.moved)}


@dataclass(frozen=True, slots=True)
class MergedAway:
    """A record merged into this one: its old UUID, handle and name."""

    id: str
    handle: str
    name: str
    merged: str

    def to_json(self) -> dict[str, str]:
        return asdict(self)


def resolve_pair(
    session: Session, keep_ref: str, other_ref: str, *, destructive: str | None = None
) -> tuple[Entity, Entity]:
    """The two entities a merge or a ``distinct`` names; they must differ."""
    keep = resolve_entity(session, keep_ref)
    other = resolve_entity(session, other_ref, destructive=destructive)
    if keep.id == other.id:
        raise InvalidInput(f"'{keep_ref}' and '{other_ref}' are the same record, {keep.handle}.")
    return keep, other


def plan_merge(session: Session, *, keep_ref: str, other_ref: str, force: bool = False) -> MergeResult:
    """What merging would move (nothing is written), for a confirmation prompt."""
    keep, other = resolve_pair(session, keep_ref, other_ref, destructive="merge")
    _check_kinds(keep, other)
    _check_distinct(session, keep, other, force)
    return MergeResult(EntityRef.of(keep), EntityRef.of(other), _counts(session, other.id))


def merge_entities(session: Session, *, keep_ref: str, other_ref: str, force: bool = False) -> MergeResult:
    """Fold OTHER into KEEP (one transaction: the caller's).

    Two records marked as different merge only with ``force``; the reversal is then
    recorded as a note on the kept record.
    """
    keep, other = resolve_pair(session, keep_ref, other_ref, destructive="merge")
    _check_kinds(keep, other)
    marked = _check_distinct(session, keep, other, force)
    history.set_action("merge")
    counts = _counts(session, other.id)
    kept, gone = EntityRef.of(keep), EntityRef.of(other)
    stamp = now_iso()
    if marked is not None:
        _record_reversal(session, keep, other, marked, stamp)
    _fill_fields(keep, other)
    keep.updated = stamp
    session.add(keep)
    session.flush()
    counts["aliases"] = _move_names(session, keep, other, stamp)
    _move_tags(session, keep.id, other.id)
    counts["links collapsed"] = _move_links(session, keep.id, other.id)
    _drop_evidence_collisions(session, keep.id, other.id)
    _move_generic(session, keep.id, other.id)
    _move_merge_records(session, keep.id, other, stamp)
    session.execute(delete(_entity).where(_entity.c.id == other.id))
    session.expunge(other)
    reindex(session.connection(), [keep.id])
    return MergeResult(kept, gone, counts)


def _check_distinct(session: Session, keep: Entity, other: Entity, force: bool) -> str | None:
    """When the pair was marked as different: refuse without ``force``; the date it was marked."""
    from casefile.storage.tables import DistinctPair

    low, high = sorted((keep.id, other.id))
    marked = session.get(DistinctPair, (low, high))
    if marked is None:
        return None
    if not force:
        raise InvalidInput(
            f"{keep.handle} and {other.handle} were marked as different on {marked.created[:10]}; "
            "add --force to merge them anyway (the reversal is recorded as a note)."
        )
    return marked.created


def _record_reversal(session: Session, keep: Entity, other: Entity, marked: str, stamp: str) -> None:
    from casefile.storage.handles import NOTE_PREFIX, next_handle
    from casefile.storage.tables import Note

    body = (
        f"Merged {other.handle} {other.name} ({other.id}) into this record on {stamp[:10]} with --force, "
        f"although the two had been marked as different on {marked[:10]}."
    )
    session.add(
        Note(
            id=new_id(),
            handle=next_handle(session, NOTE_PREFIX),
            entity_id=keep.id,
            body=body,
            created=stamp,
            updated=stamp,
        )
    )


def merged_away(session: Session, entity_id: str) -> list[MergedAway]:
    """The records merged into ``entity_id``, oldest merge first."""
    rows = session.execute(
        select(_merged.c.old_id, _merged.c.old_handle, _merged.c.old_name, _merged.c.merged)
        .where(_merged.c.entity_id == entity_id)
        .order_by(_merged.c.merged, _merged.c.old_id)
    )
    return [MergedAway(*row) for row in rows]


def _check_kinds(keep: Entity, other: Entity) -> None:
    if keep.kind != other.kind:
        raise InvalidInput(
            f"{keep.handle} is a {keep.kind} and {other.handle} is a {other.kind}; only records of one kind merge."
        )


def _counts(session: Session, other_id: str) -> dict[str, int]:
    from sqlalchemy import func, or_

    from casefile.storage.tables import Claim

    def count(table: Any, *conditions: Any) -> int:
        return int(
            session.execute(select(func.count()).select_from(table).where(or_(*conditions))).scalar_one()
        )

    claim = Claim.__table__  # type: ignore[attr-defined]
    return {
        "links": count(_link, _link.c.source_id == other_id, _link.c.target_id == other_id),
        "notes": count(_note, _note.c.entity_id == other_id),
        "citations": count(_citation, _citation.c.entity_id == other_id, _citation.c.source_id == other_id),
        "claims": count(claim, claim.c.entity_id == other_id, claim.c.source_id == other_id),
    }


def _fill_fields(keep: Entity, other: Entity) -> None:
    grouped = {name for group in _FILL_GROUPS for name in group}
    for group in _FILL_GROUPS:
        if all(getattr(keep, name) is None for name in group):
            for name in group:
                setattr(keep, name, getattr(other, name))
    for name in _FILLABLE:
        if (
            name not in grouped
            and getattr(keep, name) in (None, "")
            and getattr(other, name) not in (None, "")
        ):
            setattr(keep, name, getattr(other, name))
    if keep.place_id == other.id or keep.place_id == keep.id:
        keep.place_id = None
    summary = other.summary.strip()
    if summary and summary not in keep.summary:
        keep.summary = f"{keep.summary.rstrip()}\n\n{summary}" if keep.summary.strip() else summary
    keep.private = keep.private or other.private


def _move_names(session: Session, keep: Entity, other: Entity, stamp: str) -> int:
    """OTHER's name and aliases become KEEP's aliases (those KEEP lacks)."""
    taken = {casefold_exact(keep.name)} | {
        casefold_exact(n)
        for n in session.execute(select(_alias.c.name).where(_alias.c.entity_id == keep.id)).scalars()
    }
    added = 0
    if casefold_exact(other.name) not in taken:
        session.execute(
            insert(_alias).values(
                id=new_id(),
                entity_id=keep.id,
                name=other.name,
                name_folded=fold(other.name),
                name_exact=casefold_exact(other.name),
                alias_kind=MERGED_ALIAS_KIND,
                lang=None,
                script=None,
                scheme=None,
                created=stamp,
                updated=stamp,
            )
        )
        taken.add(casefold_exact(other.name))
        added += 1
    for alias_id, name in session.execute(
        select(_alias.c.id, _alias.c.name).where(_alias.c.entity_id == other.id).order_by(_alias.c.name)
    ).all():
        if casefold_exact(name) in taken:
            continue
        session.execute(
            update(_alias).where(_alias.c.id == alias_id).values(entity_id=keep.id, updated=stamp)
        )
        taken.add(casefold_exact(name))
        added += 1
    return added


def _move_tags(session: Session, keep_id: str, other_id: str) -> None:
    have = set(session.execute(select(_tag.c.tag).where(_tag.c.entity_id == keep_id)).scalars())
    new = [
        t
        for t in session.execute(select(_tag.c.tag).where(_tag.c.entity_id == other_id)).scalars()
        if t not in have
    ]
    if new:
        session.execute(insert(_tag), [{"entity_id": keep_id, "tag": t} for t in new])


def _move_links(session: Session, keep_id: str, other_id: str) -> int:
    """Re-point OTHER's links; drop links between the two; collapse links that became identical."""
    between = list(
        session.execute(
            select(_link.c.id).where(
                ((_link.c.source_id == keep_id) & (_link.c.target_id == other_id))
                | ((_link.c.source_id == other_id) & (_link.c.target_id == keep_id))
                | ((_link.c.source_id == other_id) & (_link.c.target_id == other_id))
            )
        ).scalars()
    )
    if between:
        # Notes and citations of a link between the two now speak of KEEP itself.
        session.execute(
            update(_note).where(_note.c.link_id.in_(between)).values(entity_id=keep_id, link_id=None)
        )
        session.execute(
            update(_citation).where(_citation.c.link_id.in_(between)).values(entity_id=keep_id, link_id=None)
        )
        session.execute(delete(_link).where(_link.c.id.in_(between)))
    session.execute(update(_link).where(_link.c.source_id == other_id).values(source_id=keep_id))
    session.execute(update(_link).where(_link.c.target_id == other_id).values(target_id=keep_id))
    rows = session.execute(
        select(
            _link.c.id, _link.c.source_id, _link.c.target_id, _link.c.role, _link.c.date_text, _link.c.note
        )
        .where((_link.c.source_id == keep_id) | (_link.c.target_id == keep_id))
        .order_by(_link.c.created, _link.c.id)
    ).all()
    first: dict[tuple[str, str, str, str | None], Any] = {}
    collapsed = 0
    for row in rows:
        key = (row.source_id, row.target_id, " ".join(row.role.casefold().split()), row.date_text)
        kept = first.get(key)
        if kept is None:
            first[key] = row
            continue
        session.execute(update(_note).where(_note.c.link_id == row.id).values(link_id=kept.id))
        session.execute(update(_citation).where(_citation.c.link_id == row.id).values(link_id=kept.id))
        if row.note and row.note != kept.note:
            merged_note = f"{kept.note}\n{row.note}" if kept.note else row.note
            session.execute(update(_link).where(_link.c.id == kept.id).values(note=merged_note))
            first[key] = kept._replace(note=merged_note)
        session.execute(delete(_link).where(_link.c.id == row.id))
        _drop_repeated_citations(session, kept.id)
        collapsed += 1
    return collapsed


def _drop_repeated_citations(session: Session, link_id: str) -> None:
    """Two links that collapsed may cite the same source at the same place: keep one citation."""
    seen: set[tuple[str, str | None, str | None]] = set()
    for citation_id, source_id, locator, quote in session.execute(
        select(_citation.c.id, _citation.c.source_id, _citation.c.locator, _citation.c.quote)
        .where(_citation.c.link_id == link_id)
        .order_by(_citation.c.created, _citation.c.id)
    ).all():
        key = (source_id, locator, quote)
        if key in seen:
            session.execute(delete(_citation).where(_citation.c.id == citation_id))
        seen.add(key)


def _move_generic(session: Session, keep_id: str, other_id: str) -> None:
    """Every other column that points at an entity (notes, citations, claims, later tables)."""
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.target_fullname == "entity.id" for fk in column.foreign_keys):
                if table.name in _HANDLED and not (table.name == "entity" and column.name == "place_id"):
                    continue
                _repoint(session, table, column.name, keep_id, other_id)


def _drop_evidence_collisions(session: Session, keep_id: str, other_id: str) -> None:
    """OTHER's evidence rows that KEEP already has (same mention, same rejected name, a stored
    file when KEEP has one) go, so repointing the rest breaks no unique key."""
    from casefile.storage.tables import Mention, RejectedName, SourceFile

    mention = Mention.__table__  # type: ignore[attr-defined]
    for column, other_end in (("entity_id", "source_id"), ("source_id", "entity_id")):
        kept = select(mention.c[other_end], mention.c.start).where(mention.c[column] == keep_id)
        for end, start in session.execute(kept).all():
            session.execute(
                delete(mention).where(
                    mention.c[column] == other_id, mention.c[other_end] == end, mention.c.start == start
                )
            )
    rejected = RejectedName.__table__  # type: ignore[attr-defined]
    keep_names = select(rejected.c.name_folded).where(rejected.c.source_id == keep_id)
    session.execute(
        delete(rejected).where(rejected.c.source_id == other_id, rejected.c.name_folded.in_(keep_names))
    )
    stored = SourceFile.__table__  # type: ignore[attr-defined]
    if session.execute(select(stored.c.source_id).where(stored.c.source_id == keep_id)).first() is not None:
        session.execute(delete(stored).where(stored.c.source_id == other_id))


def _repoint(session: Session, table: Table, column: str, keep_id: str, other_id: str) -> None:
    session.execute(update(table).where(table.c[column] == other_id).values({column: keep_id}))


def _move_merge_records(session: Session, keep_id: str, other: Entity, stamp: str) -> None:
    """Earlier merges into OTHER now point at KEEP; OTHER itself is recorded; distinct marks move."""
    session.execute(update(_merged).where(_merged.c.entity_id == other.id).values(entity_id=keep_id))
    session.execute(
        insert(_merged).values(
            old_id=other.id, entity_id=keep_id, old_handle=other.handle, old_name=other.name, merged=stamp
        )
    )
    pairs = session.execute(
        select(_distinct.c.first_id, _distinct.c.second_id, _distinct.c.created).where(
            (_distinct.c.first_id == other.id) | (_distinct.c.second_id == other.id)
        )
    ).all()
    if not pairs:
        return
    session.execute(
        delete(_distinct).where((_distinct.c.first_id == other.id) | (_distinct.c.second_id == other.id))
    )
    existing = {
        (row[0], row[1])
        for row in session.execute(
            select(_distinct.c.first_id, _distinct.c.second_id).where(
                (_distinct.c.first_id == keep_id) | (_distinct.c.second_id == keep_id)
            )
        )
    }
    for first_id, second_id, created in pairs:
        partner = second_id if first_id == other.id else first_id
        if partner == keep_id:
            continue
        pair = (min(keep_id, partner), max(keep_id, partner))
        if pair not in existing:
            session.execute(insert(_distinct).values(first_id=pair[0], second_id=pair[1], created=created))
            existing.add(pair)
