"""Accepting what an ingest proposes: each function is one user action (one transaction).

Every entity accepted from a source is linked to it with the role ``mentioned in`` and a
citation on that link whose quote is the sentence and whose locator is the paragraph;
each of its occurrences is stored as a mention.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, select

from casefile.errors import InvalidInput
from casefile.ingest.sentences import SentenceIndex
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

MENTIONED_IN = "mentioned in"
Span = tuple[int, int, str, str]  # start, end, matched text, sentence


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
    return _new(session, source, text, candidate, kind, name, None)


def _new(
    session: Session,
    source: Entity,
    text: str,
    candidate: CandidateView,
    kind: str | None,
    name: str | None,
    index: SentenceIndex | None,
) -> AcceptResult:
    wanted = normalize_kind(kind or candidate.kind)
    if wanted not in MENTIONABLE:
        raise InvalidInput("A candidate becomes a person, an organization or a place.")
    ref = add_entity(session, kind=wanted, data=EntityFields(name=name or candidate.name))
    entity = resolve_entity(session, ref.id)
    done = _link_spans(session, source, text, entity, _candidate_spans(text, candidate, index))
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


def accept_link(
    session: Session, *, source_ref: str, candidate: CandidateView, entity_ref: str
) -> AcceptResult:
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
    """Accept every candidate of ``kinds`` at or above ``threshold``: an existing entity of the
    same name is linked, otherwise a new entity is created."""
    source, text = _source(session, source_ref)
    index = SentenceIndex(text)
    result = AcceptResult()
    for cand in candidates:
        if cand.confidence < threshold or cand.kind not in kinds:
            continue
        same = [e for e in cand.maybe_same_as if fold(e.name) == fold(cand.name)]
        if same:
            entity = resolve_entity(session, same[0].id)
            spans = _candidate_spans(text, cand, index)
            result = result + _link_spans(session, source, text, entity, spans)
        else:
            result = result + _new(session, source, text, cand, None, None, index)
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
        session,
        source_ref,
        entity_ref,
        attribute or count.attribute,
        str(count.value),
        count.start,
        count.sentence,
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


def _link_spans(
    session: Session, source: Entity, text: str, entity: Entity, spans: Sequence[Span]
) -> AcceptResult:
    """The ``mentioned in`` link (cited once, at the first occurrence) and a mention per span."""
    if entity.id == source.id:
        raise InvalidInput(f"{source.handle} cannot mention itself.")
    ordered = sorted(spans)
    links = citations = 0
    link = session.exec(
        select(Link).where(
            Link.source_id == entity.id, Link.target_id == source.id, Link.role == MENTIONED_IN
        )
    ).first()
    if link is None:
        written = add_link(session, source_ref=entity.id, target_ref=source.id, role=MENTIONED_IN)
        links = 1
        if ordered:
            first = ordered[0]
            row = session.get(Link, written.id)
            assert row is not None  # added in this transaction
            cite_row(session, row, _citation(source, text, first[0], first[3]))
            citations = 1
    stored = set(
        session.exec(
            select(Mention.start).where(Mention.source_id == source.id, Mention.entity_id == entity.id)
        )
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


def _candidate_spans(text: str, candidate: CandidateView, index: SentenceIndex | None = None) -> list[Span]:
    """Each occurrence with the sentence around it (the first one's is the candidate's own)."""
    if index is None and len(candidate.occurrences) > 1:
        index = SentenceIndex(text)
    spans: list[Span] = []
    for n, (s, e) in enumerate(candidate.occurrences):
        sentence = candidate.sentence if n == 0 or index is None else index.sentence_at(s)
        spans.append((s, e, text[s:e] if e <= len(text) else candidate.name, sentence))
    return spans
