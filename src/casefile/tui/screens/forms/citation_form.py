"""Cite a source for the entity, one of its links or one of its notes."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from casefile.errors import InvalidInput
from casefile.services.kinds import normalize_credibility
from casefile.services.views import Dossier
from casefile.storage.engine import Database
from casefile.text import one_line
from casefile.tui.literal import literal_line
from casefile.tui.screens.forms.base import FormScreen
from casefile.tui.widgets.entity_picker import EntityPicker
from casefile.tui.widgets.link_list import link_prompt


class CitationForm(FormScreen[str]):
    """Returns the new citation's handle."""

    SAVE_LABEL = "Cite"
    DEFAULT_CSS = "CitationForm #cite-target { height: auto; max-height: 8; }"

    def __init__(self, db: Database, dossier: Dossier, target_handle: str | None = None) -> None:
        super().__init__(db)
        self.dossier = dossier
        self.target_handle = target_handle or dossier.entity.handle

    def title_content(self) -> Content:
        return self.title_for(self.target_handle)

    def title_for(self, handle: str) -> Content:
        """Say exactly what is cited: the entity, one of its links, or one of its notes."""
        entity = self.dossier.entity
        for link in self.dossier.links:
            if link.handle == handle:
                arrow = "→" if link.direction == "out" else "←"
                return Content.assemble(
                    f"Cite a source for link {link.handle}: {link.role} {arrow} {link.other.handle} ",
                    one_line(link.other.name, 40),
                )
        for note in self.dossier.notes:
            if note.handle == handle:
                return Content.assemble(f"Cite a source for note {note.handle}: ", one_line(note.body, 50))
        return Content.assemble(
            f"Cite a source for {entity.kind} {entity.handle} ", one_line(entity.name, 60)
        )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "cite-target" and event.option.id:
            self.query_one("#form-title", Static).update(self.title_for(event.option.id))

    def fields(self) -> ComposeResult:
        entity = self.dossier.entity
        options = [
            Option(
                Content.assemble((f"{entity.handle} ", "bold"), literal_line(entity.name, 80)),
                id=entity.handle,
            )
        ]
        options += [
            Option(Content.assemble((f"{lk.role} ", "bold"), link_prompt(lk)), id=lk.handle)
            for lk in self.dossier.links
        ]
        options += [
            Option(Content.assemble((f"{n.handle} note ", "bold"), literal_line(n.body, 70)), id=n.handle)
            for n in self.dossier.notes
        ]
        yield Static("Supports", classes="label")
        yield OptionList(*options, id="cite-target")
        yield Static("Source", classes="label")
        yield EntityPicker(
            self.db, kind="source", exclude_id=entity.id, id="cite-source", placeholder="Search sources…"
        )
        yield Static("Locator", classes="label")
        yield Input(id="cite-locator", placeholder="page, paragraph, timestamp")
        yield Static("Quote", classes="label")
        yield Input(id="cite-quote")
        yield Static("Credibility (1-6)", classes="label")
        yield Input(id="cite-credibility", max_length=1, placeholder="1 confirmed … 6 cannot be judged")

    def on_mount(self) -> None:
        super().on_mount()
        targets = self.query_one("#cite-target", OptionList)
        try:
            targets.highlighted = targets.get_option_index(self.target_handle)
        except Exception:
            targets.highlighted = 0

    def submit(self) -> Callable[[Session], str] | None:
        from casefile.services.citations import CitationInput, cite

        option = self.query_one("#cite-target", OptionList).highlighted_option
        target = option.id if option is not None and option.id else self.dossier.entity.handle
        sources = self.query_one("#cite-source", EntityPicker).chosen
        if not sources:
            raise InvalidInput("Pick the source to cite: type part of its title and press Enter.")
        credibility_text = self.query_one("#cite-credibility", Input).value.strip()
        data = CitationInput(
            source=sources[0].handle,
            locator=self.query_one("#cite-locator", Input).value or None,
            quote=self.query_one("#cite-quote", Input).value or None,
            credibility=normalize_credibility(credibility_text) if credibility_text else None,
        )

        def write(session: Session) -> str:
            return cite(session, target_ref=target, data=data).handle

        return write
