"""Record claims (dated, sourced statements of a value) and decisions between conflicting ones."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, and_, or_, select

from casefile.attributes import normalize_attribute
from casefile.claim_values import (
    check_value,
    parse_value,
    statements_conflict,
)
from casefile.dates import parse_optional
from casefile.errors import InvalidInput
from casefile.services.claim_queries import claim_views, claims_in_conflict, entity_claims
from casefile.services.claim_views import ClaimView, ResolutionView
from casefile.services.clock import new_id, now_iso
from casefile.services.fields import check_text
from casefile.services.kinds import normalize_credibility
from casefile.services.refs import resolve_entity, resolve_of_type
from casefile.services.written import AddedClaim
from casefile.storage.handles import CLAIM_PREFIX, next_handle
from casefile.storage.tables import Claim, ClaimResolution

MAX_LOCATOR = 2_000


@dataclass
class ClaimInput:
    """What a user states: ``attribute = value`` per ``source`` as of ``as_of``."""

    attribute: str
    value: str
    source: str | None = None
    as_of: str | None = None
    credibility: int | None = None
    locator: str | None = None
    quote: str | None = None
    note: str | None = None


def add_claim(session: Session, *, entity_ref: str, data: ClaimInput) -> AddedClaim:
    """Record a claim about the entity ``entity_ref`` names; a claim without a source is allowed.

    Returns its read model and the claims on the same entity it conflicts with.
    """
    row = _record_claim(session, entity_ref=entity_ref, data=data)
    view = claim_views(session, [row])[0]
    others = entity_claims(session, entity_id=row.entity_id)
    return AddedClaim(view, [c for c in others if claims_in_conflict(view, c)])


def _record_claim(session: Session, *, entity_ref: str, data: ClaimInput) -> Claim:
    entity = resolve_entity(session, entity_ref)
    attribute = normalize_attribute(data.attribute)
    value = check_value(data.value)
    as_of = parse_optional(data.as_of)
    source_id = None
    if data.source is not None and data.source.strip():
        source = resolve_entity(session, data.source, kind="source")
        if source.id == entity.id:
            raise InvalidInput(f"{source.handle} cannot be its own source.")
        source_id = source.id
    elif _given(data.locator) or _given(data.quote):
        raise InvalidInput("A locator or a quote needs the --source it comes from.")
    stamp = now_iso()
    claim = Claim(
        id=new_id(),
        handle=next_handle(session, CLAIM_PREFIX),
        entity_id=entity.id,
        attribute=attribute,
        value=value,
        value_key=parse_value(value).key,
        as_of_text=as_of.text if as_of else None,
        as_of_lo=as_of.lower if as_of else None,
        as_of_hi=as_of.upper if as_of else None,
        source_id=source_id,
        locator=_short(data.locator, "locator"),
        quote=check_text(data.quote, "quote").strip() or None if data.quote else None,
        credibility=normalize_credibility(data.credibility) if data.credibility is not None else None,
        note=check_text(data.note, "note").strip() or None if data.note else None,
        created=stamp,
        updated=stamp,
    )
    session.add(claim)
    session.flush()
    return claim


def in_conflict(a: Claim, b: Claim) -> bool:
    """Same entity and attribute, values that disagree, and as-of dates that overlap or are absent."""
    return (
        a.id != b.id
        and a.entity_id == b.entity_id
        and a.attribute == b.attribute
        and statements_conflict(a.value, (a.as_of_lo, a.as_of_hi), b.value, (b.as_of_lo, b.as_of_hi))
    )


def resolve_conflict(
    session: Session, *, claim_ref: str, prefer_ref: str, note: str | None = None
) -> ResolutionView:
    """Record that ``prefer_ref`` is preferred over ``claim_ref``; both claims are kept.

    Deciding the same pair again replaces the earlier decision.
    """
    other: Claim = resolve_of_type(session, claim_ref, Claim, "claim")
    preferred: Claim = resolve_of_type(session, prefer_ref, Claim, "claim")
    if other.id == preferred.id:
        raise InvalidInput(f"{other.handle} cannot be preferred over itself.")
    if not in_conflict(other, preferred):
        raise InvalidInput(
            f"{other.handle} and {preferred.handle} do not conflict; only two claims on the same "
            "entity and attribute with different values and overlapping dates can be resolved."
        )
    text = check_text(note, "note").strip() or None if note else None
    stamp = now_iso()
    existing = session.exec(
        select(ClaimResolution).where(
            or_(
                and_(ClaimResolution.preferred_id == preferred.id, ClaimResolution.other_id == other.id),
                and_(ClaimResolution.preferred_id == other.id, ClaimResolution.other_id == preferred.id),
            )
        )
    ).first()
    if existing is not None:
        existing.preferred_id = preferred.id
        existing.other_id = other.id
        existing.note = text
        existing.updated = stamp
        session.add(existing)
        session.flush()
        return ResolutionView(existing.id, preferred.handle, other.handle, text, existing.created)
    resolution = ClaimResolution(
        id=new_id(),
        preferred_id=preferred.id,
        other_id=other.id,
        note=text,
        created=stamp,
        updated=stamp,
    )
    session.add(resolution)
    session.flush()
    return ResolutionView(resolution.id, preferred.handle, other.handle, text, stamp)


def _given(value: str | None) -> bool:
    return value is not None and bool(value.strip())


def _short(value: str | None, what: str) -> str | None:
    if not _given(value):
        return None
    assert value is not None
    if len(value) > MAX_LOCATOR:
        raise InvalidInput(f"A {what} can be at most {MAX_LOCATOR} characters long.")
    return check_text(value.strip(), what)


@dataclass
class ClaimEdit:
    """New values for a claim; ``None`` leaves a field, ``""`` clears an optional one."""

    attribute: str | None = None
    value: str | None = None
    source: str | None = None
    as_of: str | None = None
    credibility: str | None = None
    note: str | None = None
    # The ``updated`` time the edit was based on (a form's); None: this transaction's own read.
    expected_updated: str | None = None


def edit_claim(session: Session, *, claim_ref: str, edit: ClaimEdit) -> ClaimView:
    """Change a claim's attribute, value, source, as-of date, credibility or note."""
    from casefile.services.claim_queries import claim_views
    from casefile.services.versions import take_row

    claim: Claim = resolve_of_type(session, claim_ref, Claim, "claim")
    given = (edit.attribute, edit.value, edit.source, edit.as_of, edit.credibility, edit.note)
    if all(v is None for v in given):
        raise InvalidInput(
            "Nothing to change; give at least one of --value, --as-of, --source, --credibility,"
            " --attribute, --note."
        )
    stamp = take_row(session, claim, edit.expected_updated)
    if edit.attribute is not None:
        claim.attribute = normalize_attribute(edit.attribute)
    if edit.value is not None:
        claim.value = check_value(edit.value)
        claim.value_key = parse_value(claim.value).key
    if edit.as_of is not None:
        as_of = parse_optional(edit.as_of) if edit.as_of.strip() else None
        claim.as_of_text = as_of.text if as_of else None
        claim.as_of_lo = as_of.lower if as_of else None
        claim.as_of_hi = as_of.upper if as_of else None
    if edit.source is not None:
        if edit.source.strip():
            source = resolve_entity(session, edit.source, kind="source")
            if source.id == claim.entity_id:
                raise InvalidInput(f"{source.handle} cannot be its own source.")
            claim.source_id = source.id
        elif claim.locator or claim.quote:
            raise InvalidInput(
                f"{claim.handle} has a locator or a quote, which need the source it comes from."
            )
        else:
            claim.source_id = None
    if edit.credibility is not None:
        claim.credibility = normalize_credibility(edit.credibility) if edit.credibility.strip() else None
    if edit.note is not None:
        claim.note = check_text(edit.note, "note").strip() or None
    claim.updated = stamp
    session.add(claim)
    session.flush()
    return claim_views(session, [claim])[0]


def remove_claim(session: Session, *, claim_ref: str) -> ClaimView:
    """Delete a claim; its citations and the decisions that name it go with it."""
    from casefile.services.claim_queries import claim_views

    claim: Claim = resolve_of_type(session, claim_ref, Claim, "claim")
    view = claim_views(session, [claim])[0]
    session.delete(claim)
    session.flush()
    return view
