"""Delete an entity after confirming what goes with it."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session
from textual.content import Content

from casefile.services.views import EntityRef
from casefile.storage.engine import Database
from casefile.text import one_line
from casefile.tui.screens.forms.confirm_delete import ConfirmDelete


class DeleteForm(ConfirmDelete[EntityRef]):
    """``Delete P3 Name? It also removes 2 links, 1 note and 4 citations.``"""

    def __init__(self, db: Database, entity: EntityRef) -> None:
        super().__init__(db)
        self.entity = entity

    def title_content(self) -> Content:
        return Content.assemble(
            f"Delete {self.entity.kind} {self.entity.handle}: ", one_line(self.entity.name, 60)
        )

    def describe(self, session: Session) -> dict[str, int]:
        from casefile.services.entities import describe_removal

        return describe_removal(session, ref=self.entity.handle)[1]

    def summary(self, counts: dict[str, int]) -> str:
        return (
            f"ctrl+z or the Removed screen (r) brings it back. It also removes {counts['links']} link(s), "
            f"{counts['notes']} note(s) and {counts['citations']} citation(s)."
        )

    def submit(self) -> Callable[[Session], EntityRef] | None:
        from casefile.services.entities import remove_entity

        handle = self.entity.handle
        return lambda s: remove_entity(s, ref=handle)
