"""The whole case's timeline, sorted by EDTF bounds; Enter opens the item's dossier."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header

from casefile.storage.engine import Database
from casefile.tui.messages import TimelineLoaded
from casefile.tui.widgets.timeline_list import TimelineList
from casefile.tui.widgets.virtual_list import VirtualList


class TimelineScreen(Screen[str | None]):
    """Dismisses with the entity id to open, or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,t", "close", "Back to dossiers"),
        Binding("enter", "open", "Open"),
    ]

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db

    def compose(self) -> ComposeResult:
        yield Header()
        yield TimelineList(id="timeline")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Timeline"
        timeline = self.query_one(TimelineList)
        timeline.border_title = "loading…"
        timeline.focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="timeline")
    def load(self) -> None:
        from casefile.services.timeline import case_timeline

        items = self.db.read(lambda s: case_timeline(s))
        self.post_message(TimelineLoaded(items))

    def on_timeline_loaded(self, message: TimelineLoaded) -> None:
        self.query_one(TimelineList).show_items(message.items)

    def on_virtual_list_selected(self, message: VirtualList.Selected) -> None:
        message.stop()
        self.action_open()

    def action_open(self) -> None:
        timeline = self.query_one(TimelineList)
        if timeline.items:
            entity = timeline.items[timeline.cursor].entity
            self.dismiss(entity.id if entity else None)

    def action_close(self) -> None:
        self.dismiss(None)
