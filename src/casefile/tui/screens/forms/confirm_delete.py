"""The shared shape of a delete confirmation: count what goes with the record, then ask."""

from __future__ import annotations

from typing import TypeVar

from sqlmodel import Session
from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from casefile.errors import CasefileError
from casefile.tui.screens.forms.base import FormScreen

ResultT = TypeVar("ResultT")


class ConfirmDelete(FormScreen[ResultT]):
    """Counts in a worker what removing the record takes with it; ctrl+s or Delete confirms."""

    SAVE_LABEL = "Delete"

    class Counted(Message):
        """What removing the record would take with it."""

        def __init__(self, counts: dict[str, int]) -> None:
            super().__init__()
            self.counts = counts

    def describe(self, session: Session) -> dict[str, int]:
        """How many of each kind of row go with the record."""
        raise NotImplementedError

    def summary(self, counts: dict[str, int]) -> str:
        """The sentence shown once the counts are in."""
        raise NotImplementedError

    def fields(self) -> ComposeResult:
        yield Static(classes="label")
        yield Static(Content("Counting what goes with it…"), id="delete-summary")

    def on_mount(self) -> None:
        super().on_mount()
        self.count()

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-count")
    def count(self) -> None:
        try:
            counts = self.db.read(self.describe)
        except CasefileError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Counted(counts))

    def on_confirm_delete_counted(self, message: Counted) -> None:
        text = self.summary(message.counts) + " Press ctrl+s or Delete to confirm."
        self.query_one("#delete-summary", Static).update(Content(text))
