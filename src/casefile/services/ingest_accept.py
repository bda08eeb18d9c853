"""Accepting what an ingest proposes: each function is one user action (one transaction).

Every entity accepted from a source is linked to it with the role ``mentioned in`` and a
citation on that link whose quote is the sentence and whose locator is the paragraph;
each of its occurrences is stored as a mention.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlmodel import Session, select

from casefile.errors import InvalidInput
from casefile.names import fold
from casefile.services.citations import CitationInput, cite_row
from casefile.services.claims import ClaimInput, add_claim
from casefile.services.clock import new_id, now_iso
from casefile.services.entities import add_alias, add_entity
from casefile.services.fields import EntityFields
from casefile.services.ingest import locator
from casefile.services.ingest_views import AcceptResult, CandidateView, CountView, DateView, MentionView
from casefile.services.kinds import normalize_kind
from casefile.services.links import add_link
from casefile.services.name_lookup import MENTIONABLE
from casefile.services.refs import resolve_entity
from casefile.services.views import EntityRef
from casefile.storage.tables import Entity, Link, Mention, RejectedName, SourceFile
from casefile.text import one_line

MENTIONED_IN = "mentioned in"
Span = tuple[int, int, str, str]  # start, end, matched text, sentence
_SENTENCE_END = re.compile(r"[.!?…]['\"”»’)]*\s+|\n")


def accept_mentions(session: Session, *, source_ref: str, mentions: Sequence[MentionView]) -> AcceptResult:
    """Link every entity in ``mentions`` to the source (accept all known)."""
    source, text = _source(session, source_ref)
    by_entity: dict[str, list[Span]] = {}
    for m in mentions:
        by_entity.setdefault(m.entity.id, []).append((m.start, m.end, m.text, m.sentence))
    result = AcceptResult()
    for entity_id, spans in by_entity.items():
        entity = resolve_entity(session, entity_id)
        result = result + _link_spans(session, source, text, entity, spans)
    return result


def accept_new(
    session: Session,
    *,
    source_ref: str,
    candidate: CandidateView,
    kind: str | None = None,
    name: str | None = None,
) -> AcceptResult:
    """Create the candidate as a new entity (of ``kind``, or the proposed one) and link it."""
    source, text = _source(session, source_ref)
    wanted = normalize_kind(kind or candidate.kind)
    if wanted not in MENTIONABLE:
        raise InvalidInput("A candidate becomes a person, an organization or a place.")
    ref = add_entity(session, kind=wanted, data=EntityFields(name=name or candidate.name))
    entity = resolve_entity(session, ref.id)
    done = _link_spans(session, source, text, entity, _candidate_spans(text, candidate))
    return AcceptResult(created=(ref,)) + done


def accept_alias(
    session: Session, *, source_ref: str, candidate: CandidateView, entity_ref: str
) -> AcceptResult:
    """Record the candidate's name as an alias of an existing entity, and link that entity."""
    source, text = _source(session, source_ref)
    entity = resolve_entity(session, entity_ref)
    if fold(candidate.name) != fold(entity.name):
        add_alias(session, entity, candidate.name)
        session.flush()
    done = _link_spans(session, source, text, entity, _candidate_spans(text, candidate))
    return AcceptResult(linked=(EntityRef.of(entity),)) + done


def accept_link(session: Session, *, source_ref: str, candidate: CandidateView, entity_ref: str) -> AcceptResult:
    """Link an existing entity to the source where the candidate's name occurs (no alias)."""
    source, text = _source(session, source_ref)
    entity = resolve_entity(session, entity_ref)
    done = _link_spans(session, source, text, entity, _candidate_spans(text, candidate))
    return AcceptResult(linked=(EntityRef.of(entity),)) + done


def reject(session: Session, *, source_ref: str, name: str) -> AcceptResult:
    """Remember that ``name`` is not to be proposed again for this source."""
    source = resolve_entity(session, source_ref, kind="source")
    key = fold(name)
    if not key:
        raise InvalidInput("Give the name to reject.")
    if session.get(RejectedName, (source.id, key)) is None:
        session.add(RejectedName(source_id=source.id, name_folded=key, name=name.strip(), created=now_iso()))
        session.flush()
    return AcceptResult(rejected=1)


