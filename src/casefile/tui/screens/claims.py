"""A dossier's claims with their grades, and each conflict's claims side by side with their sources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from casefile.services.claim_views import ClaimView, ConflictView
from casefile.services.views import EntityRef
from casefile.storage.engine import Database
from casefile.text import one_line
from casefile.tui.literal import literal_line
from casefile.tui.widgets.claim_render import (
    GRADE_LEGEND,
    ConflictColumns,
    claim_prompt,
    conflict_of,
    disputed_handles,
)


@dataclass
class ClaimsLoaded(Message):
    """The entity's claims and conflicts, read in one transaction."""

    claims: list[ClaimView]
    conflicts: list[ConflictView]


class ClaimsScreen(Screen[None]):
    """List, add, edit, delete and resolve the claims about one entity."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "app.help", "Help", key_display="?"),
        Binding("a", "add", "Add claim"),
        Binding("r", "resolve", "Resolve"),
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "delete", "Delete"),
        Binding("escape,k", "close", "Back"),
    ]
    DEFAULT_CSS = """
    ClaimsScreen #claims-legend { color: $text-muted; padding: 0 1; height: auto; }
    ClaimsScreen #claims-list { height: auto; max-height: 50%; min-height: 4; border: round $primary 50%; }
    ClaimsScreen #claims-conflict { height: 1fr; padding: 0 1; }
    ClaimsScreen #claims-empty { color: $text-muted; padding: 1 2; }
    """

    def __init__(self, db: Database, entity: EntityRef) -> None:
        super().__init__()
        self.db = db
        self.entity = entity
        self.claims: list[ClaimView] = []
        self.conflicts: list[ConflictView] = []
        self._shown_conflict: tuple[str, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static(Content(GRADE_LEGEND), id="claims-legend")
            yield OptionList(id="claims-list")
            yield Static(Content("No claims yet: press a to add one."), id="claims-empty")
            yield VerticalScroll(id="claims-conflict", can_focus=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Claims about {self.entity.handle} {one_line(self.entity.name, 60)}"
        self.query_one("#claims-list", OptionList).border_title = "loading…"
        self.query_one("#claims-list").focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="claims")
    def load(self) -> None:
        from casefile.services.claim_queries import entity_claims, entity_conflicts

        entity_id = self.entity.id

        def read(session: Any) -> ClaimsLoaded:
            return ClaimsLoaded(
                entity_claims(session, entity_id=entity_id), entity_conflicts(session, entity_id=entity_id)
            )

        self.post_message(self.db.read(read))

    async def on_claims_loaded(self, message: ClaimsLoaded) -> None:
        self.claims, self.conflicts = message.claims, message.conflicts
        options = self.query_one("#claims-list", OptionList)
        keep = self.current.handle if self.current is not None else None
        disputed = disputed_handles(message.conflicts)
        options.set_options(
            [Option(claim_prompt(c, c.handle in disputed), id=c.handle) for c in message.claims]
        )
        open_count = sum(1 for c in message.conflicts if not c.resolved)
        options.border_title = f"{len(message.claims)} claims, {open_count} open conflicts"
        self.query_one("#claims-empty").display = not message.claims
        if message.claims:
            handles = [c.handle for c in message.claims]
            options.highlighted = handles.index(keep) if keep in handles else 0
        self._shown_conflict = None
        await self._show_conflict()

    @property
    def current(self) -> ClaimView | None:
        """The highlighted claim."""
        option = self.query_one("#claims-list", OptionList).highlighted_option
        if option is None:
            return None
        return next((c for c in self.claims if c.handle == option.id), None)

    async def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        await self._show_conflict()

    async def _show_conflict(self) -> None:
        claim = self.current
        conflict = conflict_of(claim.handle, self.conflicts) if claim is not None else None
        key = (*(c.handle for c in conflict.claims), str(conflict.resolved)) if conflict else None
        if key == self._shown_conflict:
            return
        self._shown_conflict = key
        box = self.query_one("#claims-conflict", VerticalScroll)
        await box.remove_children()
        if conflict is not None:
            await box.mount(ConflictColumns(conflict))
        elif claim is not None:
            await box.mount(Static(Content.assemble(
                (f"{claim.handle} ", "bold"), literal_line(claim.attribute, 40), (" is not disputed.", "$text-muted")
            )))  # fmt: skip

    # ----- actions ------------------------------------------------------------------------

    def _reloaded(self, what: str) -> Any:
        def done(result: str | None) -> None:
            if result:
                self.notify(f"{what} {result}.", markup=False)
                self.load()

        return done

    def action_add(self) -> None:
        from casefile.tui.screens.forms.claim_form import ClaimForm

        attributes = sorted({c.attribute for c in self.claims})
        self.app.push_screen(
            ClaimForm(self.db, self.entity, attributes=attributes), self._reloaded("Saved claim")
        )

    def action_edit(self) -> None:
        from casefile.tui.screens.forms.claim_form import ClaimForm

        claim = self._need_claim()
        if claim is not None:
            attributes = sorted({c.attribute for c in self.claims})
            self.app.push_screen(
                ClaimForm(self.db, self.entity, claim=claim, attributes=attributes),
                self._reloaded("Saved claim"),
            )

    def action_resolve(self) -> None:
        from casefile.tui.screens.forms.resolve_form import ResolveForm

        claim = self._need_claim()
        if claim is None:
            return
        conflict = conflict_of(claim.handle, self.conflicts)
        if conflict is None:
            self.notify(
                f"{claim.handle} does not conflict with another claim; nothing to resolve.", markup=False
            )
            return
        self.app.push_screen(ResolveForm(self.db, conflict, claim.handle), self._reloaded("Preferred"))

    def action_delete(self) -> None:
        from casefile.tui.screens.choice_dialog import ChoiceDialog

        claim = self._need_claim()
        if claim is None:
            return

        def answered(answer: str | None) -> None:
            if answer == "y":
                self.delete_claim(claim.handle)

        question = (
            f"Delete claim {claim.handle}: {one_line(claim.attribute, 40)} = {one_line(claim.value, 60)} "
            f"per {one_line(claim.sources_label, 60)}? Its citations and resolutions go with it."
        )
        self.app.push_screen(
            ChoiceDialog(question, [("y", "Delete"), ("n", "Keep")], escape_answer="n"), answered
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="claims-write")
    def delete_claim(self, handle: str) -> None:
        from casefile.services.claims import remove_claim

        self.db.write(lambda s: remove_claim(s, claim_ref=handle))
        self.app.call_from_thread(self.notify, f"Deleted claim {handle}.", markup=False)
        self.app.call_from_thread(self.load)

    def _need_claim(self) -> ClaimView | None:
        claim = self.current
        if claim is None:
            self.notify("No claim is highlighted; press a to add one.", severity="warning")
        return claim

    def action_close(self) -> None:
        self.dismiss(None)
