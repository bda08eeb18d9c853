"""Ask which person (or any entity) and which date range the timeline should show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


@dataclass(frozen=True, slots=True)
class TimelineFilter:
    """An entity REF and an EDTF window; blank fields mean no limit."""

    ref: str | None = None
    since: str | None = None
    until: str | None = None

    @property
    def summary(self) -> str:
        parts = [self.ref if self.ref else "the whole case"]
        if self.since or self.until:
            parts.append(f"{self.since or '..'} to {self.until or '..'}")
        return ", ".join(parts)


class TimelineFilterForm(ModalScreen[TimelineFilter | None]):
    """Enter applies, Esc keeps the current filter."""

    DEFAULT_CSS = """
    TimelineFilterForm { align: center middle; }
    TimelineFilterForm > Vertical { width: 64; height: auto; border: round $accent; padding: 1 2;
        background: $surface; }
    TimelineFilterForm Label { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: TimelineFilter) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Filter the timeline"
            yield Label("Person or other entity (handle, name or alias; blank for the whole case)")
            yield Input(self.current.ref or "", id="ref", placeholder="P1")
            yield Label("Since (EDTF, e.g. 2020 or 2025-06)")
            yield Input(self.current.since or "", id="since", placeholder="..")
            yield Label("Until (EDTF)")
            yield Input(self.current.until or "", id="until", placeholder="..")

    def on_mount(self) -> None:
        self.query_one("#ref", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()

        def value(name: str) -> str | None:
            return self.query_one(f"#{name}", Input).value.strip() or None

        self.dismiss(TimelineFilter(value("ref"), value("since"), value("until")))

    def action_cancel(self) -> None:
        self.dismiss(None)