def accept_candidates(
    session: Session,
    *,
    source_ref: str,
    candidates: Sequence[CandidateView],
    threshold: float,
    kinds: Sequence[str] = MENTIONABLE,
) -> AcceptResult:
    """Accept every candidate of ``kinds`` at or above ``threshold``: the first near match is
    linked, otherwise a new entity is created."""
    result = AcceptResult()
    for cand in candidates:
        if cand.confidence < threshold or cand.kind not in kinds:
            continue
        if cand.maybe_same_as and fold(cand.maybe_same_as[0].name) == fold(cand.name):
            result = result + accept_link(
                session, source_ref=source_ref, candidate=cand, entity_ref=cand.maybe_same_as[0].id
            )
        else:
            result = result + accept_new(session, source_ref=source_ref, candidate=cand)
    return result


def accept_date_as_event(
    session: Session, *, source_ref: str, date: DateView, title: str, place_ref: str | None = None
) -> AcceptResult:
    """Create an event on the date found, cited to the source with its sentence."""
    source, text = _source(session, source_ref)
    ref = add_entity(
        session, kind="event", data=EntityFields(name=title, date=date.date, place=place_ref or None)
    )
    event = resolve_entity(session, ref.id)
    cite_row(session, event, _citation(source, text, date.start, date.sentence))
    return AcceptResult(created=(ref,), citations=1)


def accept_date_as_claim(
    session: Session, *, source_ref: str, date: DateView, entity_ref: str, attribute: str
) -> AcceptResult:
    """Record ``attribute = date`` about an entity, sourced to this text."""
    return _claim(session, source_ref, entity_ref, attribute, date.date, date.start, date.sentence)


def accept_count(
    session: Session, *, source_ref: str, count: CountView, entity_ref: str, attribute: str | None = None
) -> AcceptResult:
    """Record a count (``released_count = 14``) as a claim about an entity, sourced to this text."""
    return _claim(
        session, source_ref, entity_ref, attribute or count.attribute, str(count.value), count.start, count.sentence
    )


def _claim(
    session: Session, source_ref: str, entity_ref: str, attribute: str, value: str, start: int, sentence: str
) -> AcceptResult:
    source, text = _source(session, source_ref)
    data = ClaimInput(
        attribute=attribute,
        value=value,
        source=source.id,
        as_of=source.published_text,
        locator=locator(text, start),
        quote=sentence or None,
    )
    add_claim(session, entity_ref=entity_ref, data=data)
    return AcceptResult(claims=1)


def _source(session: Session, ref: str) -> tuple[Entity, str]:
    source = resolve_entity(session, ref, kind="source")
    row = session.get(SourceFile, source.id)
    return source, row.text if row is not None else ""


def _citation(source: Entity, text: str, start: int, sentence: str) -> CitationInput:
    return CitationInput(source=source.id, locator=locator(text, start), quote=sentence.strip() or None)


def _link_spans(session: Session, source: Entity, text: str, entity: Entity, spans: Sequence[Span]) -> AcceptResult:
    """The ``mentioned in`` link (cited once, at the first occurrence) and a mention per span."""
    if entity.id == source.id:
        raise InvalidInput(f"{source.handle} cannot mention itself.")
    ordered = sorted(spans)
    links = citations = 0
    link = session.exec(
        select(Link).where(Link.source_id == entity.id, Link.target_id == source.id, Link.role == MENTIONED_IN)
    ).first()
    if link is None:
        link = add_link(session, source_ref=entity.id, target_ref=source.id, role=MENTIONED_IN)
        links = 1
        if ordered:
            first = ordered[0]
            cite_row(session, link, _citation(source, text, first[0], first[3]))
            citations = 1
    stored = set(
        session.exec(select(Mention.start).where(Mention.source_id == source.id, Mention.entity_id == entity.id))
    )
    stamp = now_iso()
    added = 0
    for start, end, matched, sentence in ordered:
        if start in stored:
            continue
        stored.add(start)
        session.add(
            Mention(
                id=new_id(),
                source_id=source.id,
                entity_id=entity.id,
                start=start,
                end=end,
                text=matched,
                sentence=sentence,
                created=stamp,
            )
        )
        added += 1
    session.flush()
    return AcceptResult(linked=(EntityRef.of(entity),), links=links, citations=citations, mentions=added)


def _candidate_spans(text: str, candidate: CandidateView) -> list[Span]:
    return [
        (s, e, text[s:e] if e <= len(text) else candidate.name, sentence_at(text, s) or candidate.sentence)
        for s, e in candidate.occurrences
    ]


def sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` that holds ``offset`` (a simple splitter: end punctuation or a line end)."""
    if not text or offset >= len(text):
        return ""
    start = max(0, offset - 2000)
    for m in _SENTENCE_END.finditer(text, start, offset):
        start = m.end()
    found = _SENTENCE_END.search(text, offset)
    end = found.start() + 1 if found and text[found.start()] != "\n" else (found.start() if found else len(text))
    return one_line(text[start:end].strip(), 2000)
