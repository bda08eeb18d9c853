"""Where names stand in a text: quoted names, and runs of capitalised words (joined across
"of the", name particles and the lower-case words that finish a Cyrillic organisation).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from casefile.ingest import gazetteer as g
from casefile.ingest.inflect import first_name, is_cyrillic
from casefile.ingest.name_tokens import Doc, fold, joined
from casefile.ingest.name_votes import NameMention, vote_gazetteer
from casefile.ingest.name_words import CYR_ADJ, is_org_cue

_QUOTED = re.compile(r"[\"“«„]([^\"”»“«„\n]{2,60}?)[,.]?[\"”»“]")
_CONNECTORS = frozenset({"of", "for", "to"})
_FUNCTION = frozenset({"the", "a", "an", "this", "that", "and", "or"})
_NAME_PARTICLES = frozenset({"de", "von", "van", "der", "da", "al", "bin", "ibn", "la", "le", "du", "del"})


def quoted_names(doc: Doc) -> list[tuple[NameMention, list[int]]]:
    out: list[tuple[NameMention, list[int]]] = []
    starts = [t.start for t in doc.tokens]
    for match in _QUOTED.finditer(doc.text):
        inner = match.group(1).strip().rstrip(",.")
        words = inner.split()
        if not words or len(words) > 5 or not words[0][:1].isupper():
            continue
        cyrillic = is_cyrillic(inner)
        significant = [w for w in words if w.casefold() not in _CONNECTORS and w.casefold() != "the"]
        if not cyrillic and not all(w[:1].isupper() for w in significant):
            continue
        if cyrillic and (len(words) > 3 or words[0].casefold() in g.COMMON_WORDS):
            continue
        if any(ch in inner for ch in "!?:;"):
            continue
        start = match.start(1) + (len(match.group(1)) - len(match.group(1).lstrip()))
        end = start + len(inner)
        ids = list(range(bisect_left(starts, start), bisect_left(starts, end)))
        if len(words) == 1 and doc.common(words[0]) and fold(words[0]) not in g.ORGANIZATION_PHRASES:
            continue
        mention = NameMention(start, end, words, inner, Counter(), quoted=True)
        vote_gazetteer(mention)
        # A quoted name is an organisation or a title, unless it is a known place or a first name leads it.
        if not mention.votes["place"] and first_name(words[0]) is None:
            mention.votes["organization"] += 3
        out.append((mention, ids))
    return out


def capital_runs(doc: Doc, used: set[int]) -> list[list[int]]:
    """Token index runs of capitalised words joined by single spaces (or connectors)."""
    runs: list[list[int]] = []
    current: list[int] = []
    tokens = doc.tokens
    index = 0
    while index < len(tokens):
        tok = tokens[index]
        joinable = (
            bool(current)
            and joined(doc, tokens[current[-1]], tok)
            and (not tokens[current[-1]].possessive or is_org_cue(tok.key))
        )
        if index not in used and ((tok.upper and len(tok.text) > 1) or "." in tok.text):
            if current and not joinable:
                runs.append(current)
                current = []
            current.append(index)
            index += 1
            continue
        bridge = _bridge(doc, current, index) if joinable else 0
        if bridge:
            current.extend(range(index, index + bridge))
            index += bridge
            continue
        if current:
            runs.append(current)
        current = []
        index += 1
    if current:
        runs.append(current)
    return [_extend_cyrillic_org(doc, run) for run in runs]


def _bridge(doc: Doc, run: list[int], index: int) -> int:
    """How many lower-case words join ``run`` to the next capital: "Ministry of (the) Interior", "de"."""
    tokens = doc.tokens
    word = tokens[index].key
    if word in _NAME_PARTICLES:
        size = 1
    elif word in _CONNECTORS and any(is_org_cue(tokens[i].key) for i in run):
        size = 2 if index + 1 < len(tokens) and tokens[index + 1].key == "the" else 1
    else:
        return 0
    after = index + size
    if after >= len(tokens) or not tokens[after].upper:
        return 0
    for left in range(index - 1, after):
        if not joined(doc, tokens[left], tokens[left + 1]):
            return 0
    if tokens[after].key in _FUNCTION:
        return 0
    return size


def _extend_cyrillic_org(doc: Doc, run: list[int]) -> list[int]:
    """ "Верховный суд", "Министерство внутренних дел": lower-case words that finish an organisation."""
    last = doc.tokens[run[-1]]
    if not is_cyrillic(last.text):
        return run
    tokens = doc.tokens
    nxt = run[-1] + 1
    if is_org_cue(last.key):
        # Capitalised cue first: adjectives in the genitive, then one noun.
        extra: list[int] = []
        while (
            nxt < len(tokens)
            and len(extra) < 3
            and not tokens[nxt].upper
            and joined(doc, tokens[nxt - 1], tokens[nxt])
        ):
            word = tokens[nxt].key
            if not extra and not CYR_ADJ.search(word):
                break
            extra.append(nxt)
            if not CYR_ADJ.search(word):
                return run + extra
            nxt += 1
        return run + extra[:1] if len(extra) == 1 and len(doc.tokens[extra[0]].text) > 4 else run
    # Adjectives first, cue after: "Верховный суд", "Гомельский областной суд".
    if not CYR_ADJ.search(last.key):
        return run
    extra = []
    while nxt < len(tokens) and len(extra) < 2 and joined(doc, tokens[nxt - 1], tokens[nxt]):
        tok = tokens[nxt]
        if tok.upper:
            break
        extra.append(nxt)
        if is_org_cue(tok.key):
            return run + extra
        if not CYR_ADJ.search(tok.key):
            break
        nxt += 1
    return run
