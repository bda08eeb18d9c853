"""Propose names, dates and counts a text mentions that the case file does not know yet.

Offline rules and general gazetteers, no model: capitalised name sequences (Latin and
Cyrillic) and quoted names become mentions; cue words around them (titles, "according
to", "in Minsk", organisation words) vote on their kind; mentions of one name ("Sviatlana
Tikhanovskaya" ... "Tikhanovskaya", "Тихановской") are grouped into one candidate named
in the nominative.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from casefile.ingest.counts import find_counts
from casefile.ingest.datefind import find_dates, year_of
from casefile.ingest.inflect import surname_forms
from casefile.ingest.name_votes import NameMention
from casefile.ingest.names_rules import find_name_mentions
from casefile.ingest.sentences import SentenceIndex
from casefile.names import fold

KINDS = ("person", "organization", "place")


@dataclass(slots=True)
class Candidate:
    """One proposed entity: its dictionary-form name, likely kind and every occurrence."""

    name: str
    kind: str  # "person" | "organization" | "place"
    confidence: float
    sentence: str
    occurrences: list[tuple[int, int]] = field(default_factory=list)
    maybe_same_as: list[str] = field(default_factory=list)  # filled by the caller


@dataclass(slots=True)
class DateMention:
    """A calendar date written in the text, as EDTF."""

    text: str
    date: str
    start: int
    end: int
    sentence: str


@dataclass(slots=True)
class CountMention:
    """A count of people ("14 political prisoners") proposed as a claim."""

    text: str
    value: int
    noun: str
    attribute: str
    start: int
    end: int
    sentence: str


@dataclass(slots=True)
class Proposals:
    """Everything :func:`propose` found."""

    candidates: list[Candidate] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    counts: list[CountMention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class KnownNames:
    """Names not to propose: already in the case file, or rejected for this source (any spelling)."""

    known: frozenset[str] = frozenset()
    rejected: frozenset[str] = frozenset()

    def excludes(self, name: str) -> bool:
        """True when ``name`` folds to a known or rejected name."""
        key = fold(name)
        return key in self.known or key in self.rejected or name in self.rejected


def propose(
    text: str,
    *,
    published: str | None = None,
    known: KnownNames | None = None,
    on_progress: Callable[[float], None] | None = None,
) -> Proposals:
    """Candidates, dates and counts in ``text``; ``published`` (EDTF) supplies missing years.

    ``on_progress`` gets the fraction done (0..1) now and then, for a progress bar.
    """
    report = on_progress or (lambda _fraction: None)
    sentences = SentenceIndex(text)
    report(0.1)
    mentions = find_name_mentions(text, sentences, on_progress=lambda f: report(0.1 + 0.6 * f))
    candidates = group_mentions(mentions, sentences)
    report(0.8)
    if known is not None:
        candidates = [c for c in candidates if not known.excludes(c.name)]
    candidates.sort(key=lambda c: c.occurrences[0][0])
    dates = [
        DateMention(d.text, d.date, d.start, d.end, sentences.sentence_at(d.start))
        for d in find_dates(text, default_year=year_of(published))
    ]
    counts = [
        CountMention(c.text, c.value, c.noun, c.attribute, c.start, c.end, sentences.sentence_at(c.start))
        for c in find_counts(text, sentences)
    ]
    report(1.0)
    return Proposals(candidates, dates, counts)


@dataclass(slots=True)
class _Group:
    key: str
    names: Counter[str] = field(default_factory=Counter)
    votes: Counter[str] = field(default_factory=Counter)
    mentions: list[NameMention] = field(default_factory=list)
    tokens: int = 0
    full_starts: list[int] = field(default_factory=list)


def group_mentions(mentions: list[NameMention], sentences: SentenceIndex) -> list[Candidate]:
    """One candidate per name: full names first, then lone surnames and words join them."""
    groups: dict[str, _Group] = {}
    surnames: dict[str, list[_Group]] | None = None
    for mention in sorted(mentions, key=lambda m: (-len(m.words), m.start)):
        key = fold(mention.name)
        if not key:
            continue
        group = groups.get(key)
        if group is None and len(mention.words) == 1 and not mention.quoted:
            # Every longer name is grouped by now: index the people by their last words once.
            if surnames is None:
                surnames = _people_by_last_word(groups)
            group = _join_target(surnames, mention)
        if group is None:
            group = groups[key] = _Group(key, tokens=len(mention.words))
        group.names[mention.name] += 1
        group.votes.update(mention.votes)
        group.mentions.append(mention)
    out: list[Candidate] = []
    for group in groups.values():
        candidate = _candidate(group, sentences)
        if candidate is not None:
            out.append(candidate)
    return out


def _people_by_last_word(groups: dict[str, _Group]) -> dict[str, list[_Group]]:
    """Multi-word person groups by their surname's folded form (a double surname by both parts)."""
    out: dict[str, list[_Group]] = {}
    for group in groups.values():
        if group.tokens > 1 and group.votes["person"] >= group.votes["organization"]:
            group.full_starts = sorted(m.start for m in group.mentions)
            words = group.key.split()
            for size in (1, 2):
                if len(words) > size:
                    out.setdefault(" ".join(words[-size:]), []).append(group)
    return out


def _join_target(surnames: dict[str, list[_Group]], mention: NameMention) -> _Group | None:
    """The multi-word person group a lone surname (maybe inflected) belongs to."""
    forms = {fold(mention.name)} | {fold(f) for f in surname_forms(mention.words[0])}
    matches = list({id(g): g for form in forms for g in surnames.get(form, ())}.values())
    if len(matches) == 1:
        return matches[0]
    if not matches:
        return None

    def last_before(group: _Group) -> int:
        # Two people share the surname: the one whose full name came last before it.
        index = bisect_left(group.full_starts, mention.start)
        return group.full_starts[index - 1] if index else -1

    return max(matches, key=last_before)


def _candidate(group: _Group, sentences: SentenceIndex) -> Candidate | None:
    votes = group.votes
    strong = sum(votes[k] for k in KINDS)
    if strong <= 0 and (votes["weak"] <= 0 or group.tokens == 1):
        return None  # a lone capitalised word with no cue at all is too often not a name
    kind = max(KINDS, key=lambda k: (votes[k], k == "person"))
    if votes[kind] <= 0:
        kind = "person" if votes["name_like"] > 0 else "organization"
    total = sum(max(votes[k], 0) for k in KINDS) or 1
    share = max(votes[kind], 0) / total
    evidence = min(1.0, (strong + 0.5 * len(group.mentions)) / 4)
    confidence = round(min(0.99, 0.35 + 0.35 * share + 0.3 * evidence), 2)
    # The name shown: the longest form, the most frequent among those.
    name = max(group.names, key=lambda n: (len(n.split()), group.names[n], -len(n)))
    first = min(group.mentions, key=lambda m: m.start)
    occurrences = sorted({(m.start, m.end) for m in group.mentions})
    return Candidate(name, kind, confidence, sentences.sentence_at(first.start), occurrences)
