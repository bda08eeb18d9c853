"""Find name mentions: quoted names and capitalised runs, split and classified, with votes on their kind.

Each mention carries the words of the name, its nominative form, and votes for
person / organization / place gathered from the gazetteers and the words around it.
The parts: ``name_tokens`` (the tokenised text), ``name_runs`` (where names stand),
``name_words`` (tests on single words), ``name_votes`` (the mention and its kind votes);
this module splits each run into names and drops the noise.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from casefile.ingest import gazetteer as g
from casefile.ingest.inflect import first_name, is_cyrillic, noun_nominatives, org_nominative
from casefile.ingest.name_runs import capital_runs, quoted_names
from casefile.ingest.name_tokens import Doc, Tok, joined
from casefile.ingest.name_votes import NameMention, context_person, make_mention, vote_context
from casefile.ingest.name_words import (
    CYR_SURNAME,
    PATRONYMIC,
    abbreviation,
    is_demonym,
    is_org_cue,
    last_title_index,
    org_phrase,
    place_key,
    role_word,
    title_word,
)
from casefile.ingest.sentences import SentenceIndex


def find_name_mentions(
    text: str, sentences: SentenceIndex, *, on_progress: Callable[[float], None] | None = None
) -> list[NameMention]:
    """Every name-like mention in ``text`` with kind votes; noise (common words) left out."""
    doc = Doc(text, sentences)
    mentions: list[NameMention] = []
    used: set[int] = set()
    for mention, token_ids in quoted_names(doc):
        mentions.append(mention)
        used.update(token_ids)
    runs = capital_runs(doc, used)
    if on_progress is not None:
        on_progress(0.4)
    step = max(1, len(runs) // 20)
    for number, run in enumerate(runs):
        mentions.extend(_classify_run(doc, run))
        if on_progress is not None and number % step == 0:
            on_progress(0.4 + 0.6 * number / len(runs))
    return mentions


def _classify_run(doc: Doc, run: list[int]) -> list[NameMention]:
    if not run:
        return []
    tokens = [doc.tokens[i] for i in run]
    words = [t.text for t in tokens]
    keys = [t.key for t in tokens]
    if org_phrase(words):
        phrase = make_mention(doc, run, 0, len(run), {"organization": 3})
        if len(words) == 1 and is_cyrillic(words[0]) and words[0].casefold() not in g.ORGANIZATION_PHRASES:
            known = [n for n in noun_nominatives(words[0]) if n.casefold() in g.ORGANIZATION_PHRASES]
            phrase.name = known[0] if known else phrase.name
        return [phrase]
    if keys[-1] in g.OTHER_NAME_HEADS:
        return []
    if len(run) > 1 and abbreviation(words[0]) and place_key(words[0]) is not None:
        return _classify_run(doc, run[:1]) + _classify_run(doc, run[1:])  # "U.S. State Department"
    has_cue = any(is_org_cue(k) for k in keys[1:]) or (len(keys) > 1 and is_org_cue(keys[0]))
    if has_cue:
        return _organization(doc, run)
    if (
        len(keys) == 1
        and is_org_cue(keys[0])
        and not doc.sentence_initial(run[0])
        and not doc.common(words[0])
    ):
        return [make_mention(doc, run, 0, 1, {"organization": 2})]
    # An abbreviation before a name is its own mention: "МВД Иван Кубраков", "NATO Secretary General".
    for position in range(len(run) - 1):
        if abbreviation(words[position]) != abbreviation(words[position + 1]):
            return _classify_run(doc, run[: position + 1]) + _classify_run(doc, run[position + 1 :])
    # Titles split a run: "U.S. Special Representative Keith Kellogg".
    last_title = last_title_index(words)
    if last_title >= 0:
        head = [i for i, w in zip(run[:last_title], words[:last_title], strict=True) if not title_word(w)]
        out = _classify_run(doc, head) if head else []
        mention = _plain(doc, run, last_title + 1, len(run), titled=True)
        return out + ([mention] if mention is not None else [])
    # A known place inside a longer run is its own mention: "U.S. White House", "МИД Литвы Будрисом".
    if len(run) > 1 and place_key(" ".join(words)) is None:
        for position, word in enumerate(words):
            if place_key(word) is not None:
                before, after = run[:position], run[position + 1 :]
                place = make_mention(doc, run, position, position + 1, {"place": 3})
                return [*_classify_run(doc, before), place, *_classify_run(doc, after)]
    # A first name inside a run starts a new name: "пресс-секретарь Лукашенко Наталья Эйсмонт".
    for position in range(1, len(run) - 1):
        if first_name(words[position]) is not None and first_name(words[position - 1]) is None:
            return _classify_run(doc, run[:position]) + _classify_run(doc, run[position:])
    # Two people side by side: "Представитель Светланы Тихановской Франак Вячорка".
    if len(run) >= 4 and first_name(words[0]) is not None:
        size = 3 if PATRONYMIC.search(words[1].casefold()) else 2
        return _classify_run(doc, run[:size]) + _classify_run(doc, run[size:])
    mention = _plain(doc, run, 0, len(run), titled=False)
    return [mention] if mention is not None else []


def _organization(doc: Doc, run: list[int]) -> list[NameMention]:
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
        and all(not abbreviation(w) for w in words)
        and len([t for t in tokens if t.upper]) <= 1
    ):
        return []
    mention = make_mention(doc, run, start, len(run), {"organization": 3})
    if is_cyrillic(mention.name):
        mention.name = " ".join(org_nominative(mention.words))
    return [mention]


def _plain(doc: Doc, run: list[int], start: int, end: int, *, titled: bool) -> NameMention | None:
    """A run without cue words inside: a person, a place or (weakly) anything, or noise."""
    tokens = [doc.tokens[i] for i in run[start:end]]
    # Drop leading and trailing common words ("The", "According", "Undoubtedly").
    while tokens and _noise(doc, tokens[0], run[start]):
        tokens = tokens[1:]
        start += 1
    while tokens and tokens[-1].key in g.COMMON_WORDS and not abbreviation(tokens[-1].text):
        tokens = tokens[:-1]
        end -= 1
    if not tokens:
        return None
    words = [t.text for t in tokens]
    votes: Counter[str] = Counter()
    if titled:
        votes["person"] += 3
    place = place_key(" ".join(words))
    if place is not None:
        votes["place"] += 4
    if all(is_demonym(w) for w in words):
        return None
    if len(tokens) == 1 and place is None:
        tok = tokens[0]
        index = run[start]
        if is_demonym(tok.text) or role_word(tok.key):
            return None
        if doc.common(tok.text) and not first_name(tok.text) and not context_person(doc, index):
            return None
        if (
            not titled
            and not abbreviation(tok.text)
            and doc.sentence_initial(index)
            and doc.mid_capitals[tok.key] == 0
            and not context_person(doc, index)
            and not (is_cyrillic(tok.text) and CYR_SURNAME.search(tok.key) and len(tok.key) > 5)
        ):
            return None
    elif place is None and all(doc.common(t.text) and not first_name(t.text) for t in tokens):
        return None
    mention = make_mention(doc, run, start, end, votes)
    vote_context(doc, run[start], run[end - 1], mention)
    if not any(mention.votes[k] for k in ("person", "organization", "place")):
        mention.votes["weak"] += 1
    return mention


def _noise(doc: Doc, tok: Tok, index: int) -> bool:
    if abbreviation(tok.text):
        return False  # "US", not "us"
    if is_demonym(tok.text) and _next_is_name(doc, index):
        return False  # "Georgian Dream", "European Pravda"
    if tok.key in g.COMMON_WORDS or title_word(tok.text):
        return True
    if doc.sentence_initial(index) and role_word(tok.key):
        return True
    return doc.sentence_initial(index) and doc.common(tok.text) and not first_name(tok.text)


def _next_is_name(doc: Doc, index: int) -> bool:
    if index + 1 >= len(doc.tokens):
        return False
    nxt = doc.tokens[index + 1]
    return nxt.upper and joined(doc, doc.tokens[index], nxt) and not doc.common(nxt.text)
