"""Counts of people in a text ("14 political prisoners", "13 человек") proposed as claims."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from casefile.ingest import gazetteer as g
from casefile.ingest.sentences import SentenceIndex
from casefile.names import fold

_NUMBER = "|".join(sorted(g.NUMBER_WORDS, key=len, reverse=True))
_COUNT = re.compile(
    rf"(?<![\w.,])(?P<number>\d{{1,3}}(?:[ ,\u00a0]\d{{3}})*|{_NUMBER})"
    r"(?P<noun>(?:\s+[^\W\d_]+(?:-[^\W\d_]+)*){1,3})",
    re.I,
)
_NEAR = 120
_NOT_NOUN = frozenset(
    ["other", "more", "additional", "another", "further", "new", "of", "the", "all", "these", "those"]
)


@dataclass(frozen=True, slots=True)
class FoundCount:
    """A number of people, the noun counted and the claim attribute proposed for it."""

    start: int
    end: int
    text: str
    value: int
    noun: str
    attribute: str


def find_counts(text: str, sentences: SentenceIndex) -> list[FoundCount]:
    """Counts of people; the attribute is ``released_count`` next to a release verb."""
    out: list[FoundCount] = []
    for match in _matches(text):
        words = match.group("noun").split()
        # The counted noun is the first people-noun within three words ("14 political prisoners").
        for size in range(1, len(words) + 1):
            if words[size - 1].casefold() in g.COUNTED_NOUNS:
                break
        else:
            continue
        noun_words = words[:size]
        while len(noun_words) > 1 and noun_words[0].casefold() in _NOT_NOUN:
            noun_words = noun_words[1:]
        number = match.group("number")
        value = _value(number)
        if value is None:
            continue
        noun_start = match.start("noun") + match.group("noun").index(noun_words[0])
        end = text.index(noun_words[-1], noun_start) + len(noun_words[-1])
        noun = " ".join(w.casefold() for w in noun_words)
        sentence_start, sentence_end = sentences.span_at(match.start())
        window = text[max(sentence_start, match.start() - _NEAR) : min(sentence_end, end + _NEAR)].casefold()
        released = any(word in window for word in g.RELEASE_WORDS)
        attribute = "released_count" if released else fold(noun).replace(" ", "_") + "_count"
        out.append(FoundCount(match.start(), end, text[match.start() : end], value, noun, attribute))
    return out


_WORD = re.compile(r"[^\W_]+")


def _matches(text: str) -> Iterator[re.Match[str]]:
    """``_COUNT`` tried only where a number starts (one regex pass and set look-ups)."""
    previous_end = -1
    for word in _WORD.finditer(text):
        if word.start() < previous_end:
            continue
        token = word.group(0)
        if token.isdigit() or token.casefold() in g.NUMBER_WORDS:
            match = _COUNT.match(text, word.start())
            if match is not None:
                previous_end = match.end()
                yield match


def _value(number: str) -> int | None:
    digits = re.sub(r"[ ,\u00a0]", "", number)
    if digits.isdigit():
        return int(digits)
    return g.NUMBER_WORDS.get(number.casefold())
