"""Find where a text names entities the case file knows, with one batched key lookup.

The keys are the same whole-name skeletons that search and duplicate detection store
(``casefile.names.name_keys(name).whole_skeleton``: the ``name_key`` rows with an empty
token), so "Tikhanovskaya" finds the stored "Tsikhanouskaya" and "Ihar Karnei" finds
"Ihor Korney". Russian and Belarusian words also try their nominative forms, so
"Ольгу Ковалёву" and "Тихановской" find "Ольга Ковалёва" and "Тихановская".

The caller's ``lookup`` gets every key at once and answers ``key -> entity ids``: with
the name index that is one ``WHERE token = '' AND skeleton IN (...)`` query per chunk of
keys, whatever the number of entities. A lone surname after a matched full name
("Keith Kellogg" ... "Kellogg") takes the full name's entities.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from casefile.ingest.inflect import first_name, is_cyrillic, noun_nominatives, surname_nominative
from casefile.ingest.sentences import SentenceIndex
from casefile.names import fold as _fold_uncached
from casefile.names import skeleton

Lookup = Callable[[list[str]], dict[str, list[str]]]
fold = lru_cache(maxsize=65_536)(_fold_uncached)

MAX_WORDS = 4
MAX_KEYS_PER_SPAN = 16
_WORD = re.compile(r"(?:[A-ZА-ЯЁІЎЄЇҐ]\.){2,}|[^\W\d_]+(?:[-'’ʼ][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"(?<=[a-z])['’]s?$")


@dataclass(slots=True)
class MentionSpan:
    """A stretch of text whose name key matched known entities."""

    start: int
    end: int
    text: str
    sentence: str
    entity_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    text: str


def find_mentions(text: str, lookup: Lookup) -> list[MentionSpan]:
    """Every span of 1-4 capitalised words whose key ``lookup`` maps to entity ids, longest first."""
    runs = _capitalised_runs(text)
    span_keys: dict[tuple[int, int], tuple[str, ...]] = {}
    for run in runs:
        for i in range(len(run)):
            for j in range(i + 1, min(len(run), i + MAX_WORDS) + 1):
                keys = span_keys_of(tuple(w.text for w in run[i:j]))
                if keys:
                    span_keys[(run[i].start, run[j - 1].end)] = keys
    all_keys = sorted({k for keys in span_keys.values() for k in keys})
    found = lookup(all_keys) if all_keys else {}
    matched: list[tuple[int, int, list[str]]] = []
    for (start, end), keys in span_keys.items():
        ids = sorted({i for k in keys for i in found.get(k, ())})
        if ids:
            matched.append((start, end, ids))
    chosen = _longest_first(matched)
    chosen = _add_lone_surnames(runs, chosen)
    sentences = SentenceIndex(text)
    return [
        MentionSpan(start, end, text[start:end], sentences.sentence_at(start), ids)
        for start, end, ids in sorted(chosen)
    ]


def _capitalised_runs(text: str) -> list[list[_Word]]:
    runs: list[list[_Word]] = []
    current: list[_Word] = []
    previous_end = -1
    for match in _WORD.finditer(text):
        raw = match.group(0)
        word = _POSSESSIVE.sub("", raw)
        item = _Word(match.start(), match.start() + len(word), word)
        if not word[:1].isupper() or len(fold(word)) < 2:
            if current:
                runs.append(current)
            current = []
            continue
        if current and text[previous_end : item.start] not in (" ", "\u00a0"):
            runs.append(current)
            current = []
        current.append(item)
        previous_end = item.end
        if word != raw:  # a possessive ends the name
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


@lru_cache(maxsize=65_536)
def word_skeletons(word: str) -> tuple[str, ...]:
    """Skeletons of a word and, for Cyrillic, of its possible nominative forms."""
    forms = [word]
    if is_cyrillic(word):
        forms.extend(noun_nominatives(word)[1:])
        forms.append(surname_nominative(word, "f"))
        forms.append(surname_nominative(word, "m"))
        known = first_name(word)
        if known is not None:
            forms.append(known[0])
    out: list[str] = []
    for form in forms:
        for token in fold(form).split():
            key = skeleton(token)
            if key and key not in out:
                out.append(key)
    return tuple(out[:4])


@lru_cache(maxsize=65_536)
def span_keys_of(words: tuple[str, ...]) -> tuple[str, ...]:
    """The whole-name skeleton keys a span of words may match (word order ignored)."""
    per_word = [word_skeletons(w) for w in words]
    if not all(per_word):
        return ()
    keys: list[str] = []
    for combination in itertools.islice(itertools.product(*per_word), MAX_KEYS_PER_SPAN):
        key = " ".join(sorted(combination))
        if key not in keys:
            keys.append(key)
    return tuple(keys)


def _longest_first(matched: list[tuple[int, int, list[str]]]) -> list[tuple[int, int, list[str]]]:
    chosen: list[tuple[int, int, list[str]]] = []
    taken: list[tuple[int, int]] = []
    for start, end, ids in sorted(matched, key=lambda m: (-(m[1] - m[0]), m[0])):
        if any(start < e and s < end for s, e in taken):
            continue
        chosen.append((start, end, ids))
        taken.append((start, end))
    return chosen


def _add_lone_surnames(
    runs: list[list[_Word]], chosen: list[tuple[int, int, list[str]]]
) -> list[tuple[int, int, list[str]]]:
    """A single word equal (by skeleton) to the last word of a matched name takes its entities."""
    surnames: dict[str, set[str]] = {}
    starts = {s for s, _, _ in chosen}
    words = sorted((w for run in runs for w in run), key=lambda w: w.start)
    word_starts = [w.start for w in words]
    for start, end, ids in chosen:
        span_words = words[bisect_left(word_starts, start) : bisect_left(word_starts, end)]
        if len(span_words) < 2:
            continue
        last = span_words[-1]
        for key in word_skeletons(last.text):
            surnames.setdefault(key, set()).update(ids)
    if not surnames:
        return chosen
    taken = sorted((s, e) for s, e, _ in chosen)
    taken_starts = [s for s, _ in taken]
    out = list(chosen)
    for run in runs:
        for word in run:
            if word.start in starts or _inside(taken, taken_starts, word.start):
                continue
            found: set[str] = set().union(*(surnames.get(k, set()) for k in word_skeletons(word.text)))
            if found and len(fold(word.text)) >= 3:
                out.append((word.start, word.end, sorted(found)))
    return out


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """True when ``offset`` falls inside one of the sorted, non-overlapping ``spans``."""
    index = bisect_right(starts, offset) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]
