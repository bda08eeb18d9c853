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
from textual.widgets import Button, Checkbox, Footer, Input, Select, Static, TextArea
from textual.worker import get_current_worker

from casefile.errors import CasefileError, RecordChanged
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

    class Changed(Message):
        """The record was changed elsewhere since the form opened; nothing was written."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    class SaveNow(Message):
        """Save, once every key typed before the save key has reached its field."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.busy = False
        # Until a field has focus the app keeps the keys typed for this form (CasefileApp).
        self.ready = False
        self.opened_with: dict[str, object] = {}

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
        self._release_keys()
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
        self.opened_with = self.typed_values()
        opened = getattr(self.app, "screen_opened", None)
        if opened is not None:
            opened()
        self.call_after_refresh(self._become_ready)

    # ----- keys typed before the form could take them ----------------------------------

    def _become_ready(self) -> None:
        """A field has focus: the app may deliver the keys it queued for this form."""
        if self.focused is None:
            self.focus_next()
        self.ready = True
        self._release_keys()

    @property
    def holding_keys(self) -> bool:
        """The app keeps typed keys back: no field has focus yet, a save runs, or a picker
        is still searching for the hit Enter takes (the next keys belong to the next field)."""
        from casefile.tui.widgets.entity_picker import EntityPicker

        if not self.ready or self.busy:
            return True
        return any(picker.picking for picker in self.query(EntityPicker))

    def _release_keys(self) -> None:
        notify = getattr(self.app, "screen_ready", None)
        if notify is not None:
            notify()

    def typed_values(self) -> dict[str, object]:
        """What the form's fields hold now (to tell whether the user typed anything)."""
        values: dict[str, object] = {}
        for widget in self.query("Input, TextArea, Checkbox, Select"):
            key = widget.id or str(id(widget))
            if isinstance(widget, TextArea):
                values[key] = widget.text
            elif isinstance(widget, Input | Checkbox | Select):
                values[key] = widget.value
        return values

    @property
    def typed(self) -> bool:
        """True when a field differs from what the form opened with."""
        return self.is_mounted and self.typed_values() != self.opened_with

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.leave(lambda: self.dismiss(None))

    def leave(self, then: Callable[[], object]) -> None:
        """Run ``then`` (close the form, quit), asking first if the user typed something."""
        if not self.typed:
            then()
            return
        from casefile.tui.screens.choice_dialog import ChoiceDialog

        def answered(answer: str | None) -> None:
            if answer == "d":
                then()

        self.app.push_screen(
            ChoiceDialog(
                "Discard what you typed in this form?",
                [("d", "Discard"), ("k", "Keep editing")],
                escape_answer="k",
            ),
            answered,
        )

    def action_save(self) -> None:
        # The save key can overtake keys still queued in the focused field (a fast typist, a
        # paste): save once they are in, by sending the request through that field's queue.
        target = self.focused
        if target is None or not self.ready:
            self.post_message(self.SaveNow())
        else:
            target.post_message(self.SaveNow())

    def on_form_screen_save_now(self, message: SaveNow) -> None:
        message.stop()
        if not self.ready:
            self.call_after_refresh(self.action_save)
            return
        self.save_now()

    def save_now(self) -> None:
        if self.busy:
            return
        from casefile.tui.screens.forms.season_check import unseen_season_note

        note = unseen_season_note(self)
        if note:
            self.fail(note)
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
        except RecordChanged as exc:
            if not get_current_worker().is_cancelled:
                self.post_message(self.Changed(str(exc)))
            return
        except CasefileError as exc:
            if not get_current_worker().is_cancelled:
                self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Succeeded(result))

    def on_form_screen_failed(self, message: Failed) -> None:
        self.fail(message.reason)

    def on_form_screen_changed(self, message: Changed) -> None:
        self.changed(message.reason)

    def changed(self, reason: str) -> None:
        """Someone else changed the record: forms that edit one offer a choice; here, say so."""
        self.fail(reason)

    def on_form_screen_succeeded(self, message: Succeeded) -> None:
        from casefile.tui.widgets.entity_picker import remember_sources

        self.busy = False
        remember_sources(self)
        self.dismiss(message.result)
