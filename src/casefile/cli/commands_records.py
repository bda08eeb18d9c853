"""``link``, ``unlink``, ``note`` and ``cite``."""

from __future__ import annotations

import typer

from casefile.cli.context import state
from casefile.cli.output import emit_json, json_option, say


def link(
    ctx: typer.Context,
    source: str = typer.Argument(..., help="From this entity (REF)."),
    target: str = typer.Argument(..., help="To this entity (REF)."),
    role: str = typer.Option(..., "--role", help="released, met with, member of, spouse of, reported by…"),
    cite_source: list[str] = typer.Option(
        [], "--source", help="A source REF supporting the link. Repeatable."
    ),
    date: str | None = typer.Option(None, "--date", help="When (EDTF)."),
    note: str | None = typer.Option(None, "--note", help="A short note on the link."),
    as_json: bool = json_option(),
) -> None:
    """Link two entities with a role, citing sources."""
    from casefile.services.links import add_link

    db = state(ctx).database(create=False)

    written = db.write(
        lambda s: add_link(
            s, source_ref=source, target_ref=target, role=role, date=date, note=note, sources=cite_source
        )
    )
    if as_json:
        emit_json(written.to_json())
    else:
        say(f"Linked {written.handle} ({written.role}).")


def unlink(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The link (L5 or its UUID)."),
) -> None:
    """Delete a link."""
    from casefile.services.links import remove_link

    db = state(ctx).database(create=False)
    handle = db.write(lambda s: remove_link(s, ref=ref).handle)
    say(f"Removed link {handle}.")


def note(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The entity or link the note is about."),
    text: str = typer.Argument(..., help="Markdown text, or - to read it from standard input."),
    cite_source: list[str] = typer.Option(
        [], "--source", help="A source REF supporting the note. Repeatable."
    ),
    private: bool = typer.Option(
        False, "--private", help="Keep the note out of exports unless --include-private."
    ),
    as_json: bool = json_option(),
) -> None:
    """Write a note on an entity or a link."""
    from casefile.decoding import read_stdin_text
    from casefile.services.notes import add_note

    body = read_stdin_text() if text == "-" else text
    db = state(ctx).database(create=False)

    written = db.write(lambda s: add_note(s, target_ref=ref, body=body, private=private, sources=cite_source))
    if as_json:
        emit_json(written.to_json())
    else:
        say(f"Added note {written.handle}.")


def cite(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="What is supported: an entity, link (L5), note (N3) or claim."),
    source: str = typer.Argument(..., help="The source (REF of a source)."),
    locator: str | None = typer.Option(None, "--locator", help="Page, paragraph or timestamp."),
    quote: str | None = typer.Option(None, "--quote", help="The quoted excerpt."),
    credibility: int | None = typer.Option(
        None, "--credibility", help="Admiralty credibility 1 (confirmed) to 6."
    ),
    as_json: bool = json_option(),
) -> None:
    """Record that a source supports an entity, a link, a note or a claim."""
    from casefile.services.citations import CitationInput
    from casefile.services.citations import cite as cite_service

    data = CitationInput(source=source, locator=locator, quote=quote, credibility=credibility)
    db = state(ctx).database(create=False)

    written = db.write(lambda s: cite_service(s, target_ref=ref, data=data))
    if as_json:
        emit_json(written.to_json())
    else:
        say(f"Added citation {written.handle}.")


def register(app: typer.Typer) -> None:
    app.command("link")(link)
    app.command("unlink")(unlink)
    app.command("note")(note)
    app.command("cite")(cite)
