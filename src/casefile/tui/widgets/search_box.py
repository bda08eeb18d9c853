"""The search box: filters the list as you type, debounced so each keystroke is not a query."""

from __future__ import annotations

from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

DEBOUNCE_SECONDS = 0.25


class SearchBox(Input):
    """Posts ``Search`` a moment after typing stops, or at once on Enter."""

    class Search(Message):
        """Run the search for ``query`` (empty: back to the plain list)."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

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
        self._fire(force=True)

    def _fire(self, force: bool = False) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        query = self.value.strip()
        if query == self._last and not force:
            return
        self._last = query
        self.post_message(self.Search(query))
