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
from casefile.tui.screens.forms.version_check import VersionCheck


def link_title(link: LinkView) -> str:
    """``L3: P1 Name → member of → O2 Name``."""
    return (
        f"{link.handle}: {link.source.handle} {one_line(link.source.name, 40)} → {one_line(link.role, 40)} → "
        f"{link.target.handle} {one_line(link.target.name, 40)}"
    )


class LinkEditForm(VersionCheck[LinkView], FormScreen[str]):
    """Returns the link's handle; a save over someone else's change asks first."""

    SAVE_LABEL = "Save link"

    def __init__(self, db: Database, link: LinkView) -> None:
        super().__init__(db)
        self.link = link
        self.record = link

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

    # ----- the lost-update check (VersionCheck) -----------------------------------------------

    def record_label(self) -> str:
        return self.record.handle

    def read_record(self, session: Session) -> LinkView:
        from dataclasses import replace

        from casefile.services.refs import resolve_of_type
        from casefile.storage.tables import Link

        row = resolve_of_type(session, self.record.id, Link, "link")
        return replace(self.record, role=row.role, date=row.date_text, note=row.note, updated=row.updated)

    def record_values(self, record: LinkView) -> dict[str, tuple[str, str]]:
        return {
            "role": ("Role", record.role),
            "date": ("Date", record.date or ""),
            "note": ("Note", record.note or ""),
        }

    def shown_values(self) -> dict[str, str]:
        return {key: self.query_one(f"#link-{key}", Input).value for key in ("role", "date", "note")}

    def take_value(self, key: str, record: LinkView) -> None:
        self.query_one(f"#link-{key}", Input).value = self.record_values(record)[key][1]

    def submit(self) -> Callable[[Session], str] | None:
        from casefile.services.link_edit import LinkEdit, edit_link

        edit = LinkEdit(
            role=self.query_one("#link-role", Input).value,
            date=self.query_one("#link-date", Input).value,
            note=self.query_one("#link-note", Input).value,
            expected_updated=self.record.updated or None,
        )
        handle = self.link.handle
        return lambda session: edit_link(session, ref=handle, edit=edit).handle
