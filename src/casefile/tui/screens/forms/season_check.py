"""A date field whose text EDTF reads as a season (``2025-21``) is saved only once the note was seen."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Input

from casefile.dates import season_note


def unseen_season_note(screen: Screen[Any]) -> str | None:
    """The note for season codes typed in ``screen``'s inputs that the user has not been shown yet."""
    notes: dict[str, str] = {}
    for field in screen.query(Input):
        note = season_note(field.value) if "-" in field.value else None
        if note:
            notes[field.value.strip()] = note
    shown: set[str] = getattr(screen, "_seasons_shown", set())
    if set(notes) <= shown:
        return None
    screen._seasons_shown = shown | set(notes)  # type: ignore[attr-defined]
    return " ".join(notes.values()) + " Press ctrl+s again to save it as that, or correct the date."
