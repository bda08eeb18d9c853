"""Sentence and paragraph spans of a text."""

from __future__ import annotations


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs (blank-line separated, stripped)."""
    return []


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences."""
    return []
