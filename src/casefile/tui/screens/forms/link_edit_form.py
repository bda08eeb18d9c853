"""Edit a link's role, date and note from the dossier's link list (``e`` on a link)."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session
from textual.app import ComposeResult
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from casefile.services.kinds import ROLE_SUGGESTIONS
from casefile.services.views import LinkView
from casefile.storage.engine import Database
from casefile.text import one_line
from casefile.tui.screens.forms.base import FormScreen


def link_title(link: LinkView) -> str:
    """``L3: P1 Name → member of → O2 Name``."""
    return (
        f"{link.handle}: {link.source.handle} {one_line(link.source.name, 40)} → {one_line(link.role, 40)} → "
        f"{link.target.handle} {one_line(link.target.name, 40)}"
    )


class LinkEditForm(FormScreen[str]):
    """Returns the link's handle."""

    SAVE_LABEL = "Save link"

    def __init__(self, db: Database, link: LinkView) -> None:
        super().__init__(db)
        self.link = link

    def title_content(self) -> Content:
        return Content(f"Edit link {link_title(self.link)}")

    def fields(self) -> ComposeResult:
        yield Static("Role", classes="label")
        yield Input(
            self.link.role, id="link-role", suggester=SuggestFromList(ROLE_SUGGESTIONS, case_sensitive=False)
        )
        yield Static("Date", classes="label")
        yield Input(
            self.link.date or "", id="link-date", placeholder="EDTF: 2025-06-21, 2020/2021; empty clears"
        )
        yield Static("Note", classes="label")
        yield Input(self.link.note or "", id="link-note", placeholder="empty clears")

    def submit(self) -> Callable[[Session], str] | None:
        from casefile.services.link_edit import LinkEdit, edit_link

        edit = LinkEdit(
            role=self.query_one("#link-role", Input).value,
            date=self.query_one("#link-date", Input).value,
            note=self.query_one("#link-note", Input).value,
        )
        handle = self.link.handle
        return lambda session: edit_link(session, ref=handle, edit=edit).handle
