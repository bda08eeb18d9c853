"""The entity list: keyset pages appended as the cursor nears the end, rows drawn on demand."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message

from casefile.services.views import EntityRef
from casefile.tui.literal import literal_line
from casefile.tui.widgets.virtual_list import VirtualList

PAGE_SIZE = 100
KIND_LABEL = {
    "person": "person",
    "organization": "org",
    "place": "place",
    "source": "source",
    "event": "event",
}


def entity_row(ref: EntityRef) -> Content:
    """``P12  person  Name  (private)`` with the name shown literally."""
    parts: list[str | Content | tuple[str, str]] = [
        (f"{ref.handle:<7}", "bold $text-accent"),
        (f"{KIND_LABEL.get(ref.kind, ref.kind):<7}", "$text-muted"),
        literal_line(ref.name, 300),
    ]
    if ref.private:
        parts.append(("  private", "italic $text-warning"))
    return Content.assemble(*parts)


class EntityList(VirtualList):
    """Entities in list order; only the loaded pages live in memory, only visible rows render."""

    DEFAULT_CSS = """
    EntityList { border: round $foreground 30%; border-title-color: $text-muted; }
    EntityList:focus { border: round $accent; }
    """

    class NeedMore(Message):
        """The cursor is near the end of the loaded rows and more exist."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[EntityRef] = []
        self.keep_id: str | None = None
        self.has_more = False
        self.loading = False
        self.fetched_rows = 0
        self.total: int | None = None
        self.mode = "list"

    def render_row(self, index: int) -> Content:
        if index < len(self.items):
            return entity_row(self.items[index])
        return Content.styled("loading…", "italic $text-muted")

    def show_rows(
        self,
        items: list[EntityRef],
        *,
        more: bool,
        replace: bool,
        total: int | None = None,
        mode: str = "list",
    ) -> None:
        """Replace or extend the rows; keep the cursor on the same entity when it is still there."""
        self.loading = False
        self.fetched_rows += len(items)
        self.mode = mode
        if total is not None or replace:
            self.total = total
        if replace:
            keep = self.keep_id or (self.current.id if self.current else None)
            self.items = list(items)
            self.has_more = more
            self.set_row_count(len(self.items) + (1 if more else 0))
            index = next((i for i, r in enumerate(self.items) if r.id == keep), None)
            self.move_quietly(index if index is not None else min(self.cursor, max(0, len(self.items) - 1)))
        else:
            self.items.extend(items)
            self.has_more = more
            self.set_row_count(len(self.items) + (1 if more else 0))
        self._update_title()
        self._maybe_need_more(self.cursor)

    def _update_title(self) -> None:
        shown = len(self.items)
        if self.mode == "search":
            self.border_title = f"{shown:,} found"
        elif self.total is not None:
            self.border_title = f"{shown:,} of {self.total:,}"
        else:
            self.border_title = f"{shown:,}"

    @property
    def current(self) -> EntityRef | None:
        if 0 <= self.cursor < len(self.items):
            return self.items[self.cursor]
        return None

    def select_id(self, entity_id: str) -> bool:
        """Put the cursor on ``entity_id`` if it is loaded."""
        self.keep_id = entity_id
        for index, ref in enumerate(self.items):
            if ref.id == entity_id:
                self.move_quietly(index)
                return True
        return False

    def watch_cursor(self, old: int, new: int) -> None:
        super().watch_cursor(old, new)
        self._maybe_need_more(new)

    def _maybe_need_more(self, index: int) -> None:
        visible_end = self.scroll_offset.y + self.scrollable_content_region.height
        near = max(index, visible_end) >= len(self.items) - PAGE_SIZE // 2
        if self.has_more and not self.loading and near:
            self.loading = True
            self.post_message(self.NeedMore())

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._maybe_need_more(self.cursor)
