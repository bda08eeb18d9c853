"""Encryption at rest: recognise a SQLCipher case file, get its passphrase, open it.

A plain SQLite file starts with ``SQLite format 3\\0``; a SQLCipher file starts with
random salt. The passphrase comes from ``CASEFILE_PASSPHRASE`` or from a prompt the
front-end installs (a hidden terminal prompt in the CLI), never from an argument.
Each connection sets ``cipher_log_level = NONE`` first, or SQLCipher prints its own
error lines on stderr for a wrong passphrase, then ``PRAGMA key``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from casefile.errors import InvalidInput, StorageError

PASSPHRASE_ENV = "CASEFILE_PASSPHRASE"
NEW_PASSPHRASE_ENV = "CASEFILE_NEW_PASSPHRASE"
SQLITE_MAGIC = b"SQLite format 3\x00"

# (prompt text, confirm) -> passphrase; installed by the CLI when a terminal is attached.
PassphrasePrompt = Callable[[str, bool], str]
_prompt: PassphrasePrompt | None = None
_remembered: dict[Path, str] = {}


def set_passphrase_prompt(prompt: PassphrasePrompt | None) -> None:
    """Install (or remove) the function that asks the user for a passphrase."""
    global _prompt
    _prompt = prompt


def forget_passphrases() -> None:
    """Drop the passphrases remembered by this process (tests, end of a TUI session)."""
    _remembered.clear()


def is_encrypted(path: Path) -> bool:
    """True when ``path`` is a non-empty file that is not plain SQLite."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except (FileNotFoundError, IsADirectoryError):
        return False
    return bool(head) and head != SQLITE_MAGIC


def sqlcipher_module() -> ModuleType:
    """The ``sqlcipher3`` DB-API module, or one sentence saying how to install it."""
    try:
        import sqlcipher3
    except ImportError:
        raise StorageError(
            "Encrypted case files need the sqlcipher3 package; install it with "
            "\"pip install 'casefile[encryption]'\"."
        ) from None
    module: ModuleType = sqlcipher3.dbapi2
    return module


def check_passphrase(passphrase: str) -> str:
    """Refuse a passphrase SQLCipher cannot take."""
    if not passphrase:
        raise InvalidInput("The passphrase cannot be empty.")
    if "\x00" in passphrase:
        raise InvalidInput("The passphrase cannot contain a NUL character.")
    return passphrase


def ask_passphrase(
    path: Path, *, new: bool = False, label: str = "Passphrase", env_name: str = PASSPHRASE_ENV
) -> str:
    """The passphrase for ``path``: remembered, then the environment, then the prompt.

    ``new`` asks for a passphrase to set (the prompt asks twice).
    """
    key = path.resolve()
    if not new and key in _remembered:
        return _remembered[key]
    env = os.environ.get(env_name)
    if env:
        return check_passphrase(env)
    if _prompt is None:
        if new:
            raise StorageError(f"A new passphrase is needed; set {env_name} or run casefile in a terminal.")
        raise StorageError(
            f"'{path}' is encrypted; set {env_name} or run casefile in a terminal to type its passphrase."
        )
    return check_passphrase(_prompt(f"{label} for {path.name}: ", new))


def remember(path: Path, passphrase: str) -> None:
    """Keep ``passphrase`` for ``path`` so a second open in this process does not ask again."""
    _remembered[path.resolve()] = passphrase


def sql_literal(value: str) -> str:
    """``value`` as a single-quoted SQL string literal (PRAGMA key takes no parameters)."""
    return "'" + value.replace("'", "''") + "'"


@dataclass(frozen=True)
class Cipher:
    """How to open files encrypted with one passphrase (the passphrase never shows in a repr)."""

    passphrase: str = field(repr=False)

    def connect(self, path: Path, *, timeout: float = 15.0, verify: bool = True) -> Any:
        """A ``sqlcipher3`` connection to ``path`` with the key set (and checked)."""
        module = sqlcipher_module()
        conn = module.connect(str(path), timeout=timeout, check_same_thread=False, isolation_level=None)
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(f"PRAGMA key = {sql_literal(self.passphrase)}")
            if verify:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except module.DatabaseError as exc:
            conn.close()
            if "not a database" in str(exc).lower():
                raise StorageError(f"The passphrase is wrong for the encrypted case file '{path}'.") from None
            raise StorageError(f"casefile cannot open the encrypted case file '{path}': {exc}.") from None
        return conn


def plain_connect(path: Path, *, timeout: float = 15.0) -> Any:
    """A ``sqlcipher3`` connection without a key (reads and writes plain SQLite files)."""
    module = sqlcipher_module()
    conn = module.connect(str(path), timeout=timeout, check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    return conn
