"""Before a new entity is saved: if its name folds to an existing record's, ask "same as P3?"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import work
from textual.message import Message
from textual.widgets import Input

from casefile.names import fold
from casefile.services.views import EntityRef
from casefile.text import one_line


@dataclass
class LookalikesFound(Message):
    """Existing records whose name folds like the one typed."""

    folded: str
    found: list[EntityRef]


class SameAsCheck:
    """Mixed into the entity form ahead of ``FormScreen``: creating asks first, editing does not."""

    _same_as_cleared: str | None = None

    def save_now(self) -> None:
        form: Any = self
        if form.dossier is not None or form.busy:
            super().save_now()  # type: ignore[misc]
            return
        folded = fold(form.query_one("#f-name", Input).value)
        if not folded or folded == self._same_as_cleared:
            super().save_now()  # type: ignore[misc]
            return
        self._look_for_lookalikes(folded, form.query_one("#f-name", Input).value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="same-as")
    def _look_for_lookalikes(self, folded: str, name: str) -> None:
        from casefile.services.lookalikes import same_folded_name

        form: Any = self
        found = form.db.read(lambda s: same_folded_name(s, kind=form.kind, name=name))
        form.post_message(LookalikesFound(folded, found))

    def on_lookalikes_found(self, message: LookalikesFound) -> None:
        form: Any = self
        if not message.found:
            self._same_as_cleared = message.folded
            super().save_now()  # type: ignore[misc]
            return
        from casefile.tui.screens.choice_dialog import ChoiceDialog

        first = message.found[0]
        others = "".join(f"; or {r.handle} {one_line(r.name, 40)}" for r in message.found[1:])
        question = (
            f"Same as {first.handle} {one_line(first.name, 60)}{others}? "
            f"That {form.kind} is already in the case file under this name."
        )

        def answered(answer: str | None) -> None:
            if answer == "y":
                form.dismiss(None)
                opener = getattr(form.app, "open_entity", None)
                if opener is not None:
                    opener(first.id)
                form.app.notify(f"{first.handle} is already in the case file; opened it.", markup=False)
            elif answer == "n":
                self._same_as_cleared = message.folded
                super(SameAsCheck, self).save_now()  # type: ignore[misc]

        form.app.push_screen(
            ChoiceDialog(
                question,
                [("y", f"Yes, open {first.handle}"), ("n", f"No, save a new {form.kind}")],
                escape_answer=None,
            ),
            answered,
        )
