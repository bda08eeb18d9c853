"""Open a case file: URL or path -> engine with safe SQLite pragmas, sessions per action.

SQLite runs in WAL mode with foreign keys on and a long busy timeout; pysqlite's own
transaction handling is switched off (``isolation_level=None``) and every writing
transaction starts with ``BEGIN IMMEDIATE`` so two processes that read-then-write
queue for the lock instead of failing with "database is locked".
"""

from __future__ import annotations

import os
import random
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from casefile.errors import CasefileError, InvalidInput, StorageError
from casefile.paths import DB_ENV, default_db_path, ensure_private_dir, ensure_private_file
from casefile.storage.encryption import (
    Cipher,
    ask_passphrase,
    is_encrypted,
    note_closed,
    note_open,
    remember,
    sqlcipher_module,
)
from casefile.storage.postgres import is_server_url, mask_password, translate_connect_error

T = TypeVar("T")

BUSY_TIMEOUT_MS = 15_000
WRITE_RETRIES = 5
_WRITE_OPTION = "casefile_write"
_BULK_OPTION = "casefile_bulk"
_BULK_STATE = "casefile_bulk_pragmas"  # DBAPI connection info: its pragmas are set for bulk
DEFAULT_CACHE_KIB = -2000  # SQLite's default page cache (negative: KiB)
BULK_CACHE_KIB = -65536
_OPEN_ENGINES: weakref.WeakSet[Engine] = weakref.WeakSet()


_ENGINE_FILES: weakref.WeakKeyDictionary[Engine, Path] = weakref.WeakKeyDictionary()


def dispose_engine(engine: Engine) -> None:
    """Close ``engine``'s connections and forget the file it had open."""
    engine.dispose()
    path = _ENGINE_FILES.pop(engine, None)
    if path is not None:
        note_closed(path)


def dispose_all() -> None:
    """Close every engine this process opened (end of a command, test teardown)."""
    for engine in list(_OPEN_ENGINES):
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
        with Session(bind, expire_on_commit=False) as session:
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
        from casefile.storage import history

        bind = self.engine.execution_options(**{_WRITE_OPTION: True, _BULK_OPTION: bulk})
        with (
            history.recording(self.default_action) as recorder,
            Session(bind, expire_on_commit=False) as session,
        ):
            try:
                yield session
                # The change log entry commits with the change, or not at all.
                history.finish(session, recorder)
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


def resolve_target(target: str | None) -> str:
    """The database the user asked for: ``--db``, then ``CASEFILE_DB``, then the default."""
    if target:
        return target
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return env
    return str(default_db_path())


def sqlite_file_path(resolved: str) -> Path | None:
    """The file behind a resolved target, or None for a server database URL."""
    if is_server_url(resolved):
        return None
    return _sqlite_path(resolved)


def _sqlite_path(target: str) -> Path:
    if target.startswith("sqlite:///"):
        return Path(target[len("sqlite:///") :])
    return Path(target).expanduser()


def check_foreign_keys(conn: Connection) -> None:
    """Refuse to commit a bulk write that left a reference to a missing record (SQLite).

    One ``PRAGMA foreign_key_check`` over the whole file replaces the per-row checks a
    bulk writer turned off; PostgreSQL always checks per row, so it has nothing to do.
    """
    if conn.dialect.name != "sqlite":
        return
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        table = str(broken[0][0])
        raise StorageError(
            f"The write would leave {len(broken)} record(s) of '{table}' pointing at missing records; "
            "nothing was written."
        )


