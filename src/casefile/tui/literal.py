"""User text as Textual ``Content``: shown as typed, never parsed as markup or sent raw."""

from __future__ import annotations

from textual.content import Content

from casefile.text import one_line, printable


def literal(text: str, style: str = "") -> Content:
    """Multi-line user text with control characters made visible."""
    return Content.styled(printable(text), style) if style else Content(printable(text))


def literal_line(text: str, limit: int = 0, style: str = "") -> Content:
    """User text on one line (newlines shown as ``\\n``), optionally shortened."""
    shown = one_line(text, limit)
    return Content.styled(shown, style) if style else Content(shown)
