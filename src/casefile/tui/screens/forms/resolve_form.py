"""Resolve a conflict: prefer one claim over those that disagree with it, with a note."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from casefile.errors import InvalidInput
from casefile.services.claim_views import ConflictView
from casefile.storage.engine import Database
from casefile.text import one_line
from casefile.tui.literal import literal_line
from casefile.tui.screens.forms.base import FormScreen
from casefile.tui.widgets.claim_render import ConflictColumns


class ResolveForm(FormScreen[str]):
    """Returns ``CL2 over CL3`` (the decision recorded); both claims are kept."""

    SAVE_LABEL = "Prefer"
    AUTO_FOCUS = "#resolve-prefer"
    DEFAULT_CSS = """
    ResolveForm > #form { width: 120; }
    ResolveForm #resolve-prefer { height: auto; max-height: 8; }
    ResolveForm ConflictColumns { column-span: 2; }
    """

    def __init__(self, db: Database, conflict: ConflictView, highlighted: str) -> None:
        super().__init__(db)
        self.conflict = conflict
        self.highlighted = highlighted

    def title_content(self) -> Content:
        entity = self.conflict.entity
        return Content.assemble(
            f"Resolve {entity.handle} ",
            one_line(entity.name, 50),
            ": which ",
            one_line(self.conflict.attribute, 40),
            "?",
        )

    def fields(self) -> ComposeResult:
        yield ConflictColumns(self.conflict)
        options = [
            Option(
                Content.assemble(
                    (f"{c.handle} ", "bold"),
                    literal_line(c.value, 60),
                    (f"  per {one_line(c.sources_label, 60)}", "$text-success"),
                ),
                id=c.handle,
            )
            for c in self.conflict.claims
        ]
        yield Static("Prefer", classes="label")
        yield OptionList(*options, id="resolve-prefer")
        yield Static("Why (note)", classes="label")
        yield Input(id="resolve-note", placeholder="e.g. the later, official count")

    def on_mount(self) -> None:
        super().on_mount()
        prefer = self.query_one("#resolve-prefer", OptionList)
        handles = [c.handle for c in self.conflict.claims]
        prefer.highlighted = handles.index(self.highlighted) if self.highlighted in handles else 0
        prefer.focus()

    def submit(self) -> Callable[[Session], str] | None:
        from casefile.services.claims import resolve_conflict

        option = self.query_one("#resolve-prefer", OptionList).highlighted_option
        if option is None or not option.id:
            raise InvalidInput("Pick the claim to prefer with the arrow keys.")
        preferred = option.id
        others = sorted({a if b == preferred else b for a, b in self.conflict.pairs if preferred in (a, b)})
        if not others:
            raise InvalidInput(f"{preferred} does not disagree with another claim here.")
        note = self.query_one("#resolve-note", Input).value.strip() or None

        def write(session: Session) -> str:
            for other in others:  # one transaction: every claim it disagrees with is set aside
                resolve_conflict(session, claim_ref=other, prefer_ref=preferred, note=note)
            return f"{preferred} over {', '.join(others)}"

        return write
