"""Encryption at rest: recognise a SQLCipher case file, get its passphrase, open it.

A plain SQLite file starts with ``SQLite format 3\\0``; a SQLCipher file starts with
its 16-byte random salt. The passphrase comes from ``CASEFILE_PASSPHRASE`` or from a prompt the
front-end installs (a hidden terminal prompt in the CLI), never from an argument.
Each connection sets ``cipher_log_level = NONE`` first, or SQLCipher prints its own
error lines on stderr for a wrong passphrase, then ``PRAGMA key``.

The key is derived here exactly as SQLCipher 4 does by default (PBKDF2-HMAC-SHA512,
256,000 iterations, the file's salt) and handed over as a raw key: the ~100 ms
derivation then happens once per process, not once per pooled connection, and the
file still opens with the plain passphrase in any SQLCipher 4 tool.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from casefile.errors import InvalidInput, StorageError
from casefile.text import is_blank

PASSPHRASE_ENV = "CASEFILE_PASSPHRASE"
NEW_PASSPHRASE_ENV = "CASEFILE_NEW_PASSPHRASE"
SQLITE_MAGIC = b"SQLite format 3\x00"
SALT_BYTES = 16
KDF_ITERATIONS = 256_000  # SQLCipher 4 defaults: PBKDF2-HMAC-SHA512, 32-byte key

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


# Files this process holds open through an engine: (st_dev, st_ino) -> encrypted. Reading
# such a file's header again would be unsafe: closing any descriptor of a file drops every
# POSIX lock this process holds on it, SQLite's included (see SQLite's "How To Corrupt").
_OPEN_FILES: dict[tuple[int, int], bool] = {}


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def note_open(path: Path, encrypted: bool) -> None:
    """Record that an engine of this process has ``path`` open (its header is not read again)."""
    identity = _identity(path)
    if identity is not None:
        _OPEN_FILES[identity] = encrypted


def note_closed(path: Path) -> None:
    """Forget ``path`` once its engine is disposed."""
    identity = _identity(path)
    if identity is not None:
        _OPEN_FILES.pop(identity, None)


def is_encrypted(path: Path) -> bool:
    """True when ``path`` looks like a SQLCipher file: whole pages starting with random salt.

    A plain SQLite file starts with ``SQLite format 3\\0``; a text file or a short one is not a
    database at all (the plain driver then says so, without asking for a passphrase). A file
    this process already has open is answered from memory, never reopened.
    """
    identity = _identity(path)
    if identity is not None and identity in _OPEN_FILES:
        return _OPEN_FILES[identity]
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return False
    except PermissionError:
        raise StorageError(f"casefile cannot open '{path}': permission to read it was denied.") from None
    if size < 512 or size % 512 or head == SQLITE_MAGIC:
        return False
    return not all(32 <= byte < 127 or byte in b"\t\r\n" for byte in head)


def sqlcipher_module() -> ModuleType:
    """The ``sqlcipher3`` DB-API module, or one sentence saying how to install it."""
    try:
        import sqlcipher3
    except ImportError:
        raise StorageError(
            "Encrypted case files need the sqlcipher3 package, which casefile installs by default "
            'but which is missing here (no wheel for this platform?); install it with "pip install sqlcipher3".'
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
        return check_new_passphrase(env) if new else check_passphrase(env)
    if _prompt is None:
        if new:
            raise StorageError(f"A new passphrase is needed; set {env_name} or run casefile in a terminal.")
        raise StorageError(
            f"'{path}' is encrypted; set {env_name} or run casefile in a terminal to type its passphrase."
        )
    typed = _prompt(f"{label} for {path.name}: ", new)
    return check_new_passphrase(typed) if new else check_passphrase(typed)


def check_new_passphrase(passphrase: str) -> str:
    """A passphrase to set must also have a visible character (three spaces protect nothing)."""
    if passphrase and is_blank(passphrase):
        raise InvalidInput("A new passphrase cannot be only spaces or invisible characters.")
    return check_passphrase(passphrase)


def remember(path: Path, passphrase: str | None) -> None:
    """Keep ``passphrase`` for ``path`` so a second open in this process does not ask again."""
    if passphrase is None:
        _remembered.pop(path.resolve(), None)
    else:
        _remembered[path.resolve()] = passphrase


@lru_cache(maxsize=16)
def _derived_key(passphrase: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32).hex()


def raw_key_pragma(passphrase: str, path: Path) -> str:
    """``PRAGMA key`` with the raw key for ``path`` (its salt, or a new one for an empty file)."""
    try:
        with path.open("rb") as handle:
            salt = handle.read(SALT_BYTES)
    except FileNotFoundError:
        salt = b""
    if len(salt) < SALT_BYTES:
        salt = os.urandom(SALT_BYTES)
    return f"PRAGMA key = \"x'{_derived_key(passphrase, salt)}{salt.hex()}'\""


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
            conn.execute(raw_key_pragma(self.passphrase, path))
            if verify:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except module.DatabaseError as exc:
            conn.close()
            if "not a database" in str(exc).lower():
                raise StorageError(
                    f"The passphrase is wrong for the encrypted case file '{path}' (or it is not a case file)."
                ) from None
            raise StorageError(f"casefile cannot open the encrypted case file '{path}': {exc}.") from None
        return conn


def plain_connect(path: Path, *, timeout: float = 15.0) -> Any:
    """A ``sqlcipher3`` connection without a key (reads and writes plain SQLite files)."""
    module = sqlcipher_module()
    conn = module.connect(str(path), timeout=timeout, check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    return conn
