"""An open case file (:class:`Database`) and its units of work: read and write sessions.

Kept apart from ``engine`` (which opens files and URLs) so the schema upgrade in ``migrate``
can use a Database without importing the code that calls it.
"""

from __future__ import annotations

import random
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from casefile.errors import CasefileError, StorageError
from casefile.storage.encryption import Cipher, note_closed
from casefile.storage.postgres import mask_password, translate_connect_error
from casefile.storage.session import CasefileSession

T = TypeVar("T")

WRITE_RETRIES = 5
WRITE_OPTION = "casefile_write"
BULK_OPTION = "casefile_bulk"
OPEN_ENGINES: weakref.WeakSet[Engine] = weakref.WeakSet()


ENGINE_FILES: weakref.WeakKeyDictionary[Engine, Path] = weakref.WeakKeyDictionary()


def dispose_engine(engine: Engine) -> None:
    """Close ``engine``'s connections and forget the file it had open."""
    engine.dispose()
    path = ENGINE_FILES.pop(engine, None)
    if path is not None:
        note_closed(path)


def dispose_all() -> None:
    """Close every engine this process opened (end of a command, test teardown)."""
    for engine in list(OPEN_ENGINES):
        dispose_engine(engine)


@dataclass
class Database:
    """An open case file: its engine and how to run a unit of work on it."""

    url: str
    engine: Engine
    path: Path | None = None
    notices: list[str] = field(default_factory=list)
    cipher: Cipher | None = field(default=None, repr=False)
    # The history entry's action name when the service names none (the CLI command).
    default_action: str = "change"

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def display_name(self) -> str:
        """The file path, or the URL with any password hidden."""
        return str(self.path) if self.path is not None else mask_password(self.url)

    @property
    def encrypted(self) -> bool:
        """True for a SQLCipher case file."""
        return self.cipher is not None

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only unit of work (a deferred transaction, rolled back at the end).

        On PostgreSQL it runs at REPEATABLE READ, so every query of one action (an export,
        a dossier) sees the same snapshot, as a SQLite read transaction does.
        """
        bind = (
            self.engine
            if self.is_sqlite
            else self.engine.execution_options(isolation_level="REPEATABLE READ")
        )
        with CasefileSession(bind, expire_on_commit=False) as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def writer(self, *, bulk: bool = False) -> Iterator[Session]:
        """One writing transaction: ``BEGIN IMMEDIATE`` on SQLite, committed at the end.

        ``bulk`` (importers) turns SQLite's per-row foreign-key checks off for this
        transaction; the writer must then call :func:`check_foreign_keys` before it ends.
        """
        from casefile.storage import history, history_entries

        bind = self.engine.execution_options(**{WRITE_OPTION: True, BULK_OPTION: bulk})
        with (
            history.recording(self.default_action) as recorder,
            CasefileSession(bind, expire_on_commit=False) as session,
        ):
            try:
                yield session
                # The change log entry commits with the change, or not at all.
                history_entries.finish(session, recorder)
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def write(self, action: Callable[[Session], T], *, bulk: bool = False) -> T:
        """Run ``action`` in one writing transaction, retrying lock/serialization failures."""
        for attempt in range(WRITE_RETRIES):
            try:
                with self.writer(bulk=bulk) as session:
                    return action(session)
            except DBAPIError as exc:
                if attempt + 1 < WRITE_RETRIES and _is_retryable(exc):
                    # Jitter keeps writers that collided from colliding again in step.
                    time.sleep(0.05 * (2**attempt) * (0.5 + random.random()))
                    continue
                raise translate_db_error(exc) from exc
        raise StorageError("The case file stayed busy; try again.")  # pragma: no cover

    def read(self, action: Callable[[Session], T]) -> T:
        """Run ``action`` in one read transaction."""
        try:
            with self.reader() as session:
                return action(session)
        except DBAPIError as exc:
            raise translate_db_error(exc) from exc

    def dispose(self) -> None:
        dispose_engine(self.engine)


# PostgreSQL sqlstates worth another try: serialization failure, deadlock, lock not available,
# and a unique violation from two writers racing a check-then-insert (the retry sees the winner).
RETRYABLE_SQLSTATES = ("40001", "40P01", "55P03", "23505")


def _is_retryable(exc: DBAPIError) -> bool:
    message = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    code = getattr(exc.orig, "sqlstate", None)
    return "database is locked" in message or "database is busy" in message or code in RETRYABLE_SQLSTATES


def translate_db_error(exc: DBAPIError) -> CasefileError:
    """Turn a driver error into one user sentence."""
    message = str(exc.orig) if exc.orig is not None else str(exc)
    lowered = message.lower()
    if type(exc.orig).__module__.startswith("psycopg"):
        server_error = translate_connect_error(message)
        if server_error is not None:
            return server_error
    if "file is not a database" in lowered or "file is encrypted" in lowered:
        return StorageError(
            "This file is not a readable casefile database "
            "(if it is encrypted, set CASEFILE_PASSPHRASE or check the passphrase)."
        )
    if "database is locked" in lowered:
        return StorageError("The case file is busy in another process; try again.")
    if "readonly" in lowered or "read-only" in lowered:
        return StorageError("The case file is read-only; casefile cannot write to it.")
    if "unable to open" in lowered:
        return StorageError("The case file cannot be opened; check the path and its permissions.")
    first = message.strip().splitlines()[0] if message.strip() else type(exc).__name__
    return StorageError(f"The database refused the operation: {first}.")
