"""Write a Markdown note on an entity or a link, with a private toggle."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Checkbox, Static, TextArea

from casefile.errors import InvalidInput
from casefile.storage.engine import Database
from casefile.text import one_line
from casefile.tui.screens.forms.base import FormScreen
from casefile.tui.widgets.entity_picker import EntityPicker
from casefile.tui.widgets.state_checkbox import StateCheckbox


class NoteForm(FormScreen[str]):
    """Returns the new note's handle."""

    SAVE_LABEL = "Save note"
    DEFAULT_CSS = "NoteForm TextArea { height: 10; }"

    def __init__(self, db: Database, target_handle: str, target_label: str) -> None:
        super().__init__(db)
        self.target_handle = target_handle
        self.target_label = target_label

    def title_content(self) -> Content:
        return Content.assemble(f"Note on {self.target_handle} ", one_line(self.target_label, 60))

    def fields(self) -> ComposeResult:
        yield Static("Note (Markdown)", classes="label")
        yield TextArea(id="note-body")
        yield Static(classes="label")
        yield StateCheckbox("Private (left out of exports unless asked)", id="note-private")
        yield Static("Cited sources (optional)", classes="label")
        yield EntityPicker(
            self.db, kind="source", multiple=True, id="note-sources", placeholder="Search sources…"
        )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#note-body", TextArea).focus()

    def submit(self) -> Callable[[Session], str] | None:
        from casefile.services.notes import add_note

        body = self.query_one("#note-body", TextArea).text
        if not body.strip():
            raise InvalidInput("A note cannot be empty.")
        private = self.query_one("#note-private", Checkbox).value
        sources = [s.handle for s in self.query_one("#note-sources", EntityPicker).chosen]
        target = self.target_handle

        def write(session: Session) -> str:
            return add_note(session, target_ref=target, body=body, private=private, sources=sources).handle

        return write
