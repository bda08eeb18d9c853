"""A list that renders only the rows on screen (Textual's Line API), for very long lists."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class VirtualList(ScrollView, can_focus=True):
    """Rows are asked for by index when drawn; nothing renders rows that are off screen."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"virtual-list--row", "virtual-list--cursor"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]
    DEFAULT_CSS = """
    VirtualList { height: 1fr; overflow-x: hidden; }
    VirtualList > .virtual-list--cursor { background: $block-cursor-blurred-background; }
    VirtualList:focus > .virtual-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        """The cursor moved to ``index``."""

        def __init__(self, source: VirtualList, index: int) -> None:
            super().__init__()
            self.source = source
            self.index = index

    class Selected(Message):
        """Enter or a double click on the row at ``index``."""

        def __init__(self, source: VirtualList, index: int) -> None:
            super().__init__()
            self.source = source
            self.index = index

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._count = 0
        self._quiet = False

    @property
    def row_count(self) -> int:
        return self._count

    def render_row(self, index: int) -> Content:
        """The content of row ``index`` (subclasses override)."""
        return Content("")

    def set_row_count(self, count: int) -> None:
        """Tell the list how many rows exist; only visible ones are ever rendered."""
        self._count = count
        self.virtual_size = Size(self.scrollable_content_region.width, count)
        if count and self.cursor >= count:
            self.cursor = count - 1
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= self._count:
            return Strip.blank(width, self.get_visual_style("virtual-list--row").rich_style)
        if index == self.cursor:
            style = self.get_visual_style("virtual-list--row", "virtual-list--cursor")
        else:
            style = self.get_visual_style("virtual-list--row")
        content = self.render_row(index).truncate(width, ellipsis=True, pad=True)
        return Strip(content.render_segments(style), width).apply_meta({"row": index})

    def watch_cursor(self, old: int, new: int) -> None:
        if not self._count:
            return
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, force=True, immediate=True, center=False)
        self.refresh()
        if not self._quiet:
            self.post_message(self.Highlighted(self, new))

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self._count - 1)) if self._count else 0

    def move_quietly(self, index: int) -> None:
        """Move the cursor without posting ``Highlighted`` (the program moved it, not the user)."""
        self._quiet = True
        try:
            self.cursor = index
        finally:
            self._quiet = False

    def action_cursor_up(self) -> None:
        if self.cursor > 0:
            self.cursor -= 1

    def action_cursor_down(self) -> None:
        if self.cursor < self._count - 1:
            self.cursor += 1

    def action_page_up(self) -> None:
        self.cursor = max(0, self.cursor - max(1, self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        self.cursor = min(self._count - 1, self.cursor + max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self._count - 1

    def action_select(self) -> None:
        if self._count:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.scroll_offset.y + offset.y
        if 0 <= index < self._count:
            self.focus()
            self.cursor = index
            if event.chain >= 2:
                self.post_message(self.Selected(self, index))
