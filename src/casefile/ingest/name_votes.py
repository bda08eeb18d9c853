"""A name mention and the votes on its kind (person, organization, place) from the
gazetteers and the words around it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from casefile.ingest import gazetteer as g
from casefile.ingest.inflect import first_name, is_cyrillic, person_nominative
from casefile.ingest.name_tokens import Doc
from casefile.ingest.name_words import (
    CYR_SURNAME,
    SLAVIC_SURNAME,
    abbreviation,
    org_phrase,
    place_key,
)


@dataclass(slots=True)
class NameMention:
    """One occurrence of a name in the text."""

    start: int
    end: int
    words: list[str]
    name: str
    votes: Counter[str] = field(default_factory=Counter)
    quoted: bool = False


def make_mention(doc: Doc, run: list[int], start: int, end: int, votes: dict[str, int]) -> NameMention:
    tokens = [doc.tokens[i] for i in run[start:end]]
    words = [t.text for t in tokens]
    shown = " ".join(doc.text[tokens[0].start : tokens[-1].end].split())  # keeps "Defender's Office"
    mention = NameMention(tokens[0].start, tokens[-1].end, words, shown, Counter(votes))
    vote_gazetteer(mention)
    if mention.votes["place"] > max(mention.votes["person"], mention.votes["organization"]):
        mention.name = place_key(mention.name) or mention.name
    return mention


def vote_gazetteer(mention: NameMention) -> None:
    words = mention.words
    if place_key(" ".join(words)) is not None and not mention.votes["organization"]:
        mention.votes["place"] += 4
    if org_phrase(words):
        mention.votes["organization"] += 4
    if first_name(words[0]) is not None and len(words) > 1:
        mention.votes["person"] += 3
    if len(words) >= 2 and all(w[:1].isupper() for w in words) and not mention.votes["organization"]:
        mention.votes["name_like"] += 1
        last = words[-1].casefold()
        if SLAVIC_SURNAME.search(last) or CYR_SURNAME.search(last):
            mention.votes["person"] += 1


def context_person(doc: Doc, index: int) -> bool:
    before = _words_before(doc, index, 3)
    after = _words_after(doc, index, 1)
    return bool(
        (before and before[-1] in g.PERSON_ROLE_WORDS)
        or (after and after[0] in g.PERSON_VERBS_AFTER)
        or before[-2:] == ["according", "to"]
    )


def vote_context(doc: Doc, first: int, last: int, mention: NameMention) -> None:
    before = _words_before(doc, first, 3)
    after = _words_after(doc, last, 2)
    votes = mention.votes
    if before and before[-1] in g.PERSON_ROLE_WORDS:
        votes["person"] += 3
    if before[-2:] == ["according", "to"]:
        votes["person"] += 1
    if after and after[0] in g.PERSON_VERBS_AFTER:
        votes["person"] += 2
    if doc.tokens[last].possessive and after and after[0] in g.PERSON_ROLE_WORDS:
        votes["person"] += 2
    if before and (before[-1] in g.ORGANIZATION_NOUNS or before[-1] in g.ORGANIZATION_VERBS_BEFORE):
        votes["organization"] += 3
    if len(mention.words) == 1 and any(w in g.ORGANIZATION_NOUNS for w in _words_after(doc, last, 3)):
        votes["organization"] += 2
    apposition = _apposition(doc, last)
    if apposition in g.ORGANIZATION_NOUNS:
        votes["organization"] += 3
    elif apposition in g.PERSON_ROLE_WORDS:
        votes["person"] += 2
    elif apposition in g.PLACE_NOUNS_AFTER:
        votes["place"] += 2
    if len(mention.words) == 1:
        if after and after[0] in g.PLACE_NOUNS_AFTER:
            votes["place"] += 2
        if before[-2:-1] and before[-2] in g.PLACE_NOUNS_BEFORE and before[-1] == "of":
            votes["place"] += 2
        if before and before[-1] in g.PLACE_PREPOSITIONS and not votes["person"]:
            votes["place"] += 1
        word = mention.words[0]
        key = word.casefold()
        if SLAVIC_SURNAME.search(key) and len(key) > 5 and not is_cyrillic(word):
            votes["person"] += 1
        if is_cyrillic(word) and CYR_SURNAME.search(key) and len(key) > 5:
            votes["person"] += 1
        if abbreviation(word):
            votes["organization"] += 2
    if votes["person"] > max(votes["place"], votes["organization"]) and any(
        is_cyrillic(w) for w in mention.words
    ):
        mention.name = " ".join(person_nominative(list(mention.words)))


def _apposition(doc: Doc, last: int) -> str | None:
    """The noun of ", the Belarusian state airline," right after a name, if any."""
    if last + 1 >= len(doc.tokens) or doc.gap(doc.tokens[last], doc.tokens[last + 1]).strip() != ",":
        return None
    words = [t.key for t in doc.tokens[last + 1 : last + 6]]
    if not words or words[0] not in ("the", "a", "an"):
        return None
    position = last + 1
    for offset, word in enumerate(words[1:], start=1):
        left, right = doc.tokens[position + offset - 1], doc.tokens[position + offset]
        if doc.gap(left, right).strip():
            return word if doc.gap(left, right).strip() in (",", ".") else None
        if word in g.ORGANIZATION_NOUNS or word in g.PERSON_ROLE_WORDS or word in g.PLACE_NOUNS_AFTER:
            return word
    return None


def _words_before(doc: Doc, index: int, count: int) -> list[str]:
    """Lower-cased words right before token ``index`` in the same sentence (no punctuation between)."""
    out: list[str] = []
    position = index
    while position > 0 and len(out) < count:
        left, right = doc.tokens[position - 1], doc.tokens[position]
        gap = doc.gap(left, right)
        if gap.strip(" ,") != "" and gap.strip() not in ("-", "—", "–"):
            break
        out.insert(0, left.key)
        position -= 1
    return out


def _words_after(doc: Doc, index: int, count: int) -> list[str]:
    out: list[str] = []
    position = index
    while position + 1 < len(doc.tokens) and len(out) < count:
        left, right = doc.tokens[position], doc.tokens[position + 1]
        if doc.gap(left, right).strip(" ,") != "":
            break
        out.append(right.key)
        position += 1
    return out
