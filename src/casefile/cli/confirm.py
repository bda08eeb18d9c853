"""Asking before a destructive action: a yes/no question at a terminal, a refusal in a script."""

from __future__ import annotations

import sys

import typer


def confirm_or_refuse(question: str, refusal: str) -> None:
    """Ask ``question`` and abort on no; without a terminal, refuse (a script must pass --yes)."""
    from casefile.errors import InvalidInput

    if not sys.stdin.isatty():
        raise InvalidInput(refusal)
    if not typer.confirm(question, default=False):
        raise typer.Abort()
