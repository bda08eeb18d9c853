"""Pick one or more entities by typing part of a name or alias (the search service)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from casefile.errors import CasefileError
from casefile.services.views import EntityRef
from casefile.storage.engine import Database
from casefile.tui.literal import literal_line
from casefile.tui.messages import PickerResults
from casefile.tui.widgets.entity_list import entity_row
from casefile.tui.widgets.search_box import DEBOUNCE_SECONDS

MAX_HITS = 12


class PickerInput(Input):
    """The picker's search field: Enter marks a pick as pending before the next key goes."""

    async def action_submit(self) -> None:
        # This runs while the Enter key is handled, so the app's key queue sees the pending
        # pick before it delivers the next key (Submitted itself arrives a few hops later).
        parent = self.parent
        if isinstance(parent, EntityPicker):
            parent.picking = True
        await super().action_submit()


class PickerHits(OptionList, can_focus=False):
    """The hits: no Tab stop of their own; Up/Down in the search field move in them."""


class EntityPicker(Vertical):
    """A search input, its hits, and the chosen entities (one, or several when ``multiple``)."""

    DEFAULT_CSS = """
    EntityPicker { height: auto; }
    EntityPicker OptionList { height: auto; max-height: 6; border: none; padding: 0; }
    EntityPicker .picker-chosen { color: $text-success; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "hit(1)", "Next hit", show=False),
        Binding("up", "hit(-1)", "Previous hit", show=False),
    ]

    class Changed(Message):
        """The chosen entities changed."""

        def __init__(self, picker: EntityPicker) -> None:
            super().__init__()
            self.picker = picker

    def __init__(
        self,
        db: Database,
        *,
        kind: str | None = None,
        multiple: bool = False,
        exclude_id: str | None = None,
        placeholder: str = "Type a name or alias…",
        chosen: list[EntityRef] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.db = db
        self.kind = kind
        self.multiple = multiple
        self.exclude_id = exclude_id
        self.placeholder = placeholder
        self.chosen: list[EntityRef] = list(chosen or [])
        self._hits: dict[str, EntityRef] = {}
        self._timer: Timer | None = None
        # Enter was pressed: the best hit of a search still running will be taken. The app
        # holds the keys typed after it until then (see FormScreen.holding_keys).
        self.picking = False
        self._moved = False  # the user moved in the hits with Up/Down: Enter takes that one

    def compose(self) -> ComposeResult:
        yield PickerInput(placeholder=self.placeholder, classes="picker-input")
        yield PickerHits(classes="picker-hits")
        yield Static(classes="picker-chosen")

    def on_mount(self) -> None:
        self.query_one(OptionList).display = False
        if self.kind == "source" and not self.chosen:
            from casefile.tui.session_memory import memory_of

            last = memory_of(self.app).last_source  # link, note, cite and claim forms start from it
            if last is not None and last.id != self.exclude_id:
                self.chosen = [last]
        self.show_chosen()

    @property
    def input(self) -> Input:
        return self.query_one(".picker-input", Input)

    def action_hit(self, step: int) -> None:
        """Up/Down in the search field move the highlight in the hits."""
        options = self.query_one(OptionList)
        if not options.display or not options.option_count:
            return
        self._moved = True
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._moved = False
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self._search(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter takes the hit moved to with Up/Down, else searches now and takes the best hit."""
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        options = self.query_one(OptionList)
        highlighted = options.highlighted_option if options.display else None
        if self._moved and highlighted is not None and highlighted.id in self._hits:
            self._done_picking()
            self.choose(self._hits[highlighted.id])
            return
        if not event.value.strip():
            self._done_picking()
            return
        self.picking = True
        self._search(event.value)

    def _done_picking(self) -> None:
        """No pick is pending any more: let the app deliver the keys it held."""
        if self.picking:
            self.picking = False
            from casefile.tui.messages import KeyRelease

            self.app.post_message(KeyRelease())

    def _search(self, query: str) -> None:
        if query.strip():
            self.run_search(query.strip())
        else:
            self.query_one(OptionList).display = False

    @work(thread=True, exclusive=True, exit_on_error=False, group="picker")
    def run_search(self, query: str) -> None:
        from casefile.services.search import search

        try:
            hits = self.db.read(lambda s: search(s, query=query, kind=self.kind, limit=MAX_HITS + 1))
        except CasefileError:
            hits = []
        if not get_current_worker().is_cancelled:
            self.post_message(PickerResults(query, hits))

    def on_picker_results(self, message: PickerResults) -> None:
        message.stop()
        hits = [h for h in message.hits if h.entity.id != self.exclude_id][:MAX_HITS]
        options = self.query_one(OptionList)
        self._hits = {h.entity.id: h.entity for h in hits}
        options.set_options(
            [
                Option(
                    Content.assemble(entity_row(h.entity), ("  " + h.matched, "$text-muted"))
                    if h.matched.startswith("alias")
                    else entity_row(h.entity),
                    id=h.entity.id,
                )
                for h in hits
            ]
            or [Option(Content("No match."), disabled=True)]
        )
        options.display = True
        self._moved = False
        if self.picking and message.query == self.input.value.strip():  # not an older search's
            if hits:
                self.choose(hits[0].entity)
            self._done_picking()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        ref = self._hits.get(event.option.id or "")
        if ref is not None:
            self.choose(ref)

    def choose(self, ref: EntityRef) -> None:
        """Add (or with ``multiple``, toggle) ``ref`` in the chosen entities."""
        if not self.multiple:
            self.chosen = [ref]
        elif any(c.id == ref.id for c in self.chosen):
            self.chosen = [c for c in self.chosen if c.id != ref.id]
        else:
            self.chosen.append(ref)
        self.input.value = ""
        self.query_one(OptionList).display = False
        self.show_chosen()
        self.post_message(self.Changed(self))

    def show_chosen(self) -> None:
        chosen = self.query_one(".picker-chosen", Static)
        if not self.chosen:
            chosen.update(Content.styled("nothing chosen", "italic $text-muted"))
            return
        parts: list[Content] = [Content.styled("✓ ", "bold")]
        for index, ref in enumerate(self.chosen):
            if index:
                parts.append(Content("; "))
            parts.append(Content.assemble((ref.handle + " ", "bold"), literal_line(ref.name, 80)))
        chosen.update(Content.assemble(*parts))


def remember_sources(screen: Screen[Any]) -> None:
    """After a save: the source last chosen in any source picker becomes the next default."""
    from casefile.tui.session_memory import memory_of

    for picker in screen.query(EntityPicker):
        if picker.kind == "source" and picker.chosen:
            memory_of(screen.app).last_source = picker.chosen[-1]
