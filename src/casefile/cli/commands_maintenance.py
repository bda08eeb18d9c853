"""``init``, ``check`` and ``backup``."""

from __future__ import annotations

from pathlib import Path

import typer

from casefile.cli.context import state
from casefile.cli.output import emit_json, json_option, say


def init(
    ctx: typer.Context,
    encrypt: bool = typer.Option(
        False,
        "--encrypt",
        help="Create the case file encrypted (SQLCipher); the passphrase is asked twice "
        "or read from CASEFILE_PASSPHRASE.",
    ),
    as_json: bool = json_option(),
) -> None:
    """Create the case file (or bring an existing one up to date)."""
    db = state(ctx).database(encrypt=encrypt)
    where = str(db.path) if db.path else db.url
    if as_json:
        emit_json({"database": where, "encrypted": db.encrypted})
    else:
        say(f"Case file ready at {where}" + (" (encrypted)" if db.encrypted else ""))


def check(
    ctx: typer.Context,
    as_json: bool = json_option(),
) -> None:
    """Report integrity problems, dangling references, unsourced facts, conflicting claims,
    incomplete sources, undated events, likely duplicates and changed files.

    Exit 0 when clean, 1 when something was found, 2 when the check could not run.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from casefile.errors import CasefileError
    from casefile.services.check import run_check

    try:
        db = state(ctx).database(create=False)
        findings = db.read(run_check)
    except CasefileError as exc:
        raise CasefileError(exc.message, exit_code=2) from exc
    except SQLAlchemyError as exc:
        raise CasefileError(
            f"The check could not read the case file ({type(exc).__name__}).", exit_code=2
        ) from exc
    if as_json:
        emit_json({"ok": not findings, "findings": [f.to_json() for f in findings]})
    else:
        from rich.text import Text

        from casefile.cli.output import console, safe

        out = console()
        if not findings:
            out.print("No problems found.")
        for finding in findings:
            line = Text(f"{finding.code:<18} ", style="yellow")
            line.append(f"{finding.handle:<7} ", style="bold cyan")
            out.print(line + safe(finding.message, 600))
    if findings:
        raise typer.Exit(1)


def backup(
    ctx: typer.Context,
    dest: Path = typer.Argument(..., help="Backup file to create (or a folder to put a dated file in)."),
    as_json: bool = json_option(),
) -> None:
    """Copy the live case file consistently and verify the copy."""
    from casefile.services.backup import backup as backup_service

    db = state(ctx).database(create=False)
    result = backup_service(db, dest)
    if as_json:
        emit_json(result.to_json())
    else:
        say(f"Backed up to {result.path} ({result.size:,} bytes, {result.method}); integrity check: ok.")


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("check")(check)
    app.command("backup")(backup)
