"""The casefile Textual app: opens the case file in a worker, then shows the main screen."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, Header, Static
from textual.worker import Worker, WorkerState

from casefile.errors import CasefileError
from casefile.storage.engine import Database
from casefile.tui.commands import EntityCommands
from casefile.tui.messages import DatabaseFailed, DatabaseOpened
from casefile.tui.screens.main import MainScreen

REFRESH_SECONDS = 5.0


class CasefileApp(App[None]):
    """Browse, read, write and link dossiers without leaving the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "casefile"
    COMMANDS: ClassVar = App.COMMANDS | {EntityCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        db_target: str | None,
        *,
        refresh_seconds: float | None = REFRESH_SECONDS,
        review: str | None = None,
    ) -> None:
        super().__init__()
        self.db_target = db_target
        self.review = review  # a source id: open its ingest review once the case file is open
        self.db: Database | None = None
        self.refresh_seconds = refresh_seconds

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content("Opening the case file…"), id="opening")
        yield Footer()

    def on_mount(self) -> None:
        self.open_case()

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def open_case(self) -> None:
        """Open (and if needed create or migrate) the case file off the event loop."""
        from casefile.storage.engine import open_database

        try:
            db = open_database(self.db_target)
        except CasefileError as exc:
            self.post_message(DatabaseFailed(str(exc)))
            return
        self.post_message(DatabaseOpened(db))

    async def on_database_opened(self, message: DatabaseOpened) -> None:
        self.db = message.db
        name = message.db.path.name if message.db.path is not None else message.db.url.split("@")[-1]
        self.sub_title = name
        for notice in message.db.notices:
            self.notify(notice, markup=False)
        await self.push_screen(MainScreen(message.db))
        if self.review is not None:
            from casefile.tui.screens.ingest_review import IngestReview

            await self.push_screen(IngestReview(message.db, self.review))
        if self.refresh_seconds:
            self.set_interval(self.refresh_seconds, self.action_refresh_case_quietly)

    def on_database_failed(self, message: DatabaseFailed) -> None:
        from casefile.tui.screens.error_dialog import ErrorDialog

        self.push_screen(
            ErrorDialog("casefile cannot open the case file", message.reason),
            lambda _: self.exit(return_code=1),
        )

    @property
    def main_screen(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    def open_entity(self, entity_id: str) -> None:
        """Show ``entity_id``'s dossier on the main screen (from the palette)."""
        main = self.main_screen
        if main is not None:
            while self.screen is not main and len(self.screen_stack) > 1:
                self.pop_screen()
            main.open_entity(entity_id)

    def action_timeline(self) -> None:
        main = self.main_screen
        if main is not None and self.screen is main:
            main.action_timeline()

    def action_refresh_case(self) -> None:
        main = self.main_screen
        if main is not None:
            main.action_refresh()

    def action_refresh_case_quietly(self) -> None:
        """Interval and focus check: reload only if another process changed the file."""
        main = self.main_screen
        if main is not None:
            main.check_changes(force=False)

    def on_app_focus(self) -> None:
        self.action_refresh_case_quietly()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place a failed worker reaches the user: a sentence, or a dialog for a bug."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, CasefileError):
            self.notify(str(error), severity="error", markup=False)
            return
        from casefile.tui.screens.error_dialog import ErrorDialog

        self.push_screen(
            ErrorDialog("Something went wrong (a bug in casefile)", f"{type(error).__name__}: {error}")
        )

    async def on_unmount(self) -> None:
        if self.db is not None:
            self.db.dispose()


def run_app(db_target: str | None, *, review: str | None = None) -> None:
    """Run the TUI on ``db_target`` (``--db``, ``CASEFILE_DB`` or the default case file)."""
    CasefileApp(db_target, review=review).run()
