"""``ctrl+z``: undo the last action after a confirmation that names it."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session
from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from casefile.errors import CasefileError
from casefile.services.history import EntryView, UndoResult
from casefile.storage.engine import Database
from casefile.text import one_line
from casefile.tui.screens.forms.base import FormScreen


class UndoForm(FormScreen[UndoResult]):
    """``Undo #7 edit (P3 Ales Bialiatski)?`` — ctrl+s or Undo confirms."""

    SAVE_LABEL = "Undo"
    TITLE_TEXT = "Undo the last action"

    class Described(Message):
        def __init__(self, entry: EntryView) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self.entry: EntryView | None = None

    def fields(self) -> ComposeResult:
        yield Static(classes="label")
        yield Static(Content("Looking up the last action…"), id="undo-summary")

    def on_mount(self) -> None:
        super().on_mount()
        self.describe()

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-count")
    def describe(self) -> None:
        from casefile.services.history import describe_undo

        try:
            entry = self.db.read(lambda s: describe_undo(s))
        except CasefileError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Described(entry))

    def on_undo_form_described(self, message: Described) -> None:
        self.entry = entry = message.entry
        records = ", ".join(r.label for r in entry.records[:3])
        more = f" and {len(entry.records) - 3} more" if len(entry.records) > 3 else ""
        self.query_one("#undo-summary", Static).update(
            Content(
                f"Undo {entry.title} by {one_line(entry.actor, 30)} at {entry.at}: "
                f"{one_line(records, 120)}{more}? Press ctrl+s or Undo to confirm."
            )
        )

    def submit(self) -> Callable[[Session], UndoResult] | None:
        from casefile.services.history import undo

        if self.entry is None:
            self.fail("There is nothing to undo yet.")
            return None
        seq = self.entry.seq
        return lambda s: undo(s, entry=seq)
