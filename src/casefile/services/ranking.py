"""How well one name matches a query, and why: the ranking rules of ``search``.

Tiers, best first: the exact name, an exact alias, a prefix or the same words in any
order, every word matching by transliteration skeleton, a text mention (sources and
events), then similar spellings. A candidate that reaches no tier is not a match:
search answers nothing rather than a weak guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Indel

from casefile.names import NameKeys, casefold_exact, detect_script, name_keys

TIER_EXACT = 6
TIER_ALIAS_EXACT = 5
TIER_PREFIX = 4
TIER_SKELETON = 3
TIER_TEXT = 2
TIER_FUZZY = 1
_TIER_BASE = {
    TIER_EXACT: 0.95,
    TIER_ALIAS_EXACT: 0.9,
    TIER_PREFIX: 0.75,
    TIER_SKELETON: 0.6,
    TIER_TEXT: 0.5,
    TIER_FUZZY: 0.3,
}
# A word "sounds alike" from this similarity up; a partial match needs this average.
WORD_SIMILAR = 0.75
PARTIAL_AVERAGE = 0.75
PLAUSIBLE_WORD = 0.5

_EQUAL, _PREFIX, _SKELETON, _SIMILAR, _NONE = 4, 3, 2, 1, 0
_WORD_VALUE = {_EQUAL: 1.0, _PREFIX: 0.9, _SKELETON: 0.85}


@dataclass(frozen=True, slots=True)
class Query:
    """A query's keys, computed once per search."""

    text: str
    exact: str
    keys: NameKeys
    script: str | None

    @classmethod
    def of(cls, text: str) -> Query:
        return cls(text, casefold_exact(text), name_keys(text), detect_script(text))


@dataclass(frozen=True, slots=True)
class Match:
    """A name's tier, its quality inside the tier (0-1) and a sentence saying why."""

    tier: int
    quality: float
    how: str

    @property
    def score(self) -> float:
        return round(_TIER_BASE[self.tier] + 0.04 * min(max(self.quality, 0.0), 1.0), 4)


def similarity(a: str, b: str) -> float:
    """Normalised edit similarity of two strings, 0-1."""
    return float(Indel.normalized_similarity(a, b))


def _word_level(query_word: str, query_skeleton: str, word: str, word_skeleton: str) -> tuple[int, float]:
    if query_word == word:
        return _EQUAL, 1.0
    if word.startswith(query_word):
        return _PREFIX, 0.9
    if query_skeleton and query_skeleton == word_skeleton:
        return _SKELETON, max(0.85, similarity(query_word, word))
    sim = similarity(query_word, word)
    if len(query_skeleton) >= 3 and len(word_skeleton) >= 3:
        sim = max(sim, 0.95 * similarity(query_skeleton, word_skeleton))
    return (_SIMILAR if sim >= WORD_SIMILAR else _NONE), sim


def _align(query: NameKeys, name: NameKeys) -> list[tuple[int, float]]:
    """Best word of ``name`` for each query word (each name word used once), longest first."""
    free = list(range(len(name.tokens)))
    result: list[tuple[int, float]] = [(_NONE, 0.0)] * len(query.tokens)
    order = sorted(range(len(query.tokens)), key=lambda i: -len(query.tokens[i]))
    for i in order:
        best: tuple[int, float, int] = (_NONE, 0.0, -1)
        for j in free:
            level, sim = _word_level(query.tokens[i], query.skeletons[i], name.tokens[j], name.skeletons[j])
            if (level, sim) > best[:2]:
                best = (level, sim, j)
        if best[2] >= 0 and best[1] > 0:
            free.remove(best[2])
        result[i] = best[:2]
    return result


def match_name(query: Query, name: str, keys: NameKeys, *, alias: bool) -> Match | None:
    """How ``name`` (an entity's name, or an alias when ``alias``) matches ``query``."""
    if not keys.tokens or not query.keys.tokens:
        return None
    other_script = query.script is not None and detect_script(name) not in (None, query.script)
    # Of two names of equal quality, prefer the primary name and the one in the query's script.
    bonus = (0.0 if alias else 0.1) + (0.0 if other_script else 0.1)
    exact = casefold_exact(name) == query.exact
    if exact or keys.folded == query.keys.folded:
        how = "exactly" if exact else "by transliteration" if other_script else "ignoring case and accents"
        return Match(TIER_ALIAS_EXACT if alias else TIER_EXACT, 0.8 + bonus, how)
    levels = _align(query.keys, keys)
    coverage = sum(1 for level, _ in levels if level >= _SKELETON) / len(keys.tokens)
    overall = similarity(query.keys.folded, keys.folded)
    if all(level >= _PREFIX for level, _ in levels):
        in_order = keys.folded.startswith(query.keys.folded)
        how = "by prefix" if in_order else "by words"
        return Match(TIER_PREFIX, 0.4 * overall + 0.4 * coverage + bonus, how)
    if all(level >= _SKELETON for level, _ in levels):
        how = "by transliteration" if other_script else "by spelling variant"
        mean = sum(sim for _, sim in levels) / len(levels)
        return Match(TIER_SKELETON, 0.4 * mean + 0.4 * coverage + bonus, how)
    weights = [len(t) for t in query.keys.tokens]
    values = [_WORD_VALUE.get(level, sim if level == _SIMILAR else 0.6 * sim) for level, sim in levels]
    average = sum(w * v for w, v in zip(weights, values, strict=True)) / sum(weights)
    anchored = any(level >= _SKELETON or sim >= 0.85 for level, sim in levels)
    # "Николай Статкевич" for "Mikalai Statkevich": most of the query matches well and
    # the rest is a plausible variant (Belarusian Mikalai ~ Russian Nikolai).
    strong = sum(w for w, (level, _) in zip(weights, levels, strict=True) if level >= _SKELETON)
    rest_plausible = all(sim >= PLAUSIBLE_WORD for level, sim in levels if level < _SKELETON)
    mostly = strong / sum(weights) >= 0.5 and rest_plausible
    if not ((average >= PARTIAL_AVERAGE and anchored) or mostly):
        return None
    partial = any(level == _NONE for level, _ in levels)
    how = "partly, by similar spelling" if partial else "by similar spelling"
    return Match(TIER_FUZZY, 0.8 * max(average - 0.5, 0.0) / 0.5 + bonus, how)
