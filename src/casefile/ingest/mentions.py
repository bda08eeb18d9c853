"""Find where a text names entities the case file knows, with one batched key lookup."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Lookup = Callable[[list[str]], dict[str, list[str]]]


@dataclass(slots=True)
class MentionSpan:
    """A stretch of text whose name key matched known entities."""

    start: int
    end: int
    text: str
    sentence: str
    entity_ids: list[str] = field(default_factory=list)


def find_mentions(text: str, lookup: Lookup) -> list[MentionSpan]:
    """Every span of 1-4 name-like words whose key ``lookup`` maps to entity ids."""
    return []
