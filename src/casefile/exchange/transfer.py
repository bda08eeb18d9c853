"""Import entry points and private output files for the CLI and the TUI (exports: ``services.exports``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from casefile.exchange.bundle_merge import Progress, merge_items
from casefile.exchange.bundle_reader import (
    BundleSource,
    Item,
    LayoutMismatch,
    open_source,
    read_lines,
    read_whole,
)
from casefile.exchange.import_summary import ImportSummary

if TYPE_CHECKING:
    from sqlmodel import Session

    from casefile.storage.engine import Database


class _DryRun(Exception):
    def __init__(self, summary: ImportSummary) -> None:
        super().__init__("dry run")
        self.summary = summary


def import_bundle(
    db: Database, path: BundleSource, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportSummary:
    """Validate and merge the bundle at ``path`` (or these bytes) in one transaction.

    Rolled back when ``dry_run``. Only a regular file is read: a pipe or a device is refused.
    """
    if isinstance(path, Path):
        with open_source(path):
            pass  # refuses a missing file, a folder, a pipe or a device in one sentence
    readers: tuple[Callable[[BundleSource], Iterator[Item]], ...] = (read_lines, read_whole)
    for reader in readers:

        def action(
            session: Session, reader: Callable[[BundleSource], Iterator[Item]] = reader
        ) -> ImportSummary:
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


def stdin_bundle() -> bytes:
    """Standard input held in memory up to a limit: never spooled to disk, where a bundle
    meant for an encrypted case file would lie as plaintext."""
    from casefile.decoding import read_stdin_bytes

    return read_stdin_bytes()


def private_output(path: Path) -> AbstractContextManager[IO[str]]:
    """Where a bundle is written: see ``safe_files.private_output``."""
    from casefile.safe_files import private_output as output

    return output(path, what="bundle")  # type: ignore[return-value]
