"""A modal that shows an unexpected error (a bug) without crashing the app."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from casefile.tui.literal import literal


class ErrorDialog(ModalScreen[None]):
    """Shows ``message`` literally; Escape or Enter closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "dismiss_dialog", "Close"),
    ]
    DEFAULT_CSS = """
    ErrorDialog { align: center middle; }
    ErrorDialog > Vertical { width: 80; max-width: 95%; height: auto; border: thick $error; background: $surface; padding: 1 2; }
    ErrorDialog #error-title { text-style: bold; color: $text-error; }
    """

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.title_text), id="error-title")
            yield Static(literal(self.message), id="error-message")
        yield Footer()

    def action_dismiss_dialog(self) -> None:
        self.dismiss(None)
