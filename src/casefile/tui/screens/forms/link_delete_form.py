"""Delete one link after saying what goes with it (its notes and citations)."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session
from textual.content import Content

from casefile.services.views import LinkView
from casefile.storage.engine import Database
from casefile.text import one_line
from casefile.tui.screens.forms.confirm_delete import ConfirmDelete


class LinkDeleteForm(ConfirmDelete[str]):
    """``Delete link L5: released → P3 Name?`` Returns the removed link's handle."""

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

    def describe(self, session: Session) -> dict[str, int]:
        from casefile.services.removals import describe_link_removal

        return describe_link_removal(session, ref=self.link.handle)[1]

    def summary(self, counts: dict[str, int]) -> str:
        return (
            f"Only the link goes; both entities stay. It also removes {counts['notes']} note(s) and "
            f"{counts['citations']} citation(s)."
        )

    def submit(self) -> Callable[[Session], str] | None:
        from casefile.services.links import remove_link

        handle = self.link.handle
        return lambda s: remove_link(s, ref=handle).handle
