"""Import entry points and private output files for the CLI and the TUI (exports: ``services.exports``)."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from casefile.errors import InvalidInput
from casefile.exchange.bundle_merge import ImportSummary, Progress, merge_items
from casefile.exchange.bundle_reader import Item, LayoutMismatch, read_lines, read_whole
from casefile.text import one_line

if TYPE_CHECKING:
    from sqlmodel import Session

    from casefile.storage.engine import Database


class _DryRun(Exception):
    def __init__(self, summary: ImportSummary) -> None:
        super().__init__("dry run")
        self.summary = summary


def import_bundle(
    db: Database, path: Path, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportSummary:
    """Validate and merge the bundle at ``path`` in one transaction (rolled back when ``dry_run``)."""
    _check_readable(path)
    readers: tuple[Callable[[Path], Iterator[Item]], ...] = (read_lines, read_whole)
    for reader in readers:

        def action(session: Session, reader: Callable[[Path], Iterator[Item]] = reader) -> ImportSummary:
            summary = merge_items(session, reader(path), progress)
            if dry_run:
                summary.dry_run = True
                raise _DryRun(summary)
            return summary

        try:
            return db.write(action, bulk=True)
        except _DryRun as done:
            return done.summary
        except LayoutMismatch:
            continue
    raise AssertionError("read_whole never raises LayoutMismatch")  # pragma: no cover


def _check_readable(path: Path) -> None:
    shown = one_line(str(path), 120)
    if not path.exists():
        raise InvalidInput(f"There is no file '{shown}'.")
    if path.is_dir():
        raise InvalidInput(f"'{shown}' is a folder, not a bundle file.")
    if not os.access(path, os.R_OK):
        raise InvalidInput(f"casefile cannot read '{shown}'; check its permissions.")


@contextmanager
def spooled_stdin() -> Iterator[Path]:
    """Standard input copied to a private temporary file (imports read a file twice at most)."""
    with tempfile.TemporaryDirectory(prefix="casefile-") as folder:
        path = Path(folder) / "bundle.json"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            shutil.copyfileobj(sys.stdin.buffer, out, 1 << 20)
        yield path


@contextmanager
def private_output(path: Path) -> Iterator[IO[str]]:
    """Write ``path`` (0600) atomically: a temporary file beside it, renamed at the end."""
    target = path.expanduser()
    if target.is_dir():
        raise InvalidInput(f"'{one_line(str(path), 120)}' is a folder; give a file name for the bundle.")
    folder = target.parent
    if not folder.is_dir():
        raise InvalidInput(f"There is no folder '{one_line(str(folder), 120)}' to write the bundle in.")
    fd, temp = tempfile.mkstemp(prefix=".casefile-", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            yield out
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
