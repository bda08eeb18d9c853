"""Edit a link's role, date and note, or delete it, from the dossier's link list."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from casefile.tui.screens.main import MainScreen


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


def confirm_link_delete(main: MainScreen, link: LinkView) -> None:
    """Ask, then delete ``link`` (with its notes and citations) in a worker."""
    from casefile.tui.screens.choice_dialog import ChoiceDialog

    extra = len(link.citations)
    question = f"Delete link {link_title(link)}" + (
        f" and its {extra} citation{'s' if extra != 1 else ''}?" if extra else "?"
    )

    def answered(answer: str | None) -> None:
        if answer == "y":
            _delete(main, link.handle)

    main.app.push_screen(
        ChoiceDialog(question, [("y", "Delete"), ("n", "Keep")], escape_answer="n"), answered
    )


def _delete(main: MainScreen, handle: str) -> None:
    from casefile.services.link_edit import delete_link

    def work() -> None:
        main.db.write(lambda s: delete_link(s, ref=handle))
        main.app.call_from_thread(main.notify, f"Deleted link {handle}.", markup=False)
        main.app.call_from_thread(main.saved)

    main.run_worker(work, thread=True, exclusive=True, exit_on_error=False, group="link-delete")
