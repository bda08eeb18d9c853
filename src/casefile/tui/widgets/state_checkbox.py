"""A checkbox whose label says its state in words ("yes"/"no"), not only by colour."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class StateCheckbox(Checkbox):
    """``Only this dossier: no`` — the text changes with the value."""

    def __init__(
        self, label: str, value: bool = False, *, id: str | None = None, disabled: bool = False
    ) -> None:
        self.text = label
        super().__init__(self._label_for(value), value, id=id, disabled=disabled)

    def _label_for(self, value: bool) -> Content:
        return Content.assemble(self.text, (": yes" if value else ": no", "bold"))

    def watch_value(self) -> None:
        self.label = self._label_for(self.value)
