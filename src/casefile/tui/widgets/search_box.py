"""The search box: filters the list as you type, debounced so each keystroke is not a query."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

DEBOUNCE_SECONDS = 0.25


class SearchBox(Input):
    """Posts ``Search`` a moment after typing stops, or at once on Enter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "leave", "To results", show=False),
        Binding("escape", "leave", "Leave search", show=False),
    ]

    class Search(Message):
        """Run the search for ``query`` (empty: back to the plain list); ``open``: Enter was pressed."""

        def __init__(self, query: str, *, open: bool = False) -> None:
            super().__init__()
            self.query = query
            self.open = open

    class Leave(Message):
        """Down or Esc: go to the results list."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="Search names and aliases (any script)…  /", id=id)
        self._timer: Timer | None = None
        self._last: str | None = None

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self._fire)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._fire(force=True, open=True)

    def action_leave(self) -> None:
        self._fire()  # a query still waiting for its debounce runs first
        self.post_message(self.Leave())

    def start_over(self) -> None:
        """``/``: focus with the old query selected, so typing replaces it."""
        self.focus()
        self.select_all()

    def _fire(self, force: bool = False, open: bool = False) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        query = self.value.strip()
        if query == self._last and not force:
            return
        self._last = query
        self.post_message(self.Search(query, open=open))
