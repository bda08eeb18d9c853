"""The case timeline as a windowed list (a case can hold many dated events)."""

from __future__ import annotations

from textual.content import Content

from casefile.services.views import TimelineItem
from casefile.tui.literal import literal_line
from casefile.tui.widgets.virtual_list import VirtualList


def timeline_row(item: TimelineItem) -> Content:
    """``2025-06-21     ~ event  E1 Title``."""
    return Content.assemble(
        (f"{item.date:<16}", "bold $text-secondary"),
        (f"{item.marker:<2}", "$text-warning"),
        (f"{item.what:<6} ", "$text-muted"),
        (f"{item.handle:<7}", "bold $text-accent"),
        literal_line(item.title, 400),
    )


class TimelineList(VirtualList):
    """Timeline items sorted by their EDTF bounds; Enter opens the item's entity."""

    DEFAULT_CSS = """
    TimelineList { border: round $accent; border-title-color: $text-muted; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[TimelineItem] = []

    def show_items(self, items: list[TimelineItem]) -> None:
        self.items = list(items)
        self.set_row_count(len(self.items))
        self.border_title = f"{len(self.items):,} dated items"

    def render_row(self, index: int) -> Content:
        return timeline_row(self.items[index])
