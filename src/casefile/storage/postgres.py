"""PostgreSQL specifics: checking a URL, connection failures in one sentence, schema locking.

Everything else (tables, migrations, services) is the same code as on SQLite.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from casefile.errors import CasefileError, InvalidInput, StorageError

SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_S = 10
# The pg_advisory_xact_lock key held while one process creates or upgrades the schema.
SCHEMA_LOCK_KEY = 0xCAFE_0009
INSTALL_HINT = "pip install 'casefile[postgres]'"


def is_server_url(target: str) -> bool:
    """True for anything URL-shaped that is not a ``sqlite:///`` path."""
    return "://" in target and not target.startswith("sqlite:///")


def parse_server_url(target: str) -> URL:
    """The SQLAlchemy URL (psycopg 3 driver) for a ``postgresql://`` target, or a one-sentence error."""
    scheme = target.split("://", 1)[0]
    if scheme.lower() not in SCHEMES:
        raise InvalidInput(
            f"casefile opens SQLite files and PostgreSQL URLs (postgresql://user@host/dbname), "
            f"not '{scheme}://' URLs."
        )
    try:
        url = make_url(target)
    except (ArgumentError, ValueError) as exc:
        raise InvalidInput(
            f"'{mask_password(target)}' is not a valid PostgreSQL URL ({exc}); "
            "the form is postgresql://user:password@host:port/dbname."
        ) from exc
    if not url.database:
        raise InvalidInput(
            "The PostgreSQL URL names no database; end it with the database name, "
            "e.g. postgresql://user@host/casefile."
        )
    return url.set(drivername=DRIVER)


def mask_password(target: str) -> str:
    """``target`` with any password replaced by ``***`` (for messages and ``init``)."""
    try:
        return make_url(target).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", target)


def require_driver() -> None:
    """Fail with an install hint when psycopg 3 (the PostgreSQL driver) is missing."""
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise StorageError(
            f"PostgreSQL support is not installed (psycopg 3 is missing); install it with {INSTALL_HINT}."
        ) from exc


def where(url: URL) -> str:
    """A short description of the server and database a URL points at, for messages."""
    query = dict(url.query)
    host = url.host or query.get("host") or "the local socket"
    port = url.port or query.get("port")
    place = f"{host}:{port}" if port else str(host)
    return f"'{url.database}' on {place}"


_DOWN = (
    "connection refused",
    "no such file or directory",
    "could not connect",
    "failed to resolve host",
    "name or service not known",
    "timeout expired",
    "connection timed out",
    "is the server running",
    "server closed the connection",
    "the database system is starting up",
    "the database system is shutting down",
    "no route to host",
    "network is unreachable",
)
_LOGIN = (
    "password authentication failed",
    "no password supplied",
    "peer authentication failed",
    "ident authentication failed",
    "no pg_hba.conf entry",
    "authentication failed",
)


def translate_connect_error(message: str) -> CasefileError | None:
    """One sentence for a failure to reach or log in to a PostgreSQL server (None: not one)."""
    lowered = message.lower()
    missing_db = re.search(r'database "([^"]*)" does not exist', message)
    if missing_db:
        name = missing_db.group(1)
        return StorageError(
            f"The PostgreSQL database '{name}' does not exist on that server; "
            f"create it first (createdb {name}) or fix the name in the URL."
        )
    missing_role = re.search(r'role "([^"]*)" does not exist', message)
    if missing_role:
        return StorageError(
            f"The PostgreSQL server has no user '{missing_role.group(1)}'; check the user name in the URL."
        )
    if any(marker in lowered for marker in _LOGIN):
        user = re.search(r'for user "([^"]*)"', message)
        who = f" for user '{user.group(1)}'" if user else ""
        return StorageError(
            f"The PostgreSQL server refused the login{who}; check the user name and password "
            "(in the URL or PGPASSWORD / ~/.pgpass)."
        )
    if "permission denied for database" in lowered or "not permitted to log in" in lowered:
        return StorageError("That PostgreSQL user may not connect to this database; ask the server's admin.")
    if any(marker in lowered for marker in _DOWN):
        return StorageError(
            "casefile cannot reach the PostgreSQL server; check that it is running and that the "
            "host, port or socket folder in the URL are right."
        )
    if "invalid sslmode" in lowered or "invalid connection option" in lowered or "invalid uri" in lowered:
        detail = message.strip().splitlines()[0].split("connection is bad:")[-1].strip()
        return InvalidInput(f"The PostgreSQL URL has a bad option: {detail}.")
    if "permission denied for schema" in lowered or "must be owner of" in lowered:
        return StorageError(
            "That PostgreSQL user may not create or change casefile's tables in this database; "
            "the database's owner must run casefile once first (or grant CREATE on its schema)."
        )
    return None


def require_utf8(conn: Connection) -> None:
    """Refuse a database whose encoding cannot hold every name (SQL_ASCII, LATIN1...)."""
    encoding = str(conn.execute(text("SHOW server_encoding")).scalar_one())
    if encoding.upper() not in ("UTF8", "UTF-8"):
        raise StorageError(
            f"This PostgreSQL database uses the {encoding} encoding, which cannot hold every name; "
            "create it with ENCODING 'UTF8' (and TEMPLATE template0)."
        )


def lock_schema(conn: Connection) -> None:
    """Serialize schema creation/upgrades between processes (held until the transaction ends)."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})


def use_code_point_order(conn: Connection, tables: list[str]) -> None:
    """Make every text column of ``tables`` compare by code point (``COLLATE "C"``), as SQLite does.

    A server whose databases default to a language collation (en_US, ICU...) would otherwise
    sort names, handles and keyset cursors differently from a SQLite case file. Idempotent.
    """
    rows = conn.execute(
        text(
            "SELECT table_name, column_name, data_type, character_maximum_length "
            "FROM information_schema.columns "
            "WHERE table_schema = current_schema() "
            "AND data_type IN ('character varying', 'text') "
            "AND collation_name IS DISTINCT FROM 'C' "
            "ORDER BY table_name, ordinal_position"
        )
    ).all()
    changes: dict[str, list[str]] = {}
    for table, column, data_type, length in rows:
        if table in tables:
            sql_type = "text" if data_type == "text" else ("varchar" + (f"({int(length)})" if length else ""))
            changes.setdefault(table, []).append(f'ALTER COLUMN "{column}" TYPE {sql_type} COLLATE "C"')
    for table, clauses in changes.items():  # one statement per table: one rewrite, not one per column
        conn.execute(text(f'ALTER TABLE "{table}" ' + ", ".join(clauses)))
