"""A text's tokens, and what is true of its words across the whole text.

``Doc`` splits the text into word tokens (a possessive 's set apart), marks the first word of
each sentence, and learns which words the text writes in lower case or capitalises mid-sentence,
so the rules can tell a name from a capitalised common word. A title-case headline's capitals
count only where the body or the gazetteers confirm them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from casefile.ingest import gazetteer as g
from casefile.ingest.inflect import first_name
from casefile.ingest.sentences import SentenceIndex
from casefile.names import fold as _fold_uncached

_TOKEN = re.compile(r"(?:[A-ZА-ЯЁІЎ]\.){2,}|[^\W\d_][^\W_]*(?:[-'’ʼ][^\W\d_][^\W_]*)*")
_TITLE_CASE_MIN = 0.7
fold = lru_cache(maxsize=65_536)(_fold_uncached)


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str  # without a possessive 's
    possessive: bool
    upper: bool = False
    key: str = ""  # casefolded text


class Doc:
    """The tokens of a text and what is true of its words across the whole text."""

    def __init__(self, text: str, sentences: SentenceIndex) -> None:
        self.text = text
        self.sentences = sentences
        self.tokens: list[Tok] = []
        for match in _TOKEN.finditer(text):
            word = match.group(0)
            stripped = word
            if ("'" in word or "’" in word) and re.search(r"[a-z]['’]s?$", word):
                stripped = re.sub(r"['’]s?$", "", word)
            tok = Tok(
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

    def _confirmed(self, tok: Tok) -> bool:
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

    def gap(self, left: Tok, right: Tok) -> str:
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


def joined(doc: Doc, left: Tok, right: Tok) -> bool:
    gap = doc.gap(left, right)
    if left.possessive:
        gap = re.sub(r"^['’]s?", "", gap)
    return gap in (" ", "\u00a0")
