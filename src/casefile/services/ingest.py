"""Ingest a document: store it as a source's evidence, then find what it names.

Reading the document (``casefile.ingest``) is pure and runs outside any transaction;
storing the source is one write; proposals are computed in a read, from the stored
text, so a re-ingest or a later review shows the same proposals again.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from casefile.errors import CasefileError, InvalidInput
from casefile.ingest.candidates import KnownNames, propose
from casefile.ingest.extract import extract_document
from casefile.ingest.mentions import find_mentions
from casefile.names import fold
from casefile.services.dossier import build_dossier
from casefile.services.entities import add_entity
from casefile.services.evidence import attach_file, source_with_bytes
from casefile.services.fields import EntityFields
from casefile.services.ingest_views import CandidateView, CountView, DateView, IngestReport, MentionView
from casefile.services.name_lookup import MENTIONABLE, name_index_lookup
from casefile.services.refs import resolve_entity
from casefile.services.search import search
from casefile.services.views import EntityRef
from casefile.storage.tables import Entity, RejectedName, SourceFile
from casefile.text import one_line

Progress = Callable[[int, int], None]
# Texts are analysed in pieces of about this many characters, cut at paragraph ends, so
# a long text shows progress; names are grouped again across pieces.
PIECE = 200_000
MAYBE_SAME_LIMIT = 3


@dataclass
class IngestInput:
    """A file's bytes and name, plus what the user said about it (None: take it from the document)."""

    data: bytes
    filename: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    reliability: str | None = None


@dataclass
class ReadDocument:
    """A document read but not stored yet."""

    request: IngestInput
    text: str
    kind: str
    encoding: str | None
    fields: EntityFields
    proposed: dict[str, str]


def read_document(request: IngestInput) -> ReadDocument:
    """Extract the text and metadata of ``request.data`` (no database); one sentence when it cannot."""
    if not request.data:
        raise InvalidInput(f"'{one_line(request.filename, 120)}' is empty; there is nothing to ingest.")
    doc = extract_document(request.data, request.filename)
    if not doc.text.strip():
        raise InvalidInput(f"casefile found no text in '{one_line(request.filename, 120)}'.")
    proposed: dict[str, str] = {}

    def pick(given: str | None, found: str | None, name: str) -> str | None:
        if given is not None:
            return given
        if found and found.strip():
            proposed[name] = found.strip()
            return found.strip()
        return None

    title = pick(request.title, doc.title, "title") or _fallback_title(request.filename)
    published = pick(request.published, doc.published, "published")
    if published is not None and request.published is None and not _is_date(published):
        proposed.pop("published", None)
        published = None
    fields = EntityFields(
        name=title[:2000],
        url=pick(request.url, doc.url, "url"),
        publisher=pick(request.publisher, doc.publisher, "publisher"),
        author=pick(request.author, doc.author, "author"),
        published=published,
        reliability=request.reliability,
        type="document" if doc.kind == "pdf" else "article",
    )
    return ReadDocument(request, doc.text, doc.kind, doc.encoding, fields, proposed)


def store_document(session: Session, doc: ReadDocument) -> tuple[EntityRef, bool]:
    """Create the source and keep its file and text; an already stored file's source instead."""
    existing = source_with_bytes(session, doc.request.data)
    if existing is not None:
        return EntityRef.of(existing), True
    ref = add_entity(session, kind="source", data=doc.fields)
    source = resolve_entity(session, ref.id, kind="source")
    attach_file(
        session,
        source,
        doc.request.data,
        filename=doc.request.filename,
        media_type=doc.kind,
        encoding=doc.encoding,
        text=doc.text,
    )
    return ref, False


def analyse(
    session: Session, *, source_ref: str, progress: Progress | None = None, existing: bool = False
) -> IngestReport:
    """The source's record and what its stored text names: known mentions, candidates, dates, counts."""
    source = resolve_entity(session, source_ref, kind="source")
    row = session.get(SourceFile, source.id)
    text = row.text if row is not None else ""
    report = IngestReport(
        source=EntityRef.of(source),
        source_json=build_dossier(session, source).to_json(),
        existing=existing,
        text=text,
    )
    if not text:
        return report
    lookup = name_index_lookup(session)
    rejected = set(session.exec(select(RejectedName.name_folded).where(RejectedName.source_id == source.id)))
    pieces = list(_pieces(text))
    raw_mentions: list[Any] = []
    raw_candidates: list[tuple[int, Any]] = []
    raw_dates: list[tuple[int, Any]] = []
    raw_counts: list[tuple[int, Any]] = []
    done = 0
    for offset, piece in pieces:
        for span in find_mentions(piece, lookup):
            raw_mentions.append((offset, span))
        known = KnownNames(
            known=frozenset(fold(span.text) for _, span in raw_mentions), rejected=frozenset(rejected)
        )
        proposals = propose(piece, published=source.published_text, known=known)
        raw_candidates.extend((offset, c) for c in proposals.candidates)
        raw_dates.extend((offset, d) for d in proposals.dates)
        raw_counts.extend((offset, c) for c in proposals.counts)
        done += len(piece)
        if progress is not None:
            progress(done, len(text))
    report.mentions = _mentions(session, raw_mentions)
    report.candidates = _candidates(session, raw_candidates, rejected)
    report.dates = [
        DateView(d.text, str(d.date), o + _start(d), o + _end(d), _attr(d, "sentence", ""))
        for o, d in raw_dates
    ]
    report.counts = [
        CountView(
            c.text, int(c.value), c.noun, c.attribute, o + _start(c), o + _end(c), _attr(c, "sentence", "")
        )
        for o, c in raw_counts
    ]
    return report


