"""What the TUI remembers for the rest of a session: the last source used, the last export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from casefile.services.views import EntityRef


@dataclass
class SessionMemory:
    """Held by the app; forms read their defaults from it and write back what was used."""

    last_source: EntityRef | None = None
    export_path: str | None = None
    export_format: str | None = None


def memory_of(app: App[Any]) -> SessionMemory:
    """The app's memory (an app without one, e.g. in a widget test, gets a fresh one)."""
    memory = getattr(app, "session_memory", None)
    if not isinstance(memory, SessionMemory):
        memory = SessionMemory()
        app.session_memory = memory  # type: ignore[attr-defined]
    return memory
