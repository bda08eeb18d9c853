"""The shared shape of a form: a title, fields, a message line, Save and Cancel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from sqlmodel import Session
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static
from textual.worker import get_current_worker

from casefile.errors import CasefileError
from casefile.storage.engine import Database

ResultT = TypeVar("ResultT")


class FormScreen(ModalScreen[ResultT | None], Generic[ResultT]):
    """A modal form. Subclasses compose ``fields()`` and implement ``submit()``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > #form {
        width: 90; max-width: 95%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    FormScreen #form-title { text-style: bold; color: $text-primary; padding: 0 0 1 0; }
    FormScreen #form-fields {
        layout: grid; grid-size: 2; grid-columns: 26 1fr; grid-rows: auto; grid-gutter: 1 1; height: auto;
    }
    FormScreen .label { color: $text-muted; text-align: right; }
    FormScreen #form-message { color: $text-error; text-style: bold; height: auto; margin-top: 1; }
    FormScreen #form-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    FormScreen #form-buttons Button { margin-left: 2; }
    FormScreen TextArea { height: 5; }
    """
    AUTO_FOCUS = "Input, TextArea"
    TITLE_TEXT = "Form"
    SAVE_LABEL = "Save"
    WRITES = True  # False: the action only reads (an export), so no write lock is taken

    class Failed(Message):
        """The write was refused with a sentence for the user; nothing was written."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    class Succeeded(Message):
        """The write committed."""

        def __init__(self, result: Any) -> None:
            super().__init__()
            self.result = result

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.busy = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form", can_focus=False):
            yield Static(self.title_content(), id="form-title")
            with Grid(id="form-fields"):
                yield from self.fields()
            yield Static(id="form-message")
            with Horizontal(id="form-buttons"):
                yield Button(self.SAVE_LABEL, variant="primary", id="form-save", compact=True)
                yield Button("Cancel", id="form-cancel", compact=True)
        yield Footer()

    def title_content(self) -> Content:
        return Content(self.TITLE_TEXT)

    def fields(self) -> ComposeResult:
        """The form's own widgets."""
        yield from ()

    def submit(self) -> Callable[[Session], ResultT] | None:
        """Validate what was typed and return the write to run (or call ``fail`` and return None)."""
        raise NotImplementedError

    def fail(self, reason: str) -> None:
        """Show ``reason`` under the fields."""
        self.busy = False
        message = self.query_one("#form-message", Static)
        message.update(Content(reason))
        message.display = True

    @property
    def message_text(self) -> str:
        """The validation message currently shown (empty when none)."""
        return str(self.query_one("#form-message", Static).content)

    def on_mount(self) -> None:
        self.query_one("#form-message").display = False
        for widget in self.query("Input, TextArea, Checkbox, Select"):
            widget.compact = True  # type: ignore[attr-defined]

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        if self.busy:
            return
        try:
            action = self.submit()
        except CasefileError as exc:
            self.fail(str(exc))
            return
        if action is None:
            return
        self.busy = True
        self.write(action)

    @work(thread=True, exclusive=True, exit_on_error=False, group="form")
    def write(self, action: Callable[[Session], ResultT]) -> None:
        """Run the write in one transaction off the event loop."""
        try:
            result = self.db.write(action) if self.WRITES else self.db.read(action)
        except CasefileError as exc:
            if not get_current_worker().is_cancelled:
                self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Succeeded(result))

    def on_form_screen_failed(self, message: Failed) -> None:
        self.fail(message.reason)

    def on_form_screen_succeeded(self, message: Succeeded) -> None:
        self.busy = False
        self.dismiss(message.result)
