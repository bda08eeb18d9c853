"""Sentence and paragraph spans of a text (rules, no model)."""

from __future__ import annotations

import re
from bisect import bisect_right

_PARAGRAPH = re.compile(r"[^\n](?:.|\n(?!\s*\n))*")
# A sentence ends at . ! ? … (and closing quotes/brackets) followed by space and an
# upper-case letter, digit or opening quote, or at a paragraph break.
_END = re.compile(r"[.!?…]+[\"'»”’)\]]*(?=\s+[\"'«“(\[]?[A-ZА-ЯЁІЎЄЇҐ0-9])|\n\s*\n")
# Abbreviations after which a full stop does not end the sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "st",
        "jr",
        "sr",
        "vs",
        "no",
        "nos",
        "fig",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "approx",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u",
        "s",
        "e",
        "g",
        "i",
        "e",
        "etc",
        "al",
        "т",
        "г",
        "гг",
        "им",
        "ул",
        "д",
        "тыс",
        "млн",
        "млрд",
    ]
)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs: blocks separated by blank lines, trimmed."""
    spans: list[tuple[int, int]] = []
    for match in _PARAGRAPH.finditer(text):
        start, end = match.start(), match.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences, trimmed of surrounding blanks."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if match.group(0)[0] == ".":
            word = re.search(r"(\w+)\.$", text[max(0, match.start() - 12) : match.start() + 1])
            if word is not None and (word.group(1).casefold() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


class SentenceIndex:
    """Find the sentence around an offset quickly (bisect over the sentence starts)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentence_spans(text)
        self._starts = [s for s, _ in self.spans]

    def span_at(self, offset: int) -> tuple[int, int]:
        """The sentence span holding ``offset`` (or the nearest before it)."""
        if not self.spans:
            return (0, len(self.text))
        index = max(0, bisect_right(self._starts, offset) - 1)
        return self.spans[index]

    def sentence_at(self, offset: int) -> str:
        """The sentence text holding ``offset``, on one line."""
        start, end = self.span_at(offset)
        return " ".join(self.text[start:end].split())

    def starts_sentence(self, offset: int) -> bool:
        """True when ``offset`` is the first word of its sentence (or after a quote opening it)."""
        start, _ = self.span_at(offset)
        head = self.text[start:offset]
        return not head.strip(" \t\n\"'«“„‘(-—–•*")
