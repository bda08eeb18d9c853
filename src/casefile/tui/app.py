"""The casefile Textual app: opens the case file in a worker, then shows the main screen."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Header, Static
from textual.worker import Worker, WorkerState

from casefile.errors import CasefileError
from casefile.storage.engine import Database
from casefile.tui.commands import EntityCommands
from casefile.tui.messages import DatabaseFailed, DatabaseOpened, KeyDone, KeyRelease
from casefile.tui.screens.main import MainScreen

REFRESH_SECONDS = 5.0


class CasefileApp(App[None]):
    """Browse, read, write and link dossiers without leaving the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "casefile"
    COMMANDS: ClassVar = App.COMMANDS | {EntityCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help", show=False),
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
        self.awaiting_screen = False
        self.key_in_flight = False
        self.key_queue: list[events.Event] = []
        self._key_timer: Timer | None = None
        self._key_target: Any = None

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

    def action_help(self) -> None:
        """Every key of every screen and a short how-to (? or F1)."""
        from casefile.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

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

    async def on_event(self, event: events.Event) -> None:
        # Every key and paste joins one queue and is delivered when the one before it was
        # handled, to a screen ready for it (see ``_route_key``). ctrl+q always goes at once.
        quitting = isinstance(event, events.Key) and event.key == "ctrl+q"
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded and not quitting:
            self.key_queue.append(event)
            await self.on_key_release(KeyRelease())
            return
        await super().on_event(event)

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        result = super().push_screen(*args, **kwargs)
        self.post_message(KeyRelease())  # keys waiting for a busy form go to this screen
        return result

    def pop_screen(self) -> Any:
        # The marker behind a key that closed this screen is gone with it: go on at once.
        result = super().pop_screen()
        if self.key_in_flight:
            self.call_later(self._key_done)
        else:
            self.post_message(KeyRelease())
        return result

    def _screen_takes_keys(self) -> bool:
        from casefile.tui.screens.forms.base import FormScreen

        if self.awaiting_screen:
            return False
        screen = self.screen if self.screen_stack else None
        # Not before a field has focus, while a save runs or a picker still picks (the next keys
        # are for what follows).
        return not (isinstance(screen, FormScreen) and screen.holding_keys)

    async def on_key_release(self, message: KeyRelease) -> None:
        """Deliver the next queued key if nothing is in flight and the screen can take it."""
        if self.key_in_flight or not self.key_queue or not self._screen_takes_keys():
            return
        await self._route_key(self.key_queue.pop(0))

    async def _route_key(self, event: events.Event) -> None:
        """Deliver one key; the next waits until this one was handled.

        Textual posts a key into the focused widget's queue and goes on; a binding the key
        triggers there (open a form, close a dialog, Tab to the next field) runs later, after
        the next keys were already sent to the old place. A marker posted behind the key
        bubbles back up the same way once the key is handled, and only then does the next go.
        """
        target = self.focused or self.screen
        self.key_in_flight = True
        self._key_target = target
        self._key_timer = self.set_timer(1.0, self._key_lost)
        await super().on_event(event)
        if self.awaiting_screen:  # a priority binding closed a dialog and a form will open
            self._key_done()
        else:
            target.post_message(KeyDone())

    def _key_lost(self) -> None:
        """The marker is slow: wait while its widget is still there (a busy machine), else go on."""
        target = self._key_target
        if self.key_in_flight and target is not None and target.is_attached and self.is_running:
            self._key_timer = self.set_timer(1.0, self._key_lost)
        else:
            self._key_done()

    def on_key_done(self, message: KeyDone) -> None:
        message.stop()
        self._key_done()

    def _key_done(self) -> None:
        if self._key_timer is not None:
            self._key_timer.stop()
            self._key_timer = None
        self.key_in_flight = False
        if self.key_queue:
            self.post_message(KeyRelease())

    def expect_screen(self) -> None:
        """A screen is about to open (a dialog chose a form): keys wait until it is ready."""
        self.awaiting_screen = True
        self.set_timer(10.0, self.screen_ready)  # no screen came (an error): deliver anyway

    def screen_opened(self) -> None:
        """The expected screen is mounted (it says when it is ready for keys)."""
        self.awaiting_screen = False

    def screen_ready(self) -> None:
        """A form has focus in a field: deliver the keys typed meanwhile."""
        self.awaiting_screen = False
        self.post_message(KeyRelease())

    async def action_quit(self) -> None:
        """Quit, asking first when a form holds something the user typed."""
        from casefile.tui.screens.forms.base import FormScreen

        typed = [s for s in self.screen_stack if isinstance(s, FormScreen) and s.typed]
        if typed and self.screen is typed[-1]:
            typed[-1].leave(self.exit)
        elif not typed:
            self.exit()

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Textual's screenshot went to ~/Downloads and failed silently when it was missing."""
        from textual._files import generate_datetime_filename

        from casefile.tui.screenshot import save_svg, screenshot_folder

        name = filename or generate_datetime_filename(self.title, ".svg", None)
        sentence = save_svg(self.export_screenshot(), screenshot_folder(path), name)
        failed = sentence.startswith("casefile cannot")
        self.notify(sentence, title="Screenshot", severity="error" if failed else "information", markup=False)

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
