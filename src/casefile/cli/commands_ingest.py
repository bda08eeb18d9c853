"""``ingest`` (read a document into a source and propose what it names) and ``attachment``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from casefile.cli.context import state
from casefile.cli.output import emit_json, json_option, say

if TYPE_CHECKING:
    from sqlmodel import Session

    from casefile.services.ingest_views import AcceptResult, IngestReport
    from casefile.storage.database import Database

ACCEPT_KINDS = ("all", "person", "organization", "place")
ACCEPT_THRESHOLD = 0.75


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar on stderr when it is a terminal; nothing in scripts."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def ingest(
    ctx: typer.Context,
    file: str = typer.Argument(..., help="A text, Markdown, HTML or PDF file (read locally, never fetched)."),
    title: str | None = typer.Option(
        None, "--title", help="The source's title (default: from the document)."
    ),
    url: str | None = typer.Option(None, "--url", help="Where it was found (stored, never fetched)."),
    publisher: str | None = typer.Option(
        None, "--publisher", help="Who published it (default: from the document)."
    ),
    author: str | None = typer.Option(None, "--author", help="Who wrote it (default: from the document)."),
    published: str | None = typer.Option(
        None, "--published", help="Publication date (EDTF; default: from the document)."
    ),
    reliability: str | None = typer.Option(None, "--reliability", help="Admiralty grade A (reliable) to F."),
    accept_known: bool = typer.Option(
        False, "--accept-known", help="Link every entity the text mentions that the case file knows."
    ),
    accept: str | None = typer.Option(
        None,
        "--accept",
        help="Create candidates above the confidence threshold: all, person, organization or place.",
    ),
    review: bool = typer.Option(False, "--review", help="Open the review screen of the TUI on the source."),
    as_json: bool = json_option(),
) -> None:
    """Keep a document as a source's evidence and propose the people, organizations, places, dates and counts it names."""
    from casefile.files import read_user_file
    from casefile.services.ingest import IngestInput, analyse, read_document, store_document

    if accept is not None and accept not in ACCEPT_KINDS:
        from casefile.errors import InvalidInput

        raise InvalidInput(f"--accept takes {', '.join(ACCEPT_KINDS)}, not '{accept}'.")
    data = read_user_file(file)
    request = IngestInput(
        data=data, filename=file, title=title, url=url, publisher=publisher, author=author,
        published=published, reliability=reliability,
    )  # fmt: skip
    doc = read_document(request)
    db = state(ctx).database()
    ref, existing = db.write(lambda s: store_document(s, doc))
    with _progress("Reading") as progress:
        report = db.read(lambda s: analyse(s, source_ref=ref.id, progress=progress, existing=existing))
    accepted = _accept(db, report, accept_known, accept)
    if accepted is not None:
        report = db.read(lambda s: analyse(s, source_ref=ref.id, existing=existing))
    if as_json:
        emit_json(report.to_json())
    else:
        _describe(report, doc.proposed, accepted)
    if review:
        from casefile.cli.tui_launcher import open_tui

        open_tui(state(ctx), review=ref.id)


def _accept(db: Database, report: IngestReport, known: bool, kinds: str | None) -> AcceptResult | None:
    from casefile.services.ingest_accept import accept_candidates, accept_mentions

    if not known and kinds is None:
        return None
    wanted = ("person", "organization", "place") if kinds in (None, "all") else (str(kinds),)
    source = report.source.id

    def action(session: Session) -> AcceptResult:
        from casefile.services.ingest_views import AcceptResult

        done = AcceptResult()
        if known:
            done = done + accept_mentions(session, source_ref=source, mentions=report.mentions)
        if kinds is not None:
            done = done + accept_candidates(
                session,
                source_ref=source,
                candidates=report.candidates,
                threshold=ACCEPT_THRESHOLD,
                kinds=wanted,
            )
        return done

    # One user action (the command's accept flags): one transaction.
    return db.write(action)


def _describe(report: IngestReport, proposed: dict[str, str], accepted: AcceptResult | None) -> None:
    source = report.source
    if report.existing:
        say(f"{source.handle} already holds this file (same SHA-256): {source.name}. Nothing was created.")
    else:
        say(f"Added source {source.handle}: {source.name}")
        for name, value in proposed.items():
            say(f"  {name} (from the document): {value}")
    entities = {m.entity.handle for m in report.mentions}
    say(
        f"Found {len(report.mentions)} mentions of {len(entities)} known entities, "
        f"{len(report.candidates)} candidates, {len(report.dates)} dates and {len(report.counts)} counts."
    )
    for cand in report.candidates:
        maybe = f" (maybe {', '.join(e.handle for e in cand.maybe_same_as)})" if cand.maybe_same_as else ""
        say(f"  {cand.kind} {cand.name} {cand.confidence:.2f} ×{len(cand.occurrences)}{maybe}")
    for date in report.dates:
        say(f"  date {date.text} → {date.date}")
    for count in report.counts:
        say(f"  count {count.text} → {count.attribute} = {count.value}")
    if accepted is not None:
        created = ", ".join(e.handle for e in accepted.created) or "none"
        say(
            f"Accepted: created {created}; {accepted.links} links (mentioned in {source.handle}), "
            f"{accepted.citations} citations, {accepted.mentions} mentions."
        )
    elif not report.existing:
        say(
            "Nothing else was recorded; review with 'casefile ingest FILE --review' or use --accept-known/--accept."
        )


def attachment(
    ctx: typer.Context,
    source: str = typer.Argument(..., help="The source (REF) whose stored file to write."),
    output: str = typer.Option(
        "-", "--output", "-o", help="File to write (created 0600), or - for standard output (the default)."
    ),
) -> None:
    """Write a source's stored file back, byte for byte."""
    from casefile.services.evidence import attachment_bytes

    db = state(ctx).database(create=False)
    info, data = db.read(lambda s: attachment_bytes(s, ref=source))
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from casefile.files import write_private_bytes

    write_private_bytes(output, data)
    say(f"Wrote {info.size:,} bytes of {info.source_handle}'s file to {output}.")


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("attachment")(attachment)
