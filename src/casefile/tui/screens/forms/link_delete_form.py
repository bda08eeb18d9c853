"""Delete one link after saying what goes with it (its notes and citations)."""

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
from casefile.services.views import LinkView
from casefile.storage.engine import Database
from casefile.text import one_line
from casefile.tui.screens.forms.base import FormScreen


class LinkDeleteForm(FormScreen[str]):
    """``Delete link L5: released → P3 Name?`` Returns the removed link's handle."""

    SAVE_LABEL = "Delete"

    class Counted(Message):
        def __init__(self, counts: dict[str, int]) -> None:
            super().__init__()
            self.counts = counts

    def __init__(self, db: Database, link: LinkView) -> None:
        super().__init__(db)
        self.link = link

    def title_content(self) -> Content:
        lk = self.link
        return Content.assemble(
            f"Delete link {lk.handle}: {lk.source.handle} ",
            one_line(lk.source.name, 30),
            f" — {one_line(lk.role, 30)} → {lk.target.handle} ",
            one_line(lk.target.name, 30),
        )

    def fields(self) -> ComposeResult:
        yield Static(classes="label")
        yield Static(Content("Counting what goes with it…"), id="delete-summary")

    def on_mount(self) -> None:
        super().on_mount()
        self.count()

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-count")
    def count(self) -> None:
        from casefile.services.removals import describe_link_removal

        handle = self.link.handle
        try:
            _, counts = self.db.read(lambda s: describe_link_removal(s, ref=handle))
        except CasefileError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Counted(counts))

    def on_link_delete_form_counted(self, message: Counted) -> None:
        c = message.counts
        self.query_one("#delete-summary", Static).update(
            Content(
                f"Only the link goes; both entities stay. It also removes {c['notes']} note(s) and "
                f"{c['citations']} citation(s). Press ctrl+s or Delete to confirm."
            )
        )

    def submit(self) -> Callable[[Session], str] | None:
        from casefile.services.links import remove_link

        handle = self.link.handle
        return lambda s: remove_link(s, ref=handle).handle
