"""Create, edit, remove and list entities, with their aliases and tags."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from casefile.errors import InvalidInput
from casefile.names import casefold_exact, fold, split_alias_spec
from casefile.services.alias_style import PLAIN_ALIAS, AliasStyle
from casefile.services.clock import new_id, now_iso
from casefile.services.fields import EntityFields, apply_fields, check_name
from casefile.services.refs import resolve_entity
from casefile.services.views import EntityRef
from casefile.storage import history
from casefile.storage.handles import ENTITY_PREFIX, next_handle
from casefile.storage.tables import Alias, Entity, Tag
from casefile.text import is_blank, one_line

MAX_TAG = 200


def add_entity(
    session: Session,
    *,
    kind: str,
    data: EntityFields,
    aliases: Sequence[str] = (),
    tags: Sequence[str] = (),
    alias_style: AliasStyle = PLAIN_ALIAS,
) -> EntityRef:
    """Create an entity of ``kind`` with its aliases (of ``alias_style``) and tags."""
    if data.name is None:
        raise InvalidInput("A name cannot be empty.")
    history.default_action("add")
    stamp = now_iso()
    entity = Entity(
        id=new_id(),
        handle="",
        kind=kind,
        name=check_name(data.name),
        created=stamp,
        updated=stamp,
    )
    apply_fields(session, entity, data)
    entity.handle = next_handle(session, ENTITY_PREFIX[kind])
    session.add(entity)
    session.flush()
    _keep_file(session, entity, data)
    for spec in aliases:
        add_alias(session, entity, spec, kind=alias_style.kind, scheme=alias_style.scheme, stamp=stamp)
    for tag in tags:
        add_tag(session, entity, tag)
    session.flush()
    return EntityRef.of(entity)


def _keep_file(session: Session, entity: Entity, data: EntityFields) -> None:
    """A source's ``--file`` is kept in the evidence locker too, not only its path and hash."""
    if entity.kind == "source" and data.file is not None and data.file.strip():
        from casefile.services.evidence import keep_path

        keep_path(session, entity, data.file)


def add_alias(
    session: Session,
    entity: Entity,
    spec: str,
    *,
    kind: str = "alias",
    scheme: str | None = None,
    stamp: str | None = None,
) -> Alias | None:
    """Add ``NAME`` or ``NAME@lang`` as an alias; ignore one the entity already has."""
    name, lang, script = split_alias_spec(spec)
    name = check_name(name)
    existing = session.exec(select(Alias).where(Alias.entity_id == entity.id, Alias.name == name)).first()
    if existing is not None or name == entity.name:
        return None
    when = stamp or now_iso()
    alias = Alias(
        id=new_id(),
        entity_id=entity.id,
        name=name,
        name_folded=fold(name),
        name_exact=casefold_exact(name),
        alias_kind=kind,
        lang=lang,
        script=script,
        scheme=scheme,
        created=when,
        updated=when,
    )
    session.add(alias)
    return alias


def remove_alias(session: Session, entity: Entity, name: str) -> None:
    """Remove an alias by its exact text, else case-insensitively (when that names only one)."""
    text = split_alias_spec(name)[0].strip()
    found = session.exec(select(Alias).where(Alias.entity_id == entity.id, Alias.name == text)).first()
    if found is None:
        # Only an unambiguous case-insensitive match: "xy" must not pick one of "Xy" and "XY".
        matches = session.exec(
            select(Alias).where(Alias.entity_id == entity.id, Alias.name_exact == casefold_exact(text))
        ).all()
        found = matches[0] if len(matches) == 1 else None
    if found is None:
        raise InvalidInput(f"{entity.handle} has no alias '{one_line(name, 60)}'.")
    session.delete(found)


def normalize_tag(tag: str) -> str:
    """Tags are trimmed, single-spaced and at most ``MAX_TAG`` characters."""
    cleaned = " ".join(tag.split())
    if is_blank(cleaned):
        raise InvalidInput("A tag cannot be empty.")
    if len(cleaned) > MAX_TAG:
        raise InvalidInput(f"A tag can be at most {MAX_TAG} characters long.")
    return cleaned


def add_tag(session: Session, entity: Entity, tag: str) -> None:
    """Tag ``entity`` (idempotent)."""
    cleaned = normalize_tag(tag)
    if session.get(Tag, (entity.id, cleaned)) is None:
        session.add(Tag(entity_id=entity.id, tag=cleaned))


@dataclass
class EntityEdit:
    """An edit: new field values plus alias and tag changes."""

    data: EntityFields
    add_aliases: Sequence[str] = ()
    remove_aliases: Sequence[str] = ()
    add_tags: Sequence[str] = ()
    remove_tags: Sequence[str] = ()
    # The ``updated`` time the edit was based on (a form's); None: this transaction's own read.
    expected_updated: str | None = None
    alias_style: AliasStyle = PLAIN_ALIAS


