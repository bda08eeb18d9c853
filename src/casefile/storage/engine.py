"""Open a case file: URL or path -> engine with safe SQLite pragmas, sessions per action.

SQLite runs in WAL mode with foreign keys on and a long busy timeout; pysqlite's own
transaction handling is switched off (``isolation_level=None``) and every writing
transaction starts with ``BEGIN IMMEDIATE`` so two processes that read-then-write
queue for the lock instead of failing with "database is locked".
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError

from casefile.errors import CasefileError, InvalidInput, StorageError
from casefile.paths import DB_ENV, default_db_path, ensure_private_dir, ensure_private_file
from casefile.safe_files import remove_leftovers
from casefile.storage.database import BULK_OPTION, ENGINE_FILES, OPEN_ENGINES, WRITE_OPTION
from casefile.storage.database import Database as Database  # re-exported: callers open and hold one
from casefile.storage.database import dispose_all as dispose_all
from casefile.storage.database import dispose_engine as dispose_engine
from casefile.storage.database import translate_db_error as translate_db_error
from casefile.storage.encryption import (
    Cipher,
    ask_passphrase,
    is_encrypted,
    note_open,
    remember,
    sqlcipher_module,
)
from casefile.storage.postgres import is_server_url

BUSY_TIMEOUT_MS = 15_000
_BULK_STATE = "casefile_bulk_pragmas"  # DBAPI connection info: its pragmas are set for bulk
DEFAULT_CACHE_KIB = -2000  # SQLite's default page cache (negative: KiB)
BULK_CACHE_KIB = -65536


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
        write = options.get(WRITE_OPTION, False)
        # PRAGMA foreign_keys is a no-op inside a transaction: set it before BEGIN, and only
        # when it changes (the pooled DBAPI connection remembers its state).
        bulk = bool(options.get(BULK_OPTION, False))
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
    removed: list[Path] = []
    if is_server_url(resolved):
        if encrypt:
            raise InvalidInput(
                "Encryption at rest is for SQLite case files; protect a server database on the server."
            )
        engine = create_server_engine(resolved)
    else:
        path = _sqlite_path(resolved)
        if path.is_file() or not create:
            _prepare_sqlite_file(path, create=create)  # an unreadable file: one sentence, first
        cipher = _cipher_for(path, create=create, encrypt=encrypt)
        _prepare_sqlite_file(path, create=create)
        removed = remove_leftovers(path.parent)
        engine = create_sqlcipher_engine(path, cipher) if cipher else create_sqlite_engine(path)
        if cipher is not None:
            _unlock(engine, path, cipher)
    OPEN_ENGINES.add(engine)
    if path is not None:
        ENGINE_FILES[engine] = path
        note_open(path, cipher is not None)
    # Registers the flush hook that keeps search keys in step with names and notes.
    import casefile.storage.search_index  # noqa: F401

    db = Database(url=resolved, engine=engine, path=path, cipher=cipher)
    if removed:
        names = ", ".join(p.name for p in removed[:3])
        db.notices.append(
            f"Removed {len(removed)} temporary files a stopped casefile left beside the case file: {names}."
        )
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
        raise StorageError(f"casefile cannot open '{path}': permission to read it was denied.")
