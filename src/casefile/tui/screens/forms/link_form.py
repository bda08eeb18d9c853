"""Link the current entity to another: pick the target by search, a role, sources, date, note."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session
from textual.app import ComposeResult
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, Static

from casefile.errors import InvalidInput
from casefile.services.kinds import ROLE_SUGGESTIONS
from casefile.services.views import EntityRef
from casefile.storage.engine import Database
from casefile.text import one_line
from casefile.tui.screens.forms.base import FormScreen
from casefile.tui.widgets.entity_picker import EntityPicker
from casefile.tui.widgets.state_checkbox import StateCheckbox


class LinkForm(FormScreen[str]):
    """Returns the new link's handle."""

    SAVE_LABEL = "Link"

    def __init__(self, db: Database, entity: EntityRef) -> None:
        super().__init__(db)
        self.entity = entity

    def title_content(self) -> Content:
        return Content.assemble(f"Link {self.entity.handle} ", one_line(self.entity.name, 60), " to…")

    def fields(self) -> ComposeResult:
        yield Static("Target", classes="label")
        yield EntityPicker(
            self.db,
            exclude_id=self.entity.id,
            id="link-target",
            placeholder="type a name or alias; Enter takes the best match",
        )
        yield Static("Role", classes="label")
        yield Input(
            id="link-role",
            placeholder=", ".join(ROLE_SUGGESTIONS[:5]) + "…",
            suggester=SuggestFromList(ROLE_SUGGESTIONS, case_sensitive=False),
        )
        yield Static("Date", classes="label")
        yield Input(id="link-date", placeholder="optional EDTF: 2025-06-21, 2025~, 2020/2021")
        yield Static(classes="label")
        yield StateCheckbox("Reverse (target → this entity)", id="link-reverse")
        yield Static("Cited sources", classes="label")
        yield EntityPicker(self.db, kind="source", multiple=True, exclude_id=self.entity.id, id="link-sources",
                           placeholder="search sources; pick several, pick one again to drop it")  # fmt: skip
        yield Static("Note", classes="label")
        yield Input(id="link-note", placeholder="optional")

    def submit(self) -> Callable[[Session], str] | None:
        from casefile.services.links import add_link, normalize_role

        targets = self.query_one("#link-target", EntityPicker).chosen
        if not targets:
            raise InvalidInput("Pick the entity to link to: type part of its name and press Enter.")
        role = normalize_role(self.query_one("#link-role", Input).value)
        source, target = self.entity.handle, targets[0].handle
        if self.query_one("#link-reverse", Checkbox).value:
            source, target = target, source
        sources = [s.handle for s in self.query_one("#link-sources", EntityPicker).chosen]
        date = self.query_one("#link-date", Input).value.strip() or None
        note = self.query_one("#link-note", Input).value.strip() or None

        def write(session: Session) -> str:
            link = add_link(
                session,
                source_ref=source,
                target_ref=target,
                role=role,
                date=date,
                note=note,
                sources=sources,
            )
            return link.handle

        return write