def edit_entity(session: Session, *, ref: str, edit: EntityEdit) -> EntityRef:
    """Apply ``edit`` to the entity named by ``ref``."""
    entity = resolve_entity(session, ref, destructive="edit")
    history.default_action("edit")
    nothing = (
        not edit.data.given()
        and edit.data.name is None
        and edit.data.summary is None
        and edit.data.private is None
        and not (edit.add_aliases or edit.remove_aliases or edit.add_tags or edit.remove_tags)
    )
    if nothing:
        raise InvalidInput("Nothing to change; give at least one option such as --name or --tag.")
    from casefile.services.versions import take_entity

    stamp = take_entity(session, entity, edit.expected_updated)
    apply_fields(session, entity, edit.data)
    _keep_file(session, entity, edit.data)
    # Removals first, so a changed alias (same name, other language or case) is replaced, not kept.
    for name in edit.remove_aliases:
        remove_alias(session, entity, name)
    session.flush()
    for spec in edit.add_aliases:
        add_alias(session, entity, spec, kind=edit.alias_style.kind, scheme=edit.alias_style.scheme)
    for tag in edit.add_tags:
        add_tag(session, entity, tag)
    for tag in edit.remove_tags:
        cleaned = normalize_tag(tag)
        found = session.get(Tag, (entity.id, cleaned))
        if found is None:
            raise InvalidInput(f"{entity.handle} has no tag '{one_line(cleaned, 60)}'.")
        session.delete(found)
    entity.updated = stamp
    session.add(entity)
    session.flush()
    return EntityRef.of(entity)


def remove_entity(session: Session, *, ref: str) -> EntityRef:
    """Delete an entity; its aliases, tags, links, notes and citations go with it."""
    entity = resolve_entity(session, ref, destructive="remove")
    history.set_action("remove")
    gone = EntityRef.of(entity)
    # Bulk deletes rely on the database's ON DELETE CASCADE (foreign keys are on).
    session.exec(delete(Entity).where(col(Entity.id) == entity.id))  # type: ignore[call-overload]
    session.expunge(entity)
    return gone


def describe_removal(session: Session, *, ref: str) -> tuple[EntityRef, dict[str, int]]:
    """What removing ``ref`` would delete, for a confirmation prompt."""
    from casefile.storage.tables import Link, Note

    entity = resolve_entity(session, ref, destructive="remove")
    links = session.exec(
        select(func.count())
        .select_from(Link)
        .where((col(Link.source_id) == entity.id) | (col(Link.target_id) == entity.id))
    ).one()
    notes = session.exec(select(func.count()).select_from(Note).where(col(Note.entity_id) == entity.id)).one()
    from casefile.services.removals import citations_under

    # Everything the cascade removes: citations of its links and notes too, not only its own.
    link_ids = select(Link.id).where((col(Link.source_id) == entity.id) | (col(Link.target_id) == entity.id))
    note_ids = select(Note.id).where(
        (col(Note.entity_id) == entity.id) | col(Note.link_id).in_(link_ids)  # type: ignore[arg-type]
    )
    citations = citations_under(session, entity_ids=[entity.id], link_ids=link_ids, note_ids=note_ids)
    return EntityRef.of(entity), {"links": links, "notes": notes, "citations": citations}


@dataclass(frozen=True, slots=True)
class Page:
    """One keyset page of entities and the cursor for the next."""

    items: list[EntityRef]
    next_cursor: str | None


def _entity_rows(kind: str | None, tag: str | None) -> Any:
    """The Core query behind :func:`list_entities`: (id, handle, kind, name, private, name_folded)."""
    # Core columns only: an ORM attribute here would make SQLAlchemy configure every mapper
    # and compile through the ORM, which costs more than the query on a page of a big file.
    table = Entity.__table__  # type: ignore[attr-defined]
    tags = Tag.__table__  # type: ignore[attr-defined]
    query = sa_select(
        table.c.id, table.c.handle, table.c.kind, table.c.name, table.c.private, table.c.name_folded
    )
    if kind is not None:
        query = query.where(table.c.kind == kind)
    if tag is not None:
        query = query.where(
            table.c.id.in_(sa_select(tags.c.entity_id).where(tags.c.tag == normalize_tag(tag)))
        )
    return query, table


def list_entities(
    session: Session,
    *,
    kind: str | None = None,
    tag: str | None = None,
    after: str | None = None,
    limit: int = 0,
) -> Page:
    """Entities ordered by folded name then id; ``after`` is a cursor from a previous page."""
    query, table = _entity_rows(kind, tag)
    if after:
        folded, _, last_id = after.partition("\x1f")
        query = query.where(
            (table.c.name_folded > folded) | ((table.c.name_folded == folded) & (table.c.id > last_id))
        )
    query = query.order_by(table.c.name_folded, table.c.id)
    if limit:
        query = query.limit(limit + 1)
    rows = list(session.execute(query).all())
    more = bool(limit) and len(rows) > limit
    rows = rows[:limit] if limit else rows
    items = [EntityRef(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]
    cursor = f"{rows[-1][5]}\x1f{rows[-1][0]}" if more and rows else None
    return Page(items, cursor)


def iter_entities(
    session: Session, *, kind: str | None = None, tag: str | None = None, chunk: int = 2000
) -> Iterator[EntityRef]:
    """Every entity in :func:`list_entities`'s order, from one streamed query (flat memory).

    One statement in the caller's read transaction: SQLite steps its cursor as rows are
    taken, PostgreSQL reads through a server-side cursor, ``chunk`` rows at a time.
    """
    query, table = _entity_rows(kind, tag)
    query = query.order_by(table.c.name_folded, table.c.id)
    result = session.execute(query.execution_options(stream_results=True, yield_per=chunk))
    for rows in result.partitions():
        for r in rows:
            yield EntityRef(r[0], r[1], r[2], r[3], bool(r[4]))


def count_entities(session: Session, *, kind: str | None = None) -> int:
    """How many entities (of ``kind``) the case file holds."""
    query = select(func.count()).select_from(Entity)
    if kind is not None:
        query = query.where(Entity.kind == kind)
    return int(session.exec(query).one())
