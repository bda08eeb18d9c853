"""Guess a plain text's title, publisher, author and date from its head (headline, dateline, byline)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from casefile.ingest.datefind import find_dates

_HEAD = 800
_MAX_TITLE = 200
# "MINSK, June 21 (Reuters) —" / "Minsk, 21 June 2025 (AP) -" / "МИНСК, 21 июня — РИА Новости."
_DATELINE = re.compile(
    r"^(?P<place>[A-ZА-ЯЁІЎ][\w .'’-]{1,40}),\s+(?P<rest>[^\n]{3,40}?)"
    r"(?:\s*\((?P<agency>[^)\n]{2,40})\))?\s*[-—–]+\s*(?:(?P<agency2>[A-ZА-ЯЁ][\w .&-]{1,30}?)\.\s)?",
    re.M,
)
_BYLINE = re.compile(r"^(?:By|Автор:?|Аўтар:?)\s+(?P<author>[^\n,]{3,60})$", re.M)
_PUBLISHED_LINE = re.compile(r"^(?:Published|Updated|Posted|Опубликовано|Дата)[:\s]", re.I | re.M)


@dataclass(frozen=True, slots=True)
class GuessedMeta:
    """What a text's first lines say about it; None where they say nothing."""

    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None


def guess_title_and_dateline(text: str) -> GuessedMeta:
    """Title from the first short line, publisher and date from a dateline, author from a byline."""
    head = text[:_HEAD]
    title = _title(head)
    publisher = None
    published = None
    dateline = _DATELINE.search(head)
    if dateline is not None:
        agency = dateline.group("agency") or dateline.group("agency2")
        publisher = " ".join(agency.split()) if agency else None
    dates = [d for d in find_dates(head) if not d.date.startswith("X")]
    if dates:
        # A "Published:" line or the dateline wins over a date quoted in the first paragraph.
        marked = _PUBLISHED_LINE.search(head)
        preferred = [
            d for d in dates if marked is not None and marked.start() <= d.start < marked.start() + 80
        ]
        in_dateline = [
            d for d in dates if dateline is not None and dateline.start() <= d.start < dateline.end()
        ]
        published = (preferred or in_dateline or dates)[0].date
    byline = _BYLINE.search(head)
    author = " ".join(byline.group("author").split()) if byline is not None else None
    return GuessedMeta(title, publisher, author, published)


def _title(head: str) -> str | None:
    for line in head.split("\n"):
        cleaned = " ".join(line.strip().lstrip("#").split())
        if not cleaned:
            continue
        if len(cleaned) <= _MAX_TITLE and not _DATELINE.match(cleaned):
            return cleaned.rstrip(".")
        return None
    return None
