"""The main screen: entity list with search and kind tabs, and the dossier pane."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Tabs
from textual.worker import get_current_worker

from casefile.errors import CasefileError, NotFound
from casefile.services.dossier_view import Dossier
from casefile.storage.engine import Database
from casefile.text import one_line
from casefile.tui.history import History
from casefile.tui.messages import (
    CaseChanged,
    DossierLoaded,
    DossierMissing,
    PageLoaded,
    SearchFinished,
)
from casefile.tui.screens.main_forms import FormActions
from casefile.tui.widgets.dossier_view import DossierView
from casefile.tui.widgets.entity_list import PAGE_SIZE, EntityList
from casefile.tui.widgets.kind_tabs import KindTabs
from casefile.tui.widgets.link_list import LinkList
from casefile.tui.widgets.search_box import SearchBox
from casefile.tui.widgets.virtual_list import VirtualList

SEARCH_LIMIT = 200
MAX_RELOAD = 5_000


class MainScreen(FormActions):
    """Browse, search and read dossiers; every action opens a modal form."""

    # Start on the list, so single-key bindings work at once (not typed into the search box).
    AUTO_FOCUS = "EntityList"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("slash", "focus_search", "Search", key_display="/"),
        Binding("n", "new", "New"),
        Binding("e", "edit", "Edit"),
        Binding("l", "link", "Link"),
        Binding("a", "note", "Note"),
        Binding("c", "cite", "Cite"),
        Binding("k", "claims", "Claims"),
        Binding("m", "duplicates", "Merge"),
        # What does not fit an 80-column footer comes after this line; ? lists every key.
        Binding("d,delete", "delete", "Delete"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("h", "history", "History"),
        Binding("i", "ingest", "Ingest"),
        Binding("t", "timeline", "Timeline"),
        Binding("g", "network", "Network"),
        Binding("x", "export", "Export"),
        Binding("r", "removed", "Removed"),
        # Kept out of the footer to leave room for the keys above; ? and docs/tui.md list them.
        Binding("left_square_bracket,alt+left", "back", "Back", key_display="[", show=False),
        Binding("right_square_bracket,alt+right", "forward", "Fwd", key_display="]", show=False),
        Binding("ctrl+r,f5", "refresh", "Refresh", show=False),
    ]

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.history = History()
        self.kind: str | None = None
        self.query_text = ""
        self.generation = 0
        self.next_cursor: str | None = None
        self.dossier: Dossier | None = None
        self.fingerprint: tuple[object, ...] | None = None
        self.open_after_search = False  # Enter in the search box: open the first hit when it comes
        self.focus_list_when_loaded = False  # Down or Esc while the results were still coming

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="sidebar"):
                yield SearchBox(id="search")
                yield KindTabs(id="kinds")
                yield EntityList(id="entities")
            yield DossierView(id="dossier")
        yield Footer(compact=True)  # more keys fit at 80 columns; ? lists the rest

    @property
    def entity_list(self) -> EntityList:
        return self.query_one(EntityList)

    @property
    def dossier_view(self) -> DossierView:
        return self.query_one(DossierView)

    def on_mount(self) -> None:
        self.entity_list.focus()
        self.reload_list()
        self.check_changes(force=False)

    # ----- the list -------------------------------------------------------------------

    def reload_list(self, *, keep: int = 0, reset: bool = False) -> None:
        """Start the list again from the first page (or re-run the search); ``reset`` goes to the top."""
        self.generation += 1
        entity_list = self.entity_list
        if reset:
            entity_list.keep_id = None
            entity_list.move_quietly(0)
        entity_list.loading = True
        entity_list.has_more = False
        if self.query_text:
            self.run_search(self.generation, self.query_text, self.kind)
        else:
            limit = min(MAX_RELOAD, max(PAGE_SIZE, -(-keep // PAGE_SIZE) * PAGE_SIZE))
            self.load_page(self.generation, self.kind, None, limit, replace=True)

    @work(thread=True, exclusive=True, exit_on_error=False, group="list")
    def load_page(
        self, generation: int, kind: str | None, after: str | None, limit: int, *, replace: bool
    ) -> None:
        """One keyset page (and, for a fresh list, the total count)."""
        from casefile.services.entities import count_entities, list_entities

        def read(session: Any) -> tuple[Any, int | None]:
            page = list_entities(session, kind=kind, after=after, limit=limit)
            total = count_entities(session, kind=kind) if replace else None
            return page, total

        page, total = self.db.read(read)
        if not get_current_worker().is_cancelled:
            self.post_message(PageLoaded(generation, page.items, page.next_cursor, total, replace))

    @work(thread=True, exclusive=True, exit_on_error=False, group="list")
    def run_search(self, generation: int, query: str, kind: str | None) -> None:
        """The same search as ``casefile search``: folded names and aliases."""
        from casefile.services.search import search

        try:
            hits = self.db.read(lambda s: search(s, query=query, kind=kind, limit=SEARCH_LIMIT))
        except CasefileError:
            hits = []  # e.g. only punctuation typed: nothing matches
        if not get_current_worker().is_cancelled:
            self.post_message(SearchFinished(generation, query, hits))

    def on_page_loaded(self, message: PageLoaded) -> None:
        if message.generation != self.generation:
            return
        self.next_cursor = message.next_cursor
        self.entity_list.show_rows(
            message.items, more=message.next_cursor is not None, replace=message.replace, total=message.total
        )
        self._show_first_if_empty()

    def on_search_finished(self, message: SearchFinished) -> None:
        if message.generation != self.generation:
            return
        self.next_cursor = None
        items = [hit.entity for hit in message.hits]
        self.entity_list.show_rows(items, more=False, replace=True, mode="search")
        # The highlighted hit is what the dossier shows (history records it only when opened).
        current = self.entity_list.current
        if current is not None and (self.dossier is None or self.dossier.entity.id != current.id):
            self.open_entity(current.id, record=self.open_after_search)
        if self.open_after_search and current is not None:
            self.history.visit(current.id)
        if self.open_after_search or self.focus_list_when_loaded:
            self.entity_list.focus()
        self.open_after_search = self.focus_list_when_loaded = False

    def _show_first_if_empty(self) -> None:
        if self.dossier is None and self.entity_list.current is not None:
            self.open_entity(self.entity_list.current.id)

    def on_entity_list_need_more(self, message: EntityList.NeedMore) -> None:
        if self.next_cursor is None or self.query_text:
            self.entity_list.loading = False
            return
        self.load_page(self.generation, self.kind, self.next_cursor, PAGE_SIZE, replace=False)

    def on_search_box_search(self, message: SearchBox.Search) -> None:
        if message.open and message.query and message.query == self.query_text:
            if self.entity_list.loading:  # its results are still coming: open the first then
                self.open_after_search = True
                return
            self.on_search_box_leave(SearchBox.Leave())  # Enter on results already shown: open
            current = self.entity_list.current
            if current is not None:
                self.open_entity(current.id)
            return
        self.open_after_search = message.open and bool(message.query)
        self.query_text = message.query
        self.reload_list(reset=True)

    def on_search_box_leave(self, message: SearchBox.Leave) -> None:
        if self.entity_list.loading:  # a loading widget cannot take focus: take it when loaded
            self.focus_list_when_loaded = True
        self.entity_list.focus()

    def on_tabs_tab_activated(self, message: Tabs.TabActivated) -> None:
        kind = KindTabs.kind_of(message.tab.id if message.tab else None)
        if kind != self.kind:
            self.kind = kind
            self.reload_list(reset=True)

    def on_virtual_list_highlighted(self, message: VirtualList.Highlighted) -> None:
        if message.source is not self.entity_list:
            return
        current = self.entity_list.current
        if current is not None and current.id != self.history.current:
            self.open_entity(current.id)

    def on_virtual_list_selected(self, message: VirtualList.Selected) -> None:
        if message.source is self.entity_list and self.dossier is not None:
            links = self.query_one(LinkList)
            if links.display:
                links.focus()

    # ----- dossiers and history -----------------------------------------------------

    def open_entity(self, entity_id: str, *, record: bool = True) -> None:
        """Show ``entity_id``'s dossier (and remember it for back/forward)."""
        if record:
            self.history.visit(entity_id)
        self.entity_list.select_id(entity_id)
        self.load_dossier(entity_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="dossier")
    def load_dossier(self, entity_id: str) -> None:
        from casefile.services.dossier import load_dossier

        try:
            dossier = self.db.read(lambda s: load_dossier(s, ref=entity_id))
        except NotFound as exc:
            self.post_message(DossierMissing(entity_id, str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(DossierLoaded(dossier))

    async def on_dossier_loaded(self, message: DossierLoaded) -> None:
        self.dossier = message.dossier
        entity = message.dossier.entity
        self.sub_title = f"{entity.handle} {one_line(entity.name, 80)}"
        await self.dossier_view.show(message.dossier)

    def on_dossier_missing(self, message: DossierMissing) -> None:
        self.history.forget(message.entity_id)
        if self.dossier is not None and self.dossier.entity.id == message.entity_id:
            self.dossier = None
            self.dossier_view.clear()

    def on_link_list_follow(self, message: LinkList.Follow) -> None:
        self.open_entity(message.entity.id)

    def on_dossier_view_open(self, message: DossierView.Open) -> None:
        self.open_entity(message.entity.id)

    def action_back(self) -> None:
        entity_id = self.history.back()
        if entity_id is not None:
            self.open_entity(entity_id, record=False)

    def action_forward(self) -> None:
        entity_id = self.history.forward()
        if entity_id is not None:
            self.open_entity(entity_id, record=False)

    def action_focus_search(self) -> None:
        self.query_one(SearchBox).start_over()

    # ----- changes made here or by another process -----------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="changes")
    def check_changes(self, force: bool = False) -> None:
        """Compare the case file's fingerprint with the last one seen."""
        from casefile.services.changes import fingerprint

        current = self.db.read(fingerprint)
        previous, self.fingerprint = self.fingerprint, current
        if force or (previous is not None and previous != current):
            self.post_message(CaseChanged())

    def on_case_changed(self, message: CaseChanged) -> None:
        wanted = self.history.current
        if wanted is not None:
            self.entity_list.keep_id = wanted
            self.load_dossier(wanted)
        self.reload_list(keep=len(self.entity_list.items))

    def action_refresh(self) -> None:
        self.check_changes(force=True)

    def saved(self, entity_id: str | None = None, removed_id: str | None = None) -> None:
        """After a form wrote: reload the list and the dossier (``entity_id``'s, if given)."""
        if removed_id is not None:
            self.history.forget(removed_id)
            if self.dossier is not None and self.dossier.entity.id == removed_id:
                self.dossier = None
                self.dossier_view.clear()
        if entity_id is not None:
            self.history.visit(entity_id)
        self.check_changes(force=True)

    def action_timeline(self) -> None:
        from casefile.tui.screens.timeline import TimelineScreen

        def done(entity_id: str | None) -> None:
            if entity_id is not None:
                self.open_entity(entity_id)

        self.app.push_screen(TimelineScreen(self.db), done)

    def action_network(self) -> None:
        from casefile.tui.screens.network import NetworkScreen

        if self.dossier is None:
            self.notify("Open a dossier first; g shows the network around it.", markup=False)
            return

        def done(entity_id: str | None) -> None:
            if entity_id is not None:
                self.open_entity(entity_id)

        self.app.push_screen(NetworkScreen(self.db, self.dossier.entity.id), done)

    # ----- claims, duplicates and links (screens of their own) -------------------------------

    def action_claims(self) -> None:
        from casefile.tui.screens.claims import ClaimsScreen

        dossier = self._need_dossier()
        if dossier is not None:
            self.app.push_screen(ClaimsScreen(self.db, dossier.entity), lambda _: self.saved())

    def action_duplicates(self) -> None:
        from casefile.tui.screens.duplicates import DuplicatesScreen

        entity = self.dossier.entity if self.dossier is not None else None
        self.app.push_screen(DuplicatesScreen(self.db, entity), self._after_duplicates)

    def _after_duplicates(self, kept_id: str | None) -> None:
        self.saved(kept_id)
        if kept_id is not None:
            self.open_entity(kept_id)

    def action_ingest(self) -> None:
        """Ask for a file, store it as a source, then review what it names."""
        from casefile.tui.screens.ingest_review import IngestPath, IngestReview

        def reviewed(_: None) -> None:
            self.saved()

        def stored(source_id: str | None) -> None:
            if source_id is not None:
                self.app.push_screen(IngestReview(self.db, source_id), reviewed)

        self.app.push_screen(IngestPath(self.db), stored)

    # ----- history: undo, a dossier's history, removed records ---------------------------

    def action_undo(self) -> None:
        from casefile.tui.screens.forms.undo_form import UndoForm

        def done(result: Any) -> None:
            if result is not None:
                self.notify(f"Undid {one_line(result.label, 60)}.", markup=False)
                self.saved()

        self.app.push_screen(UndoForm(self.db), done)

    def action_history(self) -> None:
        from casefile.tui.screens.history_screens import HistoryScreen

        entity = self.dossier.entity if self.dossier is not None else None
        title = f"{entity.handle} {entity.name}" if entity is not None else "the case file"
        self.app.push_screen(HistoryScreen(self.db, entity.id if entity else None, title))

    def action_removed(self) -> None:
        from casefile.tui.screens.history_screens import RemovedScreen

        def done(entity_id: str | None) -> None:
            if entity_id is not None:
                self.saved(entity_id)
                self.open_entity(entity_id)

        self.app.push_screen(RemovedScreen(self.db), done)