def paragraph_number(text: str, offset: int) -> int:
    """The 1-based paragraph (a run of non-empty lines) that holds ``offset``."""
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
    return bisect_right(starts, offset)


def locator(text: str, offset: int) -> str:
    """The citation locator of a position in a source's text."""
    return f"¶ {paragraph_number(text, offset)}"


def _mentions(session: Session, raw: list[tuple[int, Any]]) -> list[MentionView]:
    ids = {entity_id for _, span in raw for entity_id in span.entity_ids}
    entities = (
        {e.id: EntityRef.of(e) for e in session.exec(select(Entity).where(col(Entity.id).in_(sorted(ids))))}
        if ids
        else {}
    )
    out: list[MentionView] = []
    for offset, span in raw:
        for entity_id in span.entity_ids:
            ref = entities.get(entity_id)
            if ref is not None and ref.kind in MENTIONABLE:
                out.append(MentionView(ref, span.text, offset + span.start, offset + span.end, span.sentence))
    out.sort(key=lambda m: (m.start, m.entity.handle))
    return out


def _candidates(session: Session, raw: list[tuple[int, Any]], rejected: set[str]) -> list[CandidateView]:
    """Candidates grouped by name across pieces, rejected ones dropped, near matches added."""
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for offset, cand in raw:
        if fold(cand.name) in rejected:
            continue
        key = (fold(cand.name), cand.kind)
        occurrences = [(offset + s, offset + e) for s, e in _occurrences(cand)]
        entry = grouped.get(key)
        if entry is None:
            grouped[key] = {
                "name": cand.name,
                "kind": cand.kind,
                "confidence": float(cand.confidence),
                "sentence": _attr(cand, "sentence", ""),
                "occurrences": occurrences,
            }
        else:
            entry["confidence"] = max(entry["confidence"], float(cand.confidence))
            entry["occurrences"].extend(occurrences)
    out = [
        CandidateView(
            name=e["name"],
            kind=e["kind"],
            confidence=e["confidence"],
            sentence=e["sentence"],
            occurrences=tuple(sorted(set(e["occurrences"]))),
            maybe_same_as=tuple(_maybe_same(session, e["name"], e["kind"])),
        )
        for e in grouped.values()
    ]
    out.sort(key=lambda c: (c.occurrences[0] if c.occurrences else (0, 0), c.name))
    return out


def _maybe_same(session: Session, name: str, kind: str) -> list[EntityRef]:
    try:
        hits = search(session, query=name, kind=kind if kind in MENTIONABLE else None, limit=MAYBE_SAME_LIMIT)
    except CasefileError:
        return []
    return [h.entity for h in hits if h.entity.kind in MENTIONABLE]


def _occurrences(cand: Any) -> Iterable[tuple[int, int]]:
    for occ in getattr(cand, "occurrences", ()) or ():
        if isinstance(occ, tuple | list):
            yield int(occ[0]), int(occ[1])
        else:
            yield int(occ.start), int(occ.end)


def _attr(obj: Any, name: str, default: Any) -> Any:
    value = getattr(obj, name, default)
    return default if value is None else value


def _start(obj: Any) -> int:
    return int(_attr(obj, "start", 0))


def _end(obj: Any) -> int:
    return int(_attr(obj, "end", 0))


def _pieces(text: str) -> Iterable[tuple[int, str]]:
    """``text`` cut at paragraph ends (or lines, or anywhere) into pieces of about ``PIECE``."""
    start = 0
    while start < len(text):
        stop = min(len(text), start + PIECE)
        if stop < len(text):
            cut = max(text.rfind("\n\n", start, stop), text.rfind("\n", start, stop))
            if cut > start:
                stop = cut + 1
        yield start, text[start:stop]
        start = stop


def _fallback_title(filename: str) -> str:
    stem = filename.rsplit("/", 1)[-1]
    return stem.rsplit(".", 1)[0] or stem or "Untitled document"


def _is_date(value: str) -> bool:
    from casefile.dates import parse_date

    try:
        parse_date(value)
    except CasefileError:
        return False
    return True


_EVENT_NOUNS = {
    "released": "Release",
    "freed": "Release",
    "pardoned": "Pardon",
    "arrested": "Arrest",
    "detained": "Detention",
    "sentenced": "Sentencing",
    "convicted": "Conviction",
    "killed": "Killing",
    "injured": "Injuries",
    "deported": "Deportation",
}


def suggest_event_title(report: IngestReport, date: DateView) -> str:
    """A title for an event on ``date``: what a count near it says happened ("Release of 14
    political prisoners"), else the date's own words."""
    near = [c for c in report.counts if c.sentence and c.sentence == date.sentence] or report.counts
    for count in near:
        noun = _EVENT_NOUNS.get(count.attribute.split("_", 1)[0])
        if noun:
            return f"{noun} of {count.value} {count.noun}".strip()
    return f"Event of {date.text}"
