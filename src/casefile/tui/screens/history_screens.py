"""The History screen (``h``: a dossier's entries, old → new) and Removed (``r``: restore)."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from casefile.errors import CasefileError
from casefile.services.history import EntryView, RemovedView, UndoResult
from casefile.storage.engine import Database
from casefile.text import one_line


def _value(value: object) -> str:
    return "∅" if value is None else one_line(str(value), 80)


def entry_lines(entry: EntryView) -> list[str]:
    """One entry as plain lines: head, then each record and its old → new values."""
    head = f"#{entry.seq}  {entry.at}  {one_line(entry.actor, 30)}  {entry.action}"
    if entry.undoes is not None:
        head += f" of #{entry.undoes}"
    if entry.undone_by is not None:
        head += f"  (undone by #{entry.undone_by})"
    lines = [head]
    for record in entry.records[:30]:
        lines.append(f"  {record.op:<8} {one_line(record.label, 70)}")
        lines.extend(f"      {c.field}: {_value(c.old)} → {_value(c.new)}" for c in record.fields)
    return lines


class HistoryScreen(Screen[None]):
    """The history of one record (or of the case file), newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,h", "close", "Back to dossiers")]

    class Loaded(Message):
        def __init__(self, entries: list[EntryView]) -> None:
            super().__init__()
            self.entries = entries

    def __init__(self, db: Database, entity_id: str | None, title: str) -> None:
        super().__init__()
        self.db = db
        self.entity_id = entity_id
        self.title_text = title

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="history-scroll"):
            yield Static(Content("Loading the history…"), id="history-body")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"History: {one_line(self.title_text, 60)}"
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="history")
    def load(self) -> None:
        from casefile.services.history import list_history

        entity_id = self.entity_id
        entries = self.db.read(lambda s: list_history(s, ref=entity_id, limit=100))
        self.post_message(self.Loaded(entries))

    def on_history_screen_loaded(self, message: Loaded) -> None:
        lines = [line for entry in message.entries for line in (*entry_lines(entry), "")]
        self.query_one("#history-body", Static).update(Content("\n".join(lines) or "No history."))

    def action_close(self) -> None:
        self.dismiss(None)


class RemovedScreen(Screen[str | None]):
    """Removed records; Enter restores the highlighted one and dismisses with its id."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,r", "close", "Back to dossiers"),
        Binding("enter", "restore", "Restore"),
    ]

    class Loaded(Message):
        def __init__(self, removed: list[RemovedView]) -> None:
            super().__init__()
            self.removed = removed

    class Restored(Message):
        def __init__(self, result: UndoResult, entity_id: str) -> None:
            super().__init__()
            self.result = result
            self.entity_id = entity_id

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.removed: list[RemovedView] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(id="removed")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Removed records (Enter restores)"
        self.query_one(OptionList).focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="removed")
    def load(self) -> None:
        from casefile.services.history import list_removed

        self.post_message(self.Loaded(self.db.read(lambda s: list_removed(s))))

    def on_removed_screen_loaded(self, message: Loaded) -> None:
        self.removed = message.removed
        options = self.query_one(OptionList)
        options.clear_options()
        if not message.removed:
            options.add_option(Option(Content("No removed records."), disabled=True))
        for item in message.removed:
            options.add_option(
                Option(
                    Content(
                        f"{item.handle:<7} {item.kind:<13} {one_line(item.name, 50)}  removed {item.removed}"
                    )
                )
            )
        if message.removed:
            options.highlighted = 0

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        self.action_restore()

    def action_restore(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None or index >= len(self.removed):
            return
        self.restore(self.removed[index])

    @work(thread=True, exclusive=True, exit_on_error=False, group="removed-write")
    def restore(self, item: RemovedView) -> None:
        from casefile.services.history import restore

        try:
            result = self.db.write(lambda s: restore(s, ref=item.id))
        except CasefileError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.post_message(self.Restored(result, item.id))

    def on_removed_screen_restored(self, message: Restored) -> None:
        self.notify(f"Restored {one_line(message.result.label, 60)}.", markup=False)
        self.dismiss(message.entity_id)

    def action_close(self) -> None:
        self.dismiss(None)
