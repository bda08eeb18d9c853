"""Choose the kind of a new entity (when the list is not filtered by one)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from casefile.services.kinds import KINDS

KEYS = {"person": "p", "organization": "o", "place": "l", "source": "s", "event": "e"}


class KindChoice(ModalScreen[str | None]):
    """``p`` person, ``o`` organization, ``l`` place, ``s`` source, ``e`` event."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Cancel"),
        # Priority: taken in the order typed, even before this dialog has drawn (a fast "n p").
        *(Binding(key, f"choose('{kind}')", kind.capitalize(), priority=True) for kind, key in KEYS.items()),
    ]
    DEFAULT_CSS = """
    KindChoice { align: center middle; }
    KindChoice > Vertical { width: 40; height: auto; border: thick $primary; background: $surface; padding: 0 1; }
    KindChoice OptionList { height: auto; border: none; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content("New…"), classes="label")
            yield OptionList(
                *(Option(Content.assemble((f"{KEYS[k]}  ", "bold $text-accent"), k), id=k) for k in KINDS)
            )
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_choose(self, kind: str) -> None:
        # The form opens a moment later: keys typed meanwhile wait for it, not for this dialog.
        self.app.expect_screen()  # type: ignore[attr-defined]
        self.dismiss(kind)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
