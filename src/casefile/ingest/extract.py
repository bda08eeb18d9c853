"""Extract text and metadata from plain text, Markdown, HTML and PDF bytes, offline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from casefile.errors import CasefileError

Progress = Callable[[float], None]


@dataclass(slots=True)
class ExtractedDocument:
    """The readable text of a document and what it says about itself."""

    text: str
    kind: str  # "text" | "markdown" | "html" | "pdf"
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None  # EDTF
    url: str | None = None
    encoding: str | None = None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)


def extract_document(data: bytes, filename: str, *, on_progress: Progress | None = None) -> ExtractedDocument:
    """Read ``data`` (named ``filename``) into text; a :class:`CasefileError` sentence when it cannot."""
    raise CasefileError("Not implemented yet.")
