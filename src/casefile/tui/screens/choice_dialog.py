"""A small modal question with a few one-key answers (discard typing? keep whose values?)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Static

from casefile.text import one_line


class ChoiceDialog(ModalScreen[str | None]):
    """Asks ``question``; each answer is ``(key, label)`` and the dialog returns the key.

    ``rows`` (field, yours, theirs) are shown side by side under the question. Escape
    returns ``escape_answer`` (the answer that changes nothing).
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "escape", "Back")]
    DEFAULT_CSS = """
    ChoiceDialog { align: center middle; }
    ChoiceDialog > Vertical {
        width: 100; max-width: 95%; height: auto; max-height: 90%;
        border: thick $warning; background: $surface; padding: 0 1;
    }
    ChoiceDialog #choice-question { text-style: bold; padding: 0 0 1 0; }
    ChoiceDialog DataTable { height: auto; max-height: 14; margin-bottom: 1; }
    ChoiceDialog #choice-buttons { height: auto; align-horizontal: right; }
    ChoiceDialog #choice-buttons Button { margin-left: 2; }
    """

    def __init__(
        self,
        question: str,
        answers: list[tuple[str, str]],
        *,
        escape_answer: str | None = None,
        rows: list[tuple[str, str, str]] | None = None,
    ) -> None:
        super().__init__()
        self.question = question
        self.answers = answers
        self.escape_answer = escape_answer
        self.rows = rows or []
        for key, label in answers:
            self._bindings.bind(key, f"answer('{key}')", label)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.question), id="choice-question")
            if self.rows:
                table: DataTable[str] = DataTable(id="choice-rows", cursor_type="none", zebra_stripes=True)
                table.add_columns("Field", "Yours", "Now in the case file")
                for name, yours, theirs in self.rows:
                    table.add_row(one_line(name, 20), one_line(yours, 38), one_line(theirs, 38))
                yield table
            with Horizontal(id="choice-buttons"):
                for key, label in self.answers:
                    yield Button(Content(f"{label} ({key})"), id=f"choice-{key}", compact=True)
        yield Footer()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("choice-"):
            self.dismiss(event.button.id.removeprefix("choice-"))

    def action_answer(self, key: str) -> None:
        self.dismiss(key)

    def action_escape(self) -> None:
        self.dismiss(self.escape_answer)
