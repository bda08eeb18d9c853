"""Tests on single words and short word lists: titles, abbreviations, demonyms, organisation
phrases and cues, gazetteer places, and the endings of Slavic surnames and adjectives.
"""

from __future__ import annotations

import re
from functools import lru_cache

from casefile.ingest import gazetteer as g
from casefile.ingest.inflect import first_name, is_cyrillic, noun_nominatives
from casefile.ingest.name_tokens import fold

SLAVIC_SURNAME = re.compile(
    r"(?:ov|ova|ev|eva|in|ina|yn|yna|sky|skaya|ski|ska|skiy|skii|ckaja|skaja|enko|enka|uk|yuk|"
    r"ich|vich|ovich|evich|ets|ak|ou|au|ava|dze|shvili|yan|ko|ka)$"
)
CYR_SURNAME = re.compile(
    r"(?:ов|ова|ев|ева|ёв|ёва|ин|ина|ын|ына|ский|ская|цкий|цкая|скі|енко|энка|ук|юк|ич|іч|"
    r"ец|ак|оў|аў|ава|ову|ину|ской|скую|скага|скай|ского|ва|на)$"
)
CYR_ADJ = re.compile(r"(?:ых|их|ого|его|ой|ей|ий|ый|ая|ое|ага|ай|ым|ом|ую|ае|ія|ы|і)$")
PATRONYMIC = re.compile(r"(?:ович|евич|овна|евна|ична|інічна|авіч|евіч|аўна|еўна)\w{0,3}$")


def last_title_index(words: list[str]) -> int:
    """Index of the last title word followed by more name words, or -1."""
    last = -1
    for position, word in enumerate(words[:-1]):
        if first_name(word) is not None:
            break
        if title_word(word) and (word.casefold() not in g.ROLE_QUALIFIERS or _title_chain(words, position)):
            last = position
    return last


def _title_chain(words: list[str], position: int) -> bool:
    """A qualifier counts as a title only when a title follows it: "Interior Minister", not "National"."""
    for word in words[position + 1 :]:
        key = word.casefold().rstrip(".")
        if key in g.PERSON_TITLES:
            return True
        if key not in g.ROLE_QUALIFIERS:
            return False
    return False


def title_word(word: str) -> bool:
    key = word.casefold()
    return key in g.PERSON_TITLES or key.rstrip(".") in g.PERSON_TITLES or key in g.ROLE_QUALIFIERS


def abbreviation(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and (letters.isupper() or (word.count(".") >= 2 and letters[:1].isupper()))


def org_phrase(words: list[str]) -> bool:
    joined = " ".join(words)
    folded = fold(joined)
    if folded not in g.ORGANIZATION_PHRASES and joined.casefold() not in g.ORGANIZATION_PHRASES:
        # "в Кремле": an inflected Cyrillic word of a known organisation.
        return (
            len(words) == 1
            and is_cyrillic(joined)
            and any(n.casefold() in g.ORGANIZATION_PHRASES for n in noun_nominatives(joined)[1:])
        )
    # Short abbreviations only in capitals: "WHO", not "Who".
    return len(folded) > 4 or joined.replace(".", "").isupper() or " " in joined


def is_org_cue(key: str) -> bool:
    if key in g.ORGANIZATION_CUES:
        return True
    return is_cyrillic(key) and any(n.casefold() in g.ORGANIZATION_CUES for n in noun_nominatives(key))


@lru_cache(maxsize=65_536)
def place_key(name: str) -> str | None:
    """The display name of a gazetteer place, for any case form of ``name``."""
    folded = fold(name)
    if folded in g.PLACE_ALIASES:
        # "US" and "UK" only in capitals: "us" is a pronoun.
        if len(folded.replace(" ", "")) <= 3 and not name.replace(".", "").isupper():
            return None
        return g.PLACE_ALIASES[folded]
    key = name.casefold()
    display = name.title() if name.isupper() and len(name) >= 4 else name
    if key in g.PLACES or folded in g.PLACES:
        return display
    if " " not in name and is_cyrillic(name):
        for guess in noun_nominatives(name)[1:]:
            if guess.casefold() in g.PLACES:
                return guess.title() if guess.isupper() else guess
    return None


def role_word(key: str) -> bool:
    if key in g.PERSON_TITLES or key in g.PERSON_ROLE_WORDS:
        return True
    return is_cyrillic(key) and any(n.casefold() in g.PERSON_ROLE_WORDS for n in noun_nominatives(key))


def is_demonym(word: str) -> bool:
    parts = [p for p in re.split(r"[-–]", word) if p]

    def demonym(part: str) -> bool:
        key = part.casefold()
        return key in g.DEMONYMS or (key.endswith("s") and key[:-1] in g.DEMONYMS)

    return bool(parts) and all(demonym(p) for p in parts)
