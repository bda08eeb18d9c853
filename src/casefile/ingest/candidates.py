"""Propose names, dates and counts a text mentions that the case file does not know yet."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    """Folded names the caller already knows or rejected: they are not proposed again."""

    known: frozenset[str] = frozenset()
    rejected: frozenset[str] = frozenset()


def propose(text: str, *, published: str | None = None, known: KnownNames | None = None) -> Proposals:
    """Candidates, dates and counts in ``text``; ``published`` (EDTF) supplies missing years."""
    return Proposals()
