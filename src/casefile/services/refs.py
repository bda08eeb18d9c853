"""REF resolution: a handle, a UUID or unique UUID prefix, or an exact name or alias."""

from __future__ import annotations

import re
from typing import Any

from sqlmodel import Session, col, or_, select

from casefile.errors import Ambiguous, InvalidInput, NotFound
from casefile.names import casefold_exact, fold
from casefile.storage.handles import ENTITY_PREFIX, split_handle
from casefile.storage.tables import Alias, Citation, Claim, Entity, Link, Note
from casefile.text import one_line

_UUID_PREFIX = re.compile(r"^[0-9a-f]{4,8}(-[0-9a-f]{0,4}){0,3}(-[0-9a-f]{0,12})?$", re.IGNORECASE)
_PREFIX_TABLE: dict[str, Any] = {"L": Link, "N": Note, "CI": Citation, "CL": Claim}
_ENTITY_PREFIXES = set(ENTITY_PREFIX.values())
MAX_REF_LENGTH = 500


def _clean(ref: str) -> str:
    value = ref.strip()
    if not value:
        raise InvalidInput("An empty REF names nothing; give a handle (P12), a UUID or a name.")
    if len(value) > MAX_REF_LENGTH:
        raise InvalidInput("That REF is too long to be a handle, a UUID or a name.")
    return value


def _label(entity: Entity) -> str:
    return f"{entity.handle} {one_line(entity.name, 60)}"


def resolve_entity(
    session: Session, ref: str, *, kind: str | None = None, destructive: str | None = None
) -> Entity:
    """Find exactly one entity for ``ref`` (optionally of ``kind``) or raise.

    A REF that names an entity only through a merge (an old handle or UUID) stands for the
    kept entity; for a ``destructive`` action (``remove``, ``edit``, ``purge``...) it is
    refused, naming the kept entity, so nobody changes P3 by typing the P4 they merged away.
    """
    value = _clean(ref)
    shown = one_line(value, 60)
    handle = split_handle(value)
    if handle is not None and handle[0] in _ENTITY_PREFIXES:
        entity = session.exec(select(Entity).where(Entity.handle == f"{handle[0]}{handle[1]}")).first()
        if entity is not None:
            return _check_kind(entity, kind, shown)
    if _UUID_PREFIX.match(value):
        matches = list(session.exec(select(Entity).where(col(Entity.id).startswith(value.lower())).limit(11)))
        if len(matches) == 1:
            return _check_kind(matches[0], kind, shown)
        if len(matches) > 1:
            raise Ambiguous(shown, [_label(m) for m in matches])
    merged = _merged_into(session, value)
    if merged is not None:
        if destructive is not None:
            raise InvalidInput(
                f"'{shown}' was merged into {_label(merged)}; to {destructive} it, "
                f"name it as {merged.handle}."
            )
        return _check_kind(merged, kind, shown)
    candidates = _by_exact_name(session, value, kind)
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        raise Ambiguous(shown, [_label(m) for m in candidates])
    fallback = _fallback_search(session, value, kind)
    if fallback is not None:
        return fallback
    what = kind or "entity"
    raise NotFound(f"No {what} matches '{shown}'; try 'casefile search {shown}'.")


def _check_kind(entity: Entity, kind: str | None, shown: str) -> Entity:
    if kind is not None and entity.kind != kind:
        raise InvalidInput(f"'{shown}' is a {entity.kind}, not a {kind}.")
    return entity


def _merged_into(session: Session, value: str) -> Entity | None:
    """The entity an old, merged-away handle or UUID now stands for."""
    from casefile.storage.tables import MergedId

    return session.exec(
        select(Entity)
        .join(MergedId, col(MergedId.entity_id) == Entity.id)
        .where(or_(MergedId.old_id == value.lower(), MergedId.old_handle == value.upper()))
    ).first()


def _by_exact_name(session: Session, value: str, kind: str | None) -> list[Entity]:
    exact = casefold_exact(value)
    folded = fold(value)
    alias_ids = select(Alias.entity_id).where(
        or_(Alias.name_exact == exact, Alias.name_folded == folded) if folded else Alias.name_exact == exact
    )
    name_match = (
        or_(Entity.name_exact == exact, Entity.name_folded == folded)
        if folded
        else Entity.name_exact == exact
    )
    query = select(Entity).where(or_(name_match, col(Entity.id).in_(alias_ids)))
    if kind is not None:
        # ``kind || ''`` keeps the planner on the name indexes: given a bare ``kind = ?`` SQLite
        # (no statistics) walks the kind index over every person of the file instead.
        query = query.where(col(Entity.kind).concat("") == kind)
    found = list(session.exec(query.order_by(Entity.handle).limit(21)))
    exact_hits = [e for e in found if e.name_exact == exact]
    return exact_hits if len(exact_hits) == 1 else found


def _fallback_search(session: Session, value: str, kind: str | None) -> Entity | None:
    """Last resort: a single strong search hit resolves; several are ambiguous."""
    from casefile.services.search import strong_matches

    hits = strong_matches(session, value, kind=kind)
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise Ambiguous(one_line(value, 60), [_label(h) for h in hits])
    return None


def resolve_record(session: Session, ref: str) -> Entity | Link | Note | Citation | Claim:
    """Resolve a REF that may name an entity, a link, a note, a citation or a claim."""
    value = _clean(ref)
    handle = split_handle(value)
    if handle is not None and handle[0] in _PREFIX_TABLE:
        table = _PREFIX_TABLE[handle[0]]
        row = session.exec(select(table).where(table.handle == f"{handle[0]}{handle[1]}")).first()
        if row is None:
            raise NotFound(f"There is no {handle[0]}{handle[1]} in this case file.")
        return row  # type: ignore[no-any-return]
    if _UUID_PREFIX.match(value):
        hits: list[Any] = []
        for table in (Link, Note, Citation, Claim):
            hits.extend(session.exec(select(table).where(col(table.id).startswith(value.lower())).limit(3)))
        if len(hits) == 1:
            return hits[0]  # type: ignore[no-any-return]
        if len(hits) > 1:
            raise Ambiguous(one_line(value, 60), [h.handle for h in hits])
    return resolve_entity(session, value)


def resolve_of_type(session: Session, ref: str, table: Any, what: str) -> Any:
    """Resolve ``ref`` and insist it is a row of ``table`` (e.g. a link)."""
    record = resolve_record(session, ref)
    if not isinstance(record, table):
        raise InvalidInput(f"'{one_line(ref, 60)}' is not a {what}.")
    return record
