"""Delete an entity after confirming what goes with it."""

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
from casefile.services.views import EntityRef
from casefile.storage.engine import Database
from casefile.text import one_line
from casefile.tui.screens.forms.base import FormScreen


class DeleteForm(FormScreen[EntityRef]):
    """``Delete P3 Name? It also removes 2 links, 1 note and 4 citations.``"""

    SAVE_LABEL = "Delete"

    class Counted(Message):
        """What removing the entity would take with it."""

        def __init__(self, counts: dict[str, int]) -> None:
            super().__init__()
            self.counts = counts

    def __init__(self, db: Database, entity: EntityRef) -> None:
        super().__init__(db)
        self.entity = entity

    def title_content(self) -> Content:
        return Content.assemble(
            f"Delete {self.entity.kind} {self.entity.handle}: ", one_line(self.entity.name, 60)
        )

    def fields(self) -> ComposeResult:
        yield Static(classes="label")
        yield Static(Content("Counting what goes with it…"), id="delete-summary")

    def on_mount(self) -> None:
        super().on_mount()
        self.count()

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-count")
    def count(self) -> None:
        from casefile.services.entities import describe_removal

        handle = self.entity.handle
        try:
            _, counts = self.db.read(lambda s: describe_removal(s, ref=handle))
        except CasefileError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Counted(counts))

    def on_delete_form_counted(self, message: Counted) -> None:
        c = message.counts
        self.query_one("#delete-summary", Static).update(
            Content(
                f"ctrl+z or the Removed screen (r) brings it back. It also removes {c['links']} link(s), "
                f"{c['notes']} note(s) and {c['citations']} citation(s). Press ctrl+s or Delete to confirm."
            )
        )

    def submit(self) -> Callable[[Session], EntityRef] | None:
        from casefile.services.entities import remove_entity

        handle = self.entity.handle
        return lambda s: remove_entity(s, ref=handle)
