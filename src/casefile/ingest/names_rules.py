"""Find name mentions: capitalised runs and quoted names, with votes on their kind.

Each mention carries the words of the name, its nominative form, and votes for
person / organization / place gathered from the gazetteers and the words around it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from casefile.ingest import gazetteer as g
from casefile.ingest.inflect import (
    first_name,
    is_cyrillic,
    noun_nominatives,
    org_nominative,
    person_nominative,
)
from casefile.ingest.sentences import SentenceIndex
from casefile.names import fold as _fold_uncached

_TOKEN = re.compile(r"(?:[A-ZА-ЯЁІЎ]\.){2,}|[^\W\d_][^\W_]*(?:[-'’ʼ][^\W\d_][^\W_]*)*")
_QUOTED = re.compile(r"[\"“«„]([^\"”»“«„\n]{2,60}?)[,.]?[\"”»“]")
_CONNECTORS = frozenset({"of", "for", "to"})
_FUNCTION = frozenset({"the", "a", "an", "this", "that", "and", "or"})
_NAME_PARTICLES = frozenset({"de", "von", "van", "der", "da", "al", "bin", "ibn", "la", "le", "du", "del"})
_SLAVIC_SURNAME = re.compile(
    r"(?:ov|ova|ev|eva|in|ina|yn|yna|sky|skaya|ski|ska|skiy|skii|ckaja|skaja|enko|enka|uk|yuk|"
    r"ich|vich|ovich|evich|ets|ak|ou|au|ava|dze|shvili|yan|ko|ka)$"
)
_CYR_SURNAME = re.compile(
    r"(?:ов|ова|ев|ева|ёв|ёва|ин|ина|ын|ына|ский|ская|цкий|цкая|скі|енко|энка|ук|юк|ич|іч|"
    r"ец|ак|оў|аў|ава|ову|ину|ской|скую|скага|скай|ского|ва|на)$"
)
_CYR_ADJ = re.compile(r"(?:ых|их|ого|его|ой|ей|ий|ый|ая|ое|ага|ай|ым|ом|ую|ае|ія|ы|і)$")
_TITLE_CASE_MIN = 0.7
fold = lru_cache(maxsize=65_536)(_fold_uncached)
_PATRONYMIC = re.compile(r"(?:ович|евич|овна|евна|ична|інічна|авіч|евіч|аўна|еўна)\w{0,3}$")


@dataclass(slots=True)
class NameMention:
    """One occurrence of a name in the text."""

    start: int
    end: int
    words: list[str]
    name: str
    votes: Counter[str] = field(default_factory=Counter)
    quoted: bool = False


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str  # without a possessive 's
    possessive: bool
    upper: bool = False
    key: str = ""  # casefolded text


class _Doc:
    """The tokens of a text and what is true of its words across the whole text."""

    def __init__(self, text: str, sentences: SentenceIndex) -> None:
        self.text = text
        self.sentences = sentences
        self.tokens: list[_Tok] = []
        for match in _TOKEN.finditer(text):
            word = match.group(0)
            stripped = word
            if ("'" in word or "’" in word) and re.search(r"[a-z]['’]s?$", word):
                stripped = re.sub(r"['’]s?$", "", word)
            tok = _Tok(
                match.start(),
                match.start() + len(stripped),
                stripped,
                stripped != word,
                stripped[:1].isupper(),
                stripped.casefold(),
            )
            self.tokens.append(tok)
        self.initial = self._sentence_initial_flags()
        self.lower_words: set[str] = set()
        self.mid_capitals: Counter[str] = Counter()
        headline = self._headline_tokens()
        for index, tok in enumerate(self.tokens):
            if not tok.upper:
                self.lower_words.add(tok.key)
            elif index not in headline and not self.sentence_initial(index):
                self.mid_capitals[tok.key] += 1
        # In a title-case headline capitals say nothing: keep only the words the body,
        # the gazetteers or the first names confirm as names.
        for index in headline:
            tok = self.tokens[index]
            if tok.upper and not self._confirmed(tok):
                tok.upper = False

    def _headline_tokens(self) -> set[int]:
        out: set[int] = set()
        line_start = 0
        index = 0
        for line in self.text.split("\n"):
            line_end = line_start + len(line)
            ids = []
            while index < len(self.tokens) and self.tokens[index].start < line_end:
                if self.tokens[index].start >= line_start:
                    ids.append(index)
                index += 1
            words = [self.tokens[i] for i in ids if len(self.tokens[i].text) > 3]
            stripped = line.strip()
            if (
                words
                and len(ids) <= 20
                and not stripped.endswith((".", "!", "?"))
                and "," not in stripped
                and sum(t.upper for t in words) >= _TITLE_CASE_MIN * len(words)
                and len(words) >= 2
            ):
                out.update(ids)
            line_start = line_end + 1
        return out

    def _confirmed(self, tok: _Tok) -> bool:
        key = tok.key
        return (
            self.mid_capitals[key] > 0
            or key in g.PLACES
            or key in g.ORGANIZATION_PHRASES
            or fold(tok.text) in g.PLACE_ALIASES
            or first_name(tok.text) is not None
            or (tok.text.isupper() and len(tok.text) >= 2)
        )

    def _sentence_initial_flags(self) -> list[bool]:
        """Per token: the first word of its sentence, or after a line break or a dateline dash."""
        flags = [False] * len(self.tokens)
        starts = [t.start for t in self.tokens]
        for sentence_start, sentence_end in self.sentences.spans:
            index = bisect_left(starts, sentence_start)
            if index < len(flags) and starts[index] < sentence_end:
                flags[index] = True
        for index, tok in enumerate(self.tokens):
            if not flags[index]:
                before = self.text[max(0, tok.start - 3) : tok.start]
                flags[index] = "\n" in before or before.endswith(("— ", "- ", "– "))
        return flags

    def sentence_initial(self, index: int) -> bool:
        return self.initial[index]

    def gap(self, left: _Tok, right: _Tok) -> str:
        return self.text[left.end : right.start]

    def common(self, word: str) -> bool:
        """A dictionary word: in the common-word list, or written in lower case in this text."""
        key = word.casefold()
        if key in g.COMMON_WORDS or key in g.DEMONYMS or key in self.lower_words:
            return True
        # English plural/verb forms: "Releases" when the text has "released" or "release".
        for suffix in ("s", "es", "ed", "ing", "d"):
            if key.endswith(suffix) and len(key) - len(suffix) >= 4:
                stem = key[: -len(suffix)]
                if stem in self.lower_words or any(
                    stem + e in self.lower_words for e in ("e", "ed", "es", "s")
                ):
                    return True
        return False


def find_name_mentions(
    text: str, sentences: SentenceIndex, *, on_progress: Callable[[float], None] | None = None
) -> list[NameMention]:
    """Every name-like mention in ``text`` with kind votes; noise (common words) left out."""
    doc = _Doc(text, sentences)
    mentions: list[NameMention] = []
    used: set[int] = set()
    for mention, token_ids in _quoted(doc):
        mentions.append(mention)
        used.update(token_ids)
    runs = _runs(doc, used)
    if on_progress is not None:
        on_progress(0.4)
    step = max(1, len(runs) // 20)
    for number, run in enumerate(runs):
        mentions.extend(_classify_run(doc, run))
        if on_progress is not None and number % step == 0:
            on_progress(0.4 + 0.6 * number / len(runs))
    return mentions


def _quoted(doc: _Doc) -> list[tuple[NameMention, list[int]]]:
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
        _vote_gazetteer(mention)
        # A quoted name is an organisation or a title, unless it is a known place or a first name leads it.
        if not mention.votes["place"] and first_name(words[0]) is None:
            mention.votes["organization"] += 3
        out.append((mention, ids))
    return out


def _runs(doc: _Doc, used: set[int]) -> list[list[int]]:
    """Token index runs of capitalised words joined by single spaces (or connectors)."""
    runs: list[list[int]] = []
    current: list[int] = []
    tokens = doc.tokens
    index = 0
    while index < len(tokens):
        tok = tokens[index]
        joinable = (
            bool(current)
            and _joined(doc, tokens[current[-1]], tok)
            and (not tokens[current[-1]].possessive or _is_org_cue(tok.key))
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


def _bridge(doc: _Doc, run: list[int], index: int) -> int:
    """How many lower-case words join ``run`` to the next capital: "Ministry of (the) Interior", "de"."""
    tokens = doc.tokens
    word = tokens[index].key
    if word in _NAME_PARTICLES:
        size = 1
    elif word in _CONNECTORS and any(_is_org_cue(tokens[i].key) for i in run):
        size = 2 if index + 1 < len(tokens) and tokens[index + 1].key == "the" else 1
    else:
        return 0
    after = index + size
    if after >= len(tokens) or not tokens[after].upper:
        return 0
    for left in range(index - 1, after):
        if not _joined(doc, tokens[left], tokens[left + 1]):
            return 0
    if tokens[after].key in _FUNCTION:
        return 0
    return size


def _joined(doc: _Doc, left: _Tok, right: _Tok) -> bool:
    gap = doc.gap(left, right)
    if left.possessive:
        gap = re.sub(r"^['’]s?", "", gap)
    return gap in (" ", "\u00a0")


def _extend_cyrillic_org(doc: _Doc, run: list[int]) -> list[int]:
    """ "Верховный суд", "Министерство внутренних дел": lower-case words that finish an organisation."""
    last = doc.tokens[run[-1]]
    if not is_cyrillic(last.text):
        return run
    tokens = doc.tokens
    nxt = run[-1] + 1
    if _is_org_cue(last.key):
        # Capitalised cue first: adjectives in the genitive, then one noun.
        extra: list[int] = []
        while (
            nxt < len(tokens)
            and len(extra) < 3
            and not tokens[nxt].upper
            and _joined(doc, tokens[nxt - 1], tokens[nxt])
        ):
            word = tokens[nxt].key
            if not extra and not _CYR_ADJ.search(word):
                break
            extra.append(nxt)
            if not _CYR_ADJ.search(word):
                return run + extra
            nxt += 1
        return run + extra[:1] if len(extra) == 1 and len(doc.tokens[extra[0]].text) > 4 else run
    # Adjectives first, cue after: "Верховный суд", "Гомельский областной суд".
    if not _CYR_ADJ.search(last.key):
        return run
    extra = []
    while nxt < len(tokens) and len(extra) < 2 and _joined(doc, tokens[nxt - 1], tokens[nxt]):
        tok = tokens[nxt]
        if tok.upper:
            break
        extra.append(nxt)
        if _is_org_cue(tok.key):
            return run + extra
        if not _CYR_ADJ.search(tok.key):
            break
        nxt += 1
    return run


def _classify_run(doc: _Doc, run: list[int]) -> list[NameMention]:
    if not run:
        return []
    tokens = [doc.tokens[i] for i in run]
    words = [t.text for t in tokens]
    keys = [t.key for t in tokens]
    if _org_phrase(words):
        phrase = _mention(doc, run, 0, len(run), {"organization": 3})
        if len(words) == 1 and is_cyrillic(words[0]) and words[0].casefold() not in g.ORGANIZATION_PHRASES:
            known = [n for n in noun_nominatives(words[0]) if n.casefold() in g.ORGANIZATION_PHRASES]
            phrase.name = known[0] if known else phrase.name
        return [phrase]
    if keys[-1] in g.OTHER_NAME_HEADS:
        return []
    if len(run) > 1 and _abbreviation(words[0]) and _place_key(words[0]) is not None:
        return _classify_run(doc, run[:1]) + _classify_run(doc, run[1:])  # "U.S. State Department"
    has_cue = any(_is_org_cue(k) for k in keys[1:]) or (len(keys) > 1 and _is_org_cue(keys[0]))
    if has_cue:
        return _organization(doc, run)
    if (
        len(keys) == 1
        and _is_org_cue(keys[0])
        and not doc.sentence_initial(run[0])
        and not doc.common(words[0])
    ):
        return [_mention(doc, run, 0, 1, {"organization": 2})]
    # An abbreviation before a name is its own mention: "МВД Иван Кубраков", "NATO Secretary General".
    for position in range(len(run) - 1):
        if _abbreviation(words[position]) != _abbreviation(words[position + 1]):
            return _classify_run(doc, run[: position + 1]) + _classify_run(doc, run[position + 1 :])
    # Titles split a run: "U.S. Special Representative Keith Kellogg".
    last_title = _last_title(words)
    if last_title >= 0:
        head = [i for i, w in zip(run[:last_title], words[:last_title], strict=True) if not _title_word(w)]
        out = _classify_run(doc, head) if head else []
        mention = _plain(doc, run, last_title + 1, len(run), titled=True)
        return out + ([mention] if mention is not None else [])
    # A known place inside a longer run is its own mention: "U.S. White House", "МИД Литвы Будрисом".
    if len(run) > 1 and _place_key(" ".join(words)) is None:
        for position, word in enumerate(words):
            if _place_key(word) is not None:
                before, after = run[:position], run[position + 1 :]
                place = _mention(doc, run, position, position + 1, {"place": 3})
                return [*_classify_run(doc, before), place, *_classify_run(doc, after)]
    # A first name inside a run starts a new name: "пресс-секретарь Лукашенко Наталья Эйсмонт".
    for position in range(1, len(run) - 1):
        if first_name(words[position]) is not None and first_name(words[position - 1]) is None:
            return _classify_run(doc, run[:position]) + _classify_run(doc, run[position:])
    # Two people side by side: "Представитель Светланы Тихановской Франак Вячорка".
    if len(run) >= 4 and first_name(words[0]) is not None:
        size = 3 if _PATRONYMIC.search(words[1].casefold()) else 2
        return _classify_run(doc, run[:size]) + _classify_run(doc, run[size:])
    mention = _plain(doc, run, 0, len(run), titled=False)
    return [mention] if mention is not None else []


def _organization(doc: _Doc, run: list[int]) -> list[NameMention]:
    tokens = [doc.tokens[i] for i in run]
    start = 0
    while start < len(tokens) - 1 and (
        tokens[start].key in ("the", "a", "an") or tokens[start].key.rstrip(".") in g.PERSON_TITLES
    ):
        start += 1
    words = [t.text for t in tokens[start:]]
    if len(words) == 1 and doc.common(words[0]):
        return []
    # A descriptor before a quoted name ("Праваабарончы цэнтр «Вясна»"): the quoted name is the one.
    after = doc.text[tokens[-1].end : tokens[-1].end + 3].lstrip()
    if (
        is_cyrillic(words[0])
        and after[:1] in ("«", '"', "“", "„")
        and all(not _abbreviation(w) for w in words)
        and len([t for t in tokens if t.upper]) <= 1
    ):
        return []
    mention = _mention(doc, run, start, len(run), {"organization": 3})
    if is_cyrillic(mention.name):
        mention.name = " ".join(org_nominative(mention.words))
    return [mention]


def _last_title(words: list[str]) -> int:
    """Index of the last title word followed by more name words, or -1."""
    last = -1
    for position, word in enumerate(words[:-1]):
        if first_name(word) is not None:
            break
        if _title_word(word) and (word.casefold() not in g.ROLE_QUALIFIERS or _title_chain(words, position)):
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


def _title_word(word: str) -> bool:
    key = word.casefold()
    return key in g.PERSON_TITLES or key.rstrip(".") in g.PERSON_TITLES or key in g.ROLE_QUALIFIERS


def _abbreviation(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and (letters.isupper() or (word.count(".") >= 2 and letters[:1].isupper()))


def _org_phrase(words: list[str]) -> bool:
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


def _is_org_cue(key: str) -> bool:
    if key in g.ORGANIZATION_CUES:
        return True
    return is_cyrillic(key) and any(n.casefold() in g.ORGANIZATION_CUES for n in noun_nominatives(key))


@lru_cache(maxsize=65_536)
def _place_key(name: str) -> str | None:
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


def _plain(doc: _Doc, run: list[int], start: int, end: int, *, titled: bool) -> NameMention | None:
    """A run without cue words inside: a person, a place or (weakly) anything, or noise."""
    tokens = [doc.tokens[i] for i in run[start:end]]
    # Drop leading and trailing common words ("The", "According", "Undoubtedly").
    while tokens and _noise(doc, tokens[0], run[start]):
        tokens = tokens[1:]
        start += 1
    while tokens and tokens[-1].key in g.COMMON_WORDS and not _abbreviation(tokens[-1].text):
        tokens = tokens[:-1]
        end -= 1
    if not tokens:
        return None
    words = [t.text for t in tokens]
    votes: Counter[str] = Counter()
    if titled:
        votes["person"] += 3
    place = _place_key(" ".join(words))
    if place is not None:
        votes["place"] += 4
    if all(_is_demonym(w) for w in words):
        return None
    if len(tokens) == 1 and place is None:
        tok = tokens[0]
        index = run[start]
        if _is_demonym(tok.text) or _role_word(tok.key):
            return None
        if doc.common(tok.text) and not first_name(tok.text) and not _context_person(doc, index):
            return None
        if (
            not titled
            and not _abbreviation(tok.text)
            and doc.sentence_initial(index)
            and doc.mid_capitals[tok.key] == 0
            and not _context_person(doc, index)
            and not (is_cyrillic(tok.text) and _CYR_SURNAME.search(tok.key) and len(tok.key) > 5)
        ):
            return None
    elif place is None and all(doc.common(t.text) and not first_name(t.text) for t in tokens):
        return None
    mention = _mention(doc, run, start, end, votes)
    _vote_context(doc, run[start], run[end - 1], mention)
    if not any(mention.votes[k] for k in ("person", "organization", "place")):
        mention.votes["weak"] += 1
    return mention


def _role_word(key: str) -> bool:
    if key in g.PERSON_TITLES or key in g.PERSON_ROLE_WORDS:
        return True
    return is_cyrillic(key) and any(n.casefold() in g.PERSON_ROLE_WORDS for n in noun_nominatives(key))


def _noise(doc: _Doc, tok: _Tok, index: int) -> bool:
    if _abbreviation(tok.text):
        return False  # "US", not "us"
    if _is_demonym(tok.text) and _next_is_name(doc, index):
        return False  # "Georgian Dream", "European Pravda"
    if tok.key in g.COMMON_WORDS or _title_word(tok.text):
        return True
    if doc.sentence_initial(index) and _role_word(tok.key):
        return True
    return doc.sentence_initial(index) and doc.common(tok.text) and not first_name(tok.text)


def _next_is_name(doc: _Doc, index: int) -> bool:
    if index + 1 >= len(doc.tokens):
        return False
    nxt = doc.tokens[index + 1]
    return nxt.upper and _joined(doc, doc.tokens[index], nxt) and not doc.common(nxt.text)


def _is_demonym(word: str) -> bool:
    parts = [p for p in re.split(r"[-–]", word) if p]

    def demonym(part: str) -> bool:
        key = part.casefold()
        return key in g.DEMONYMS or (key.endswith("s") and key[:-1] in g.DEMONYMS)

    return bool(parts) and all(demonym(p) for p in parts)


def _mention(doc: _Doc, run: list[int], start: int, end: int, votes: dict[str, int]) -> NameMention:
    tokens = [doc.tokens[i] for i in run[start:end]]
    words = [t.text for t in tokens]
    shown = " ".join(doc.text[tokens[0].start : tokens[-1].end].split())  # keeps "Defender's Office"
    mention = NameMention(tokens[0].start, tokens[-1].end, words, shown, Counter(votes))
    _vote_gazetteer(mention)
    if mention.votes["place"] > max(mention.votes["person"], mention.votes["organization"]):
        mention.name = _place_key(mention.name) or mention.name
    return mention


def _vote_gazetteer(mention: NameMention) -> None:
    words = mention.words
    if _place_key(" ".join(words)) is not None and not mention.votes["organization"]:
        mention.votes["place"] += 4
    if _org_phrase(words):
        mention.votes["organization"] += 4
    if first_name(words[0]) is not None and len(words) > 1:
        mention.votes["person"] += 3
    if len(words) >= 2 and all(w[:1].isupper() for w in words) and not mention.votes["organization"]:
        mention.votes["name_like"] += 1
        last = words[-1].casefold()
        if _SLAVIC_SURNAME.search(last) or _CYR_SURNAME.search(last):
            mention.votes["person"] += 1


def _context_person(doc: _Doc, index: int) -> bool:
    before = _words_before(doc, index, 3)
    after = _words_after(doc, index, 1)
    return bool(
        (before and before[-1] in g.PERSON_ROLE_WORDS)
        or (after and after[0] in g.PERSON_VERBS_AFTER)
        or before[-2:] == ["according", "to"]
    )


def _vote_context(doc: _Doc, first: int, last: int, mention: NameMention) -> None:
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
        if _SLAVIC_SURNAME.search(key) and len(key) > 5 and not is_cyrillic(word):
            votes["person"] += 1
        if is_cyrillic(word) and _CYR_SURNAME.search(key) and len(key) > 5:
            votes["person"] += 1
        if _abbreviation(word):
            votes["organization"] += 2
    if votes["person"] > max(votes["place"], votes["organization"]) and any(
        is_cyrillic(w) for w in mention.words
    ):
        mention.name = " ".join(person_nominative(list(mention.words)))


def _apposition(doc: _Doc, last: int) -> str | None:
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


def _words_before(doc: _Doc, index: int, count: int) -> list[str]:
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


def _words_after(doc: _Doc, index: int, count: int) -> list[str]:
    out: list[str] = []
    position = index
    while position + 1 < len(doc.tokens) and len(out) < count:
        left, right = doc.tokens[position], doc.tokens[position + 1]
        if doc.gap(left, right).strip(" ,") != "":
            break
        out.append(right.key)
        position += 1
    return out
