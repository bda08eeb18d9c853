"""Find name mentions: capitalised runs and quoted names, with votes on their kind.

Each mention carries the words of the name, its nominative form, and votes for
person / organization / place gathered from the gazetteers and the words around it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from casefile.ingest import gazetteer as g
from casefile.ingest.inflect import first_name, is_cyrillic, noun_nominatives, person_nominative
from casefile.ingest.sentences import SentenceIndex
from casefile.names import fold

_TOKEN = re.compile(r"(?:[A-ZА-ЯЁІЎ]\.){2,}|[^\W\d_]+(?:[-'’ʼ][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")
_QUOTED = re.compile(r"[\"“«„]([^\"”»“«„\n]{2,60}?)[,.]?[\"”»“]")
_CONNECTORS = frozenset({"of", "for", "on", "and"})
_NAME_PARTICLES = frozenset({"de", "von", "van", "der", "da", "al", "bin", "ibn", "la", "le", "du", "del"})
_SLAVIC_SURNAME = re.compile(
    r"(?:ov|ova|ev|eva|in|ina|yn|yna|sky|skaya|ski|ska|skiy|skii|ckaja|skaja|enko|enka|uk|yuk|"
    r"ich|vich|ovich|evich|ets|ak|ou|au|ava|ich|dze|shvili|yan|ian|ko|ka)$"
)
_CYR_SURNAME = re.compile(
    r"(?:ов|ова|ев|ева|ёв|ёва|ин|ина|ын|ына|ский|ская|цкий|цкая|скі|ская|енко|энка|ук|юк|ич|іч|"
    r"ец|ак|оў|аў|ава|ой|ого|ому|ым|ой|ову|ину|ской|скую|скага|скай|ского|ва|на)$"
)
_CYR_ADJ_GENITIVE = re.compile(r"(?:ых|их|ого|его|ой|ей|ий|ый|ая|ое|ага|ай|ай|ых|ага)$")


@dataclass(slots=True)
class NameMention:
    """One occurrence of a name in the text."""

    start: int
    end: int
    words: list[str]
    name: str
    votes: Counter[str] = field(default_factory=Counter)
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str  # without a possessive 's
    possessive: bool

    @property
    def upper(self) -> bool:
        return self.text[:1].isupper()

    @property
    def key(self) -> str:
        return self.text.casefold()


class _Doc:
    """The tokens of a text and what is true of its words across the whole text."""

    def __init__(self, text: str, sentences: SentenceIndex) -> None:
        self.text = text
        self.sentences = sentences
        self.tokens: list[_Tok] = []
        for match in _TOKEN.finditer(text):
            word = match.group(0)
            stripped = _POSSESSIVE.sub("", word) if re.search(r"[a-z]['’]s?$", word) else word
            self.tokens.append(_Tok(match.start(), match.start() + len(stripped), stripped, stripped != word))
        self.lower_words: set[str] = set()
        self.mid_capitals: Counter[str] = Counter()
        for index, tok in enumerate(self.tokens):
            if not tok.upper:
                self.lower_words.add(tok.key)
            elif not self.sentence_initial(index):
                self.mid_capitals[tok.key] += 1

    def sentence_initial(self, index: int) -> bool:
        tok = self.tokens[index]
        if self.sentences.starts_sentence(tok.start):
            return True
        # A line break before it (a headline, a list item) is a sentence start too.
        before = self.text[max(0, tok.start - 3) : tok.start]
        return "\n" in before

    def gap(self, left: _Tok, right: _Tok) -> str:
        return self.text[left.end : right.start]

    def common(self, word: str) -> bool:
        """A dictionary word: in the common-word list, or written in lower case in this text."""
        key = word.casefold()
        if key in g.COMMON_WORDS or key in g.DEMONYMS:
            return True
        if key in self.lower_words:
            return True
        # English plural/verb forms: "Releases" when the text has "released" or "release".
        for suffix in ("s", "es", "ed", "ing", "d"):
            if key.endswith(suffix) and len(key) - len(suffix) >= 4:
                stem = key[: -len(suffix)]
                if stem in self.lower_words or any(stem + e in self.lower_words for e in ("e", "ed", "es", "s")):
                    return True
        return False


def find_name_mentions(text: str, sentences: SentenceIndex) -> list[NameMention]:
    """Every name-like mention in ``text`` with kind votes; noise (common words) left out."""
    doc = _Doc(text, sentences)
    mentions: list[NameMention] = []
    used: set[int] = set()
    for mention, token_ids in _quoted(doc):
        mentions.append(mention)
        used.update(token_ids)
    for run in _runs(doc, used):
        mentions.extend(_classify_run(doc, run))
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
        if cyrillic and len(words) > 4:
            continue
        if any(ch in inner for ch in "!?:;"):
            continue
        start = match.start(1) + (len(match.group(1)) - len(match.group(1).lstrip()))
        end = start + len(inner)
        ids = [i for i, s in enumerate(starts) if start <= s < end]
        if len(words) == 1 and doc.common(words[0]) and fold(words[0]) not in g.ORGANIZATION_PHRASES:
            continue
        mention = NameMention(start, end, words, inner, Counter(), quoted=True)
        _vote_gazetteer(mention)
        if not (mention.votes["place"] or mention.votes["person"]):
            mention.votes["organization"] += 2
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
        joinable = bool(current) and _joined(doc, tokens[current[-1]], tok) and not tokens[current[-1]].possessive
        if tok.upper and index not in used and len(tok.text) > 1 or _abbreviation(tok):
            if current and not joinable:
                runs.append(current)
                current = []
            current.append(index)
        elif (
            current
            and joinable
            and _connector_ok(doc, current, index)
            and index + 1 < len(tokens)
            and tokens[index + 1].upper
            and _joined(doc, tok, tokens[index + 1])
        ):
            current.append(index)
        else:
            if current:
                runs.append(current)
            current = []
            if tok.upper and len(tok.text) == 1:
                pass
        index += 1
    if current:
        runs.append(current)
    return [_extend_cyrillic_org(doc, run) for run in runs]


def _abbreviation(tok: _Tok) -> bool:
    return "." in tok.text


def _joined(doc: _Doc, left: _Tok, right: _Tok) -> bool:
    gap = doc.gap(left, right)
    return gap in (" ", "\u00a0") or (gap == "" and False)


def _connector_ok(doc: _Doc, run: list[int], index: int) -> bool:
    word = doc.tokens[index].key
    if word in _NAME_PARTICLES:
        return True
    if word in _CONNECTORS:
        return any(doc.tokens[i].key in g.ORGANIZATION_CUES for i in run)
    return False


def _extend_cyrillic_org(doc: _Doc, run: list[int]) -> list[int]:
    """"Верховный суд", "Министерство внутренних дел": lower-case words that finish an organisation name."""
    last = doc.tokens[run[-1]]
    if not is_cyrillic(last.text):
        return run
    tokens = doc.tokens
    nxt = run[-1] + 1
    # Capitalised cue first: "Министерство внутренних дел", "Комитет государственной безопасности".
    if last.key in g.ORGANIZATION_CUES or any(n in g.ORGANIZATION_CUES for n in noun_nominatives(last.key)):
        extra: list[int] = []
        while (
            nxt < len(tokens)
            and len(extra) < 3
            and not tokens[nxt].upper
            and doc.gap(tokens[nxt - 1], tokens[nxt]) == " "
        ):
            extra.append(nxt)
            if not _CYR_ADJ_GENITIVE.search(tokens[nxt].key):
                break
            nxt += 1
        return run + extra if extra and not _CYR_ADJ_GENITIVE.search(tokens[extra[-1]].key) else run
    # Adjective first, cue after: "Верховный суд", "Минский городской суд".
    extra = []
    while nxt < len(tokens) and len(extra) < 3 and doc.gap(tokens[nxt - 1], tokens[nxt]) == " ":
        tok = tokens[nxt]
        if tok.upper:
            break
        extra.append(nxt)
        if any(n.casefold() in g.ORGANIZATION_CUES for n in noun_nominatives(tok.key)):
            return run + extra
        if not _CYR_ADJ_GENITIVE.search(tok.key):
            break
        nxt += 1
    return run


def _classify_run(doc: _Doc, run: list[int]) -> list[NameMention]:
    tokens = [doc.tokens[i] for i in run]
    words = [t.text for t in tokens]
    keys = [t.key for t in tokens]
    folded_all = fold(" ".join(words))
    # Whole run is a known organisation or place: "White House", "New York", "U.S.".
    if folded_all in g.ORGANIZATION_PHRASES or " ".join(keys) in g.ORGANIZATION_PHRASES:
        return [_mention(doc, run, 0, len(run), {"organization": 3})]
    has_cue = any(_is_org_cue(k) for k in keys[1:]) or (
        len(keys) > 1 and _is_org_cue(keys[0]) and not keys[0].endswith(".")
    )
    if has_cue:
        start = 0
        while start < len(keys) - 1 and keys[start] in ("the", "a", "an"):
            start += 1
        if all(doc.common(w) for w in words[start:]) and len(words[start:]) == 1:
            return []
        return [_mention(doc, run, start, len(run), {"organization": 3})]
    # Titles and role words split a run: "U.S. Special Representative Keith Kellogg".
    last_title = -1
    for position, key in enumerate(keys):
        bare = key.rstrip(".")
        if key in g.PERSON_TITLES or bare in g.PERSON_TITLES or key in g.ROLE_QUALIFIERS:
            if position < len(keys) - 1 and not first_name(words[position]):
                last_title = position
    out: list[NameMention] = []
    if last_title >= 0:
        if last_title + 1 < len(run):
            head = _leading_place(doc, run[: last_title + 1])
            out.extend(head)
            mention = _plain(doc, run, last_title + 1, len(run), titled=True)
            if mention is not None:
                out.append(mention)
        return out
    # A place that starts a longer run is its own mention: "U.S. White House".
    if len(run) > 1 and _place_key(words[0]) is not None and _place_key(" ".join(words)) is None:
        out.extend(_leading_place(doc, run[:1]))
        rest = run[1:]
        return out + _classify_run(doc, rest) if rest else out
    mention = _plain(doc, run, 0, len(run), titled=False)
    return [mention] if mention is not None else []


def _leading_place(doc: _Doc, run: list[int]) -> list[NameMention]:
    out = []
    for position, index in enumerate(run):
        tok = doc.tokens[index]
        if _place_key(tok.text) is not None:
            out.append(_mention(doc, run, position, position + 1, {"place": 3}))
    return out


def _is_org_cue(key: str) -> bool:
    return key in g.ORGANIZATION_CUES or (is_cyrillic(key) and any(n.casefold() in g.ORGANIZATION_CUES for n in noun_nominatives(key)))


def _place_key(name: str) -> str | None:
    """The display name of a gazetteer place, for any case form of ``name``."""
    folded = fold(name)
    if folded in g.PLACE_ALIASES:
        return g.PLACE_ALIASES[folded]
    key = name.casefold()
    if key in g.PLACES or folded in g.PLACES:
        return name
    if " " not in name and is_cyrillic(name):
        for guess in noun_nominatives(name)[1:]:
            if guess.casefold() in g.PLACES:
                return guess
    return None


def _plain(doc: _Doc, run: list[int], start: int, end: int, *, titled: bool) -> NameMention | None:
    """A run without cue words inside: a person, a place or (weakly) anything, or noise."""
    tokens = [doc.tokens[i] for i in run[start:end]]
    # Drop leading and trailing common words ("The", "According", "Undoubtedly").
    while tokens and _noise(doc, tokens[0], run[start]):
        tokens = tokens[1:]
        start += 1
    while tokens and tokens[-1].key in g.COMMON_WORDS:
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
    if len(tokens) == 1 and place is None and not titled:
        tok = tokens[0]
        index = run[start]
        if _is_demonym(tok.text) or tok.key in g.PERSON_TITLES:
            return None
        if doc.common(tok.text) and not first_name(tok.text) and not _context_person(doc, index):
            return None
        if doc.sentence_initial(index) and doc.mid_capitals[tok.key] == 0 and not _context_person(doc, index):
            if not (is_cyrillic(tok.text) and _CYR_SURNAME.search(tok.key) and len(tok.key) > 5):
                return None
    elif place is None and all(doc.common(t.text) and not first_name(t.text) for t in tokens):
        return None
    if titled and len(tokens) == 1 and doc.common(tokens[0].text) and not first_name(tokens[0].text):
        return None
    mention = _mention(doc, run, start, end, votes)
    _vote_context(doc, run[start], run[end - 1], mention)
    if not any(mention.votes[k] for k in ("person", "organization", "place")):
        mention.votes["weak"] += 1
    return mention


def _noise(doc: _Doc, tok: _Tok, index: int) -> bool:
    if tok.key in g.COMMON_WORDS or tok.key in g.PERSON_TITLES or tok.key in g.ROLE_QUALIFIERS:
        return True
    return doc.sentence_initial(index) and doc.common(tok.text) and not first_name(tok.text)


def _is_demonym(word: str) -> bool:
    parts = [p for p in re.split(r"[-–]", word) if p]
    return bool(parts) and all(p.casefold() in g.DEMONYMS for p in parts)


def _mention(doc: _Doc, run: list[int], start: int, end: int, votes: dict[str, int]) -> NameMention:
    tokens = [doc.tokens[i] for i in run[start:end]]
    words = [t.text for t in tokens]
    mention = NameMention(tokens[0].start, tokens[-1].end, words, " ".join(words), Counter(votes))
    _vote_gazetteer(mention)
    if mention.votes["place"] > max(mention.votes["person"], mention.votes["organization"]):
        mention.name = _place_key(mention.name) or mention.name
    return mention


def _vote_gazetteer(mention: NameMention) -> None:
    words = mention.words
    if _place_key(" ".join(words)) is not None and not mention.votes["organization"]:
        mention.votes["place"] += 4
    if fold(" ".join(words)) in g.ORGANIZATION_PHRASES:
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
    if before[-2:] == ["according", "to"] or (before and before[-1] in ("по", "паводле") and False):
        votes["person"] += 1
    if after and after[0] in g.PERSON_VERBS_AFTER:
        votes["person"] += 2
    if doc.tokens[last].possessive and after and after[0] in g.PERSON_ROLE_WORDS:
        votes["person"] += 2
    if before and before[-1] in g.PLACE_PREPOSITIONS and not votes["person"]:
        votes["place"] += 1 if len(mention.words) == 1 else 0
    if len(mention.words) == 1:
        word = mention.words[0]
        key = word.casefold()
        if _SLAVIC_SURNAME.search(key) and len(key) > 5 and not is_cyrillic(word):
            votes["person"] += 1
        if is_cyrillic(word) and _CYR_SURNAME.search(key) and len(key) > 5:
            votes["person"] += 1
        if word.isupper() and len(word) >= 2:
            votes["organization"] += 2
    if votes["person"] > max(votes["place"], votes["organization"]) and any(is_cyrillic(w) for w in mention.words):
        mention.name = " ".join(person_nominative(list(mention.words)))


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
