"""A test-only stand-in for ``casefile.ingest`` (built on another branch), same signatures.

Installed by this folder's conftest only when the real package is missing, so these tests
exercise storage, services, CLI and TUI before it lands; never imported by the product.
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass

from casefile.names import fold


@dataclass
class MentionSpan:
    start: int
    end: int
    text: str
    sentence: str
    entity_ids: list[str]


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENT = re.compile(r"[^.!?\n]+[.!?]?")


def _sentence(text: str, offset: int) -> str:
    for m in _SENT.finditer(text):
        if m.start() <= offset < m.end():
            return m.group().strip()
    return ""


def find_mentions(text: str, lookup: Callable[[list[str]], dict[str, list[str]]]) -> list[MentionSpan]:
    words = [m for m in _WORD.finditer(text) if m.group()[0].isupper()]
    found = lookup(sorted({fold(m.group()) for m in words}))
    out = []
    for m in words:
        ids = found.get(fold(m.group()))
        if ids:
            out.append(MentionSpan(m.start(), m.end(), m.group(), _sentence(text, m.start()), list(ids)))
    return out


@dataclass
class Occurrence:
    start: int
    end: int


@dataclass
class Candidate:
    name: str
    kind: str
    confidence: float
    sentence: str
    occurrences: list[Occurrence]


@dataclass
class DateFound:
    text: str
    date: str
    start: int
    end: int
    sentence: str


@dataclass
class CountFound:
    text: str
    value: int
    noun: str
    attribute: str
    start: int
    end: int
    sentence: str


@dataclass
class Proposals:
    candidates: list[Candidate]
    dates: list[DateFound]
    counts: list[CountFound]


_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]  # fmt: skip
_DATE = re.compile(r"\b(" + "|".join(m.title() for m in _MONTHS) + r") (\d{1,2})\b")
_COUNT = re.compile(r"\b(\d+) political prisoners\b")


@dataclass(frozen=True)
class KnownNames:
    known: frozenset[str] = frozenset()
    rejected: frozenset[str] = frozenset()


def propose(text: str, *, published: str | None = None, known: KnownNames | None = None) -> Proposals:
    skip = (known.known | known.rejected) if known else frozenset()
    groups: dict[str, Candidate] = {}
    for m in _NAME.finditer(text):
        name = m.group()
        if name.split()[0].lower() in _MONTHS or fold(name) in skip:
            continue
        cand = groups.setdefault(name, Candidate(name, "person", 0.9, _sentence(text, m.start()), []))
        cand.occurrences.append(Occurrence(m.start(), m.end()))
    year = (published or "2025")[:4]
    dates = [
        DateFound(m.group(), f"{year}-{_MONTHS.index(m.group(1).lower()) + 1:02d}-{int(m.group(2)):02d}",
                  m.start(), m.end(), _sentence(text, m.start()))
        for m in _DATE.finditer(text)
    ]  # fmt: skip
    counts = [
        CountFound(m.group(), int(m.group(1)), "political prisoners", "released_count", m.start(), m.end(),
                   _sentence(text, m.start()))
        for m in _COUNT.finditer(text)
    ]  # fmt: skip
    return Proposals(list(groups.values()), dates, counts)


def install(parts: list[str]) -> None:
    """Register the stand-in's ``parts`` (``candidates``, ``mentions``) as ``casefile.ingest`` modules."""
    attrs = {
        "mentions": {"find_mentions": find_mentions, "MentionSpan": MentionSpan},
        "candidates": {"propose": propose, "Proposals": Proposals, "KnownNames": KnownNames},
    }
    for name in parts:
        module = types.ModuleType(f"casefile.ingest.{name}")
        module.__dict__.update(attrs[name])
        sys.modules[f"casefile.ingest.{name}"] = module
