"""Per-invocation state: which case file, opened once and only when a command needs it."""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from casefile.storage.engine import Database


@dataclass
class CliState:
    """The ``--db`` target and the open database (lazily)."""

    db_target: str | None
    command: str = "change"  # names the change-log entry of a write no service named
    _db: Any = field(default=None, repr=False)

    def database(self, *, create: bool = True, encrypt: bool = False) -> Database:
        """Open the case file once per command and print any migration notice to stderr."""
        if self._db is None:
            from casefile.storage.engine import open_database

            try:
                self._db = open_database(self.db_target, create=create, encrypt=encrypt)
            finally:
                end_start_up()
            self._db.default_action = self.command
            for notice in self._db.notices:
                sys.stderr.write(f"casefile: {notice}\n")
        db: Database = self._db
        return db


def end_start_up() -> None:
    """Turn the garbage collector back on (``main`` turns it off while casefile starts).

    What start-up made is frozen first, so later collections do not walk it again.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def state(ctx: typer.Context) -> CliState:
    """The ``CliState`` of the root command."""
    root = ctx.find_root()
    obj = root.obj
    if not isinstance(obj, CliState):
        obj = CliState(db_target=None)
        root.obj = obj
    return obj


def prompt_passphrase(prompt: str, new: bool) -> str:
    """Ask for a passphrase without echo; a new one is asked twice and must match."""
    from casefile.errors import InvalidInput

    first = str(typer.prompt(prompt.rstrip(": "), hide_input=True, err=True))
    if new:
        again = str(typer.prompt("Repeat it to confirm", hide_input=True, err=True))
        if again != first:
            raise InvalidInput("The two passphrases differ; nothing was changed.")
    return first


def install_passphrase_prompt() -> None:
    """Ask for passphrases on the terminal when one is attached (never hang a script)."""
    if sys.stdin is not None and sys.stdin.isatty():
        from casefile.storage.encryption import set_passphrase_prompt

        set_passphrase_prompt(prompt_passphrase)
