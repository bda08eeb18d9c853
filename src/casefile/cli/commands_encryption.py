"""``rekey``, ``encrypt`` and ``decrypt``: SQLCipher passphrase management for a case file."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from casefile.cli.context import end_start_up, state
from casefile.cli.output import emit_json, json_option, say

if TYPE_CHECKING:
    from pathlib import Path

    from casefile.services.encryption import ConversionResult


def _case_file(ctx: typer.Context) -> Path:
    """The SQLite case file this command rewrites (never a server database)."""
    from casefile.errors import InvalidInput, StorageError
    from casefile.storage.engine import resolve_target, sqlite_file_path

    end_start_up()  # what follows rewrites a whole file: let the collector work again
    path = sqlite_file_path(resolve_target(state(ctx).db_target))
    if path is None:
        raise InvalidInput(
            "Encryption at rest is for SQLite case files; protect a server database on the server."
        )
    if not path.is_file() or path.stat().st_size == 0:
        raise StorageError(f"There is no case file at '{path}'; run 'casefile init' first.")
    return path


def _report(result: ConversionResult, as_json: bool, message: str) -> None:
    if as_json:
        emit_json(result.to_json())
    else:
        say(message)


def rekey(ctx: typer.Context, as_json: bool = json_option()) -> None:
    """Change the passphrase of an encrypted case file.

    The old passphrase comes from CASEFILE_PASSPHRASE or a prompt, the new one from
    CASEFILE_NEW_PASSPHRASE or a prompt asked twice.
    """
    from casefile.errors import InvalidInput
    from casefile.services.encryption import check_new_passphrase, convert_file
    from casefile.storage.encryption import NEW_PASSPHRASE_ENV, Cipher, ask_passphrase, is_encrypted

    path = _case_file(ctx)
    if not is_encrypted(path):
        raise InvalidInput(f"'{path}' is not encrypted; use 'casefile encrypt' to give it a passphrase.")
    old = Cipher(ask_passphrase(path))
    old.connect(path).close()
    new = Cipher(ask_passphrase(path, new=True, label="New passphrase", env_name=NEW_PASSPHRASE_ENV))
    check_new_passphrase(old.passphrase, new.passphrase)
    result = convert_file(path, source=old, target=new, action="rekey")
    _report(
        result,
        as_json,
        f"Changed the passphrase of {path}. The original is kept at {result.backup} and still opens "
        "with the old passphrase: delete it once you have checked the case file.",
    )


def encrypt(ctx: typer.Context, as_json: bool = json_option()) -> None:
    """Encrypt an existing plain case file (passphrase from CASEFILE_PASSPHRASE or asked twice)."""
    from casefile.errors import InvalidInput
    from casefile.services.encryption import convert_file
    from casefile.storage.encryption import Cipher, ask_passphrase, is_encrypted

    path = _case_file(ctx)
    if is_encrypted(path):
        raise InvalidInput(f"'{path}' is already encrypted; use 'casefile rekey' to change its passphrase.")
    new = Cipher(ask_passphrase(path, new=True, label="New passphrase"))
    result = convert_file(path, source=None, target=new, action="encrypt")
    _report(
        result,
        as_json,
        f"Encrypted {path}. The unencrypted original is kept at {result.backup}: "
        "delete it once you have checked the encrypted file.",
    )


def decrypt(ctx: typer.Context, as_json: bool = json_option()) -> None:
    """Remove the encryption of a case file (passphrase from CASEFILE_PASSPHRASE or a prompt)."""
    from casefile.errors import InvalidInput
    from casefile.services.encryption import convert_file
    from casefile.storage.encryption import Cipher, ask_passphrase, is_encrypted

    path = _case_file(ctx)
    if not is_encrypted(path):
        raise InvalidInput(f"'{path}' is not encrypted.")
    old = Cipher(ask_passphrase(path))
    old.connect(path).close()
    result = convert_file(path, source=old, target=None, action="decrypt")
    _report(
        result,
        as_json,
        f"Decrypted {path}; it no longer needs a passphrase. The encrypted original is kept at {result.backup}.",
    )


def register(app: typer.Typer) -> None:
    app.command("rekey")(rekey)
    app.command("encrypt")(encrypt)
    app.command("decrypt")(decrypt)
