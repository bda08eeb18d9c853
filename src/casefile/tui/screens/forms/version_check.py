"""Forms that edit an existing claim or link: a save over someone else's change asks first.

The form keeps the record view it was opened on; its ``updated`` time is the version the save
passes to the service (``expected_updated``), which refuses with ``RecordChanged`` when the row
moved on (services/versions.py). Then the current record is read back and the user sees both
values side by side: keep mine (save again over the new version), take theirs (close, nothing
written) or re-edit (fields the user had not touched take the new values).
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from sqlmodel import Session
from textual import work
from textual.message import Message

from casefile.errors import CasefileError
from casefile.tui.screens.forms.base import FormScreen

RecordT = TypeVar("RecordT")


class VersionCheck(Generic[RecordT]):
    """Mixin for a :class:`FormScreen` built from ``record`` (a view with ``updated``)."""

    record: RecordT

    # ----- what a form says about its record ------------------------------------------------

    def record_label(self) -> str:
        """How the question names the record (``CL3``, ``L4``)."""
        raise NotImplementedError

    def read_record(self, session: Session) -> RecordT:
        """The record as it is now in the case file."""
        raise NotImplementedError

    def record_values(self, record: RecordT) -> dict[str, tuple[str, str]]:
        """Field id -> (label, value as text) for ``record``, the keys of :meth:`shown_values`."""
        raise NotImplementedError

    def shown_values(self) -> dict[str, str]:
        """Field id -> what the field holds now."""
        raise NotImplementedError

    def take_value(self, key: str, record: RecordT) -> None:
        """Put ``record``'s value of field ``key`` into the form (re-edit)."""
        raise NotImplementedError

    @property
    def version(self) -> str | None:
        """The version the next save is based on (None: the record has none)."""
        return getattr(self.record, "updated", None) or None

    # ----- the conflict ---------------------------------------------------------------------

    class Current(Message):
        """The record as it is now, read after a save found it changed."""

        def __init__(self, record: Any) -> None:
            super().__init__()
            self.record = record

    def changed(self, reason: str) -> None:
        self._load_current()

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-current")
    def _load_current(self) -> None:
        form = self._form
        try:
            current = form.db.read(self.read_record)
        except CasefileError as exc:  # deleted meanwhile
            form.post_message(FormScreen.Failed(str(exc)))
            return
        form.post_message(VersionCheck.Current(current))

    @property
    def _form(self) -> FormScreen[Any]:
        assert isinstance(self, FormScreen)
        return self

    def on_version_check_current(self, message: VersionCheck.Current) -> None:
        from casefile.tui.screens.choice_dialog import ChoiceDialog

        form = self._form
        theirs: RecordT = message.record
        base, now, mine = self.record_values(self.record), self.record_values(theirs), self.shown_values()
        rows = [
            (label, mine.get(k, ""), value) for k, (label, value) in now.items() if mine.get(k, "") != value
        ]

        def answered(answer: str | None) -> None:
            if answer == "t":
                form.dismiss(None)
                form.app.notify(f"Kept {self.record_label()} as it was changed elsewhere.", markup=False)
                refresh = getattr(form.app, "action_refresh_case", None)
                if refresh is not None:
                    refresh()
                return
            mine_then = self.shown_values()
            self.record = theirs  # keep mine or re-edit: the form now edits the current version
            if answer == "k":
                form.save_now()
                return
            for key, (_label, value) in now.items():  # re-edit: their value where I changed nothing
                if mine_then.get(key) == base[key][1] and value != base[key][1]:
                    self.take_value(key, theirs)
            form.fail("Changed elsewhere: fields you had not touched now show the new values.")

        form.busy = False
        form.app.push_screen(
            ChoiceDialog(
                f"{self.record_label()} was changed by someone else since this form opened.",
                [("k", "Keep mine"), ("t", "Take theirs"), ("r", "Re-edit")],
                escape_answer="r",
                rows=rows,
            ),
            answered,
        )
