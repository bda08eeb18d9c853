"""Messages the database workers post back to the UI (named as events, past tense)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from casefile.services.search import SearchHit
    from casefile.services.views import Dossier, EntityRef, TimelineItem
    from casefile.storage.engine import Database


@dataclass
class DatabaseOpened(Message):
    """The case file is open and migrated."""

    db: Database


@dataclass
class DatabaseFailed(Message):
    """The case file could not be opened (one sentence for the user)."""

    reason: str


@dataclass
class PageLoaded(Message):
    """A keyset page of the entity list; ``generation`` drops stale pages."""

    generation: int
    items: list[EntityRef]
    next_cursor: str | None
    total: int | None
    replace: bool


@dataclass
class SearchFinished(Message):
    """Search results for the list (same service as ``casefile search``)."""

    generation: int
    query: str
    hits: list[SearchHit]


@dataclass
class DossierLoaded(Message):
    """A dossier read for the pane."""

    dossier: Dossier


@dataclass
class DossierMissing(Message):
    """The entity shown went away (deleted, perhaps by another process)."""

    entity_id: str
    reason: str


@dataclass
class TimelineLoaded(Message):
    """The whole case's timeline."""

    items: list[TimelineItem]


@dataclass
class CaseChanged(Message):
    """Another process (or this one) changed the case file."""


@dataclass
class PickerResults(Message):
    """Search hits for an entity picker in a form."""

    query: str
    hits: list[SearchHit]


class KeyDone(Message):
    """Posted behind a key: reaching the app again means the key was handled."""


class KeyRelease(Message):
    """Deliver the next key typed while one was still being handled."""
