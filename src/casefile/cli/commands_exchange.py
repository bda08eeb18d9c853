"""``export markdown``, ``export json`` and ``import json``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer

from casefile.cli.context import state
from casefile.cli.output import emit_json, json_option, say

export_app = typer.Typer(
    help="Export the case file as a Markdown vault or a JSON bundle.", no_args_is_help=True
)
import_app = typer.Typer(help="Import a JSON bundle, merging by UUID.", no_args_is_help=True)

REFS = typer.Argument(None, help="Export only these dossiers (REFs); default: everything.")
INCLUDE_PRIVATE = typer.Option(
    False, "--include-private", help="Include private entities, private notes and links to private entities."
)


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int | None], Callable[[str, int], None]] | None]:
    """A Rich progress bar on stderr, only when stdout is a terminal (never in pipelines)."""
    if not sys.stdout.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def start(total: int | None) -> Callable[[str, int], None]:
            bar.update(task, total=total)

            def advance(_section: str, count: int) -> None:
                bar.advance(task, count)

            return advance

        yield start


@export_app.command("json")
def export_json(
    ctx: typer.Context,
    file: str = typer.Argument("-", help="Bundle file to write, or - for standard output (the default)."),
    refs: list[str] | None = REFS,
    include_private: bool = INCLUDE_PRIVATE,
) -> None:
    """Write every entity, alias, tag, link, note, citation and claim as one JSON bundle."""
    from casefile.exchange.transfer import private_output
    from casefile.safe_files import check_named
    from casefile.services.exports import export_json as export_service

    target = None if file == "-" else check_named(file, "bundle file")
    db = state(ctx).database(create=False)
    wanted = list(refs or [])
    if target is None:
        counts = export_service(db, sys.stdout, wanted, include_private=include_private)
        sys.stdout.flush()
        return
    with progress_bar("Exporting") as start, private_output(target) as out:
        counts = export_service(db, out, wanted, include_private=include_private, progress_start=start)
    say(f"Wrote {_describe(counts)} to {file}.")


@export_app.command("markdown")
def export_markdown(
    ctx: typer.Context,
    folder: str = typer.Argument(..., help="Vault folder to write (created if missing), or - for stdout."),
    refs: list[str] | None = REFS,
    include_private: bool = INCLUDE_PRIVATE,
) -> None:
    """Write one Markdown file per entity with wiki-links, an index, YAML front matter.

    With - and one REF, print that dossier to standard output instead.
    """
    from casefile.errors import InvalidInput
    from casefile.safe_files import check_named
    from casefile.services.exports import dossier_markdown, export_vault

    target = None if folder == "-" else check_named(folder, "folder")
    db = state(ctx).database(create=False)
    wanted = list(refs or [])
    if target is None:
        if len(wanted) != 1:
            raise InvalidInput("With - casefile prints one dossier; give exactly one REF.")
        text = db.read(lambda s: dossier_markdown(s, wanted[0], include_private=include_private))
        sys.stdout.write(text)
        return
    with progress_bar("Exporting") as start:
        report = db.read(
            lambda s: export_vault(s, target, wanted, include_private=include_private, progress_start=start)
        )
    say(report.sentence())


@import_app.command("json")
def import_json(
    ctx: typer.Context,
    file: str = typer.Argument(..., help="Bundle file to read, or - for standard input."),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Validate and report what would be added, updated or skipped; write nothing."
    ),
    as_json: bool = json_option(),
) -> None:
    """Validate a bundle, then merge it by UUID in one transaction (all or nothing)."""
    from casefile.exchange.transfer import import_bundle, stdin_bundle
    from casefile.safe_files import check_named

    db = state(ctx).database()
    with progress_bar("Importing") as start:
        progress = start(None) if start is not None else None  # records: unknown until read
        source = stdin_bundle() if file == "-" else check_named(file, "bundle file")
        summary = import_bundle(db, source, dry_run=dry_run, progress=progress)
    if as_json:
        emit_json(summary.to_json())
        return
    _print_summary(summary)


def _print_summary(summary: Any) -> None:
    verb = "Would import" if summary.dry_run else "Imported"
    parts = []
    for section, counts in summary.counts.items():
        if counts.added or counts.updated or counts.unchanged or counts.skipped:
            parts.append(
                f"{section}: {counts.added} added, {counts.updated} updated, "
                f"{counts.unchanged} unchanged, {counts.skipped} skipped"
            )
    say(f"{verb}: " + ("; ".join(parts) if parts else "nothing (the bundle is empty)") + ".")
    for renamed in summary.renamed:
        say(
            f"Handle {renamed.wanted} was taken here; the imported record is {renamed.handle} ({renamed.id})."
        )
    if summary.dry_run:
        say("Dry run: nothing was written.")


def _describe(counts: dict[str, int]) -> str:
    shown = [f"{n} {section.replace('_', ' ')}" for section, n in counts.items() if n]
    return ", ".join(shown) if shown else "an empty bundle"


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.add_typer(import_app, name="import")
