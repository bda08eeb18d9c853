"""The one error type that reaches a user: a sentence and an exit code."""

from __future__ import annotations

from collections.abc import Sequence


class CasefileError(Exception):
    """A user-facing failure: ``str(err)`` is one clear sentence."""

    exit_code = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class NotFound(CasefileError):
    """A REF that names nothing."""


class Ambiguous(CasefileError):
    """A REF that names several records; the candidates are listed."""

    def __init__(self, ref: str, candidates: Sequence[str]) -> None:
        shown = "; ".join(candidates[:10])
        more = f" and {len(candidates) - 10} more" if len(candidates) > 10 else ""
        super().__init__(f"'{ref}' is ambiguous: it could be {shown}{more}.")
        self.candidates = list(candidates)


class RecordChanged(CasefileError):
    """The record was changed by someone else since the user read it; nothing was written."""

    exit_code = 4


class InvalidInput(CasefileError):
    """A value the user typed that casefile cannot accept."""

    exit_code = 2


class StorageError(CasefileError):
    """The database cannot be opened, read or written."""

    exit_code = 3