def _install_sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        options = conn.get_execution_options()
        write = options.get(_WRITE_OPTION, False)
        # PRAGMA foreign_keys is a no-op inside a transaction: set it before BEGIN, and only
        # when it changes (the pooled DBAPI connection remembers its state).
        bulk = bool(options.get(_BULK_OPTION, False))
        info = conn.connection.info
        if info.get(_BULK_STATE, False) != bulk:
            conn.exec_driver_sql(f"PRAGMA foreign_keys = {'OFF' if bulk else 'ON'}")
            # A bulk write touches many index pages at random: a larger page cache saves rereads.
            conn.exec_driver_sql(f"PRAGMA cache_size = {BULK_CACHE_KIB if bulk else DEFAULT_CACHE_KIB}")
            info[_BULK_STATE] = bulk
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def create_sqlite_engine(path: Path) -> Engine:
    """An engine on a SQLite file with casefile's pragmas and transaction handling."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    _install_sqlite_events(engine)
    return engine


def create_sqlcipher_engine(path: Path, cipher: Cipher) -> Engine:
    """An engine on a SQLCipher file: each pooled connection sets the key before anything else.

    The pool keeps the connection, so the key derivation (~100 ms) is paid once per command.
    """
    engine = create_engine(
        f"sqlite:///{path}",
        module=sqlcipher_module(),
        creator=lambda: cipher.connect(path, timeout=BUSY_TIMEOUT_MS / 1000),
    )
    _install_sqlite_events(engine)
    return engine


def create_server_engine(target: str) -> Engine:
    """An engine on a PostgreSQL server (psycopg 3), after checking the URL and the driver."""
    from casefile.storage.postgres import CONNECT_TIMEOUT_S, parse_server_url, require_driver

    url = parse_server_url(target)
    require_driver()
    connect_args: dict[str, Any] = {"application_name": "casefile"}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    try:
        return create_engine(url, connect_args=connect_args)
    except ImportError as exc:
        raise StorageError(f"PostgreSQL support cannot be loaded ({exc}).") from exc
    except Exception as exc:  # an option SQLAlchemy rejects
        raise InvalidInput(f"casefile cannot use that database URL: {exc}.") from exc


def open_database(
    target: str | None = None, *, create: bool = True, migrate: bool = True, encrypt: bool = False
) -> Database:
    """Open (and if needed create and migrate) the case file named by ``target``.

    An encrypted file asks for its passphrase (see ``storage.encryption``); ``encrypt``
    creates a new file encrypted, asking for a new passphrase.
    """
    resolved = resolve_target(target)
    path: Path | None = None
    cipher: Cipher | None = None
    if is_server_url(resolved):
        if encrypt:
            raise InvalidInput(
                "Encryption at rest is for SQLite case files; protect a server database on the server."
            )
        engine = create_server_engine(resolved)
    else:
        path = _sqlite_path(resolved)
        cipher = _cipher_for(path, create=create, encrypt=encrypt)
        _prepare_sqlite_file(path, create=create)
        engine = create_sqlcipher_engine(path, cipher) if cipher else create_sqlite_engine(path)
        if cipher is not None:
            _unlock(engine, path, cipher)
    _OPEN_ENGINES.add(engine)
    if path is not None:
        _ENGINE_FILES[engine] = path
        note_open(path, cipher is not None)
    # Registers the flush hook that keeps search keys in step with names and notes.
    import casefile.storage.search_index  # noqa: F401

    db = Database(url=resolved, engine=engine, path=path, cipher=cipher)
    if migrate:
        from casefile.storage.migrate import ensure_schema

        ensure_schema(db, create=create)
    return db


def _cipher_for(path: Path, *, create: bool, encrypt: bool) -> Cipher | None:
    """The key for ``path``: asked for an encrypted file, or a new one for ``encrypt``."""
    if is_encrypted(path):
        sqlcipher_module()  # say what to install before asking for a passphrase
        return Cipher(ask_passphrase(path))
    if not encrypt:
        return None
    if path.is_file() and path.stat().st_size > 0:
        raise InvalidInput(
            f"'{path}' already exists and is not encrypted; run 'casefile encrypt' to encrypt it."
        )
    if not create:
        raise StorageError(f"There is no case file at '{path}'; run 'casefile init' first.")
    sqlcipher_module()
    return Cipher(ask_passphrase(path, new=True))


def _unlock(engine: Engine, path: Path, cipher: Cipher) -> None:
    """Open the first connection now, so a wrong passphrase fails here in one sentence."""
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        engine.dispose()
        raise translate_db_error(exc) from exc
    except CasefileError:
        engine.dispose()
        raise
    remember(path, cipher.passphrase)


def _prepare_sqlite_file(path: Path, *, create: bool) -> None:
    if path.is_dir():
        raise StorageError(f"'{path}' is a folder, not a case file.")
    if not path.exists():
        if not create:
            raise StorageError(f"There is no case file at '{path}'; run 'casefile init' first.")
        try:
            ensure_private_dir(path.parent)
            ensure_private_file(path)
        except OSError as exc:
            raise StorageError(f"casefile cannot create '{path}': {exc.strerror}.") from exc
    elif not os.access(path, os.R_OK):
        raise StorageError(f"casefile cannot read '{path}'; check its permissions.")
