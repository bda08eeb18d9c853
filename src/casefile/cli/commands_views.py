"""``search`` and ``timeline``."""

from __future__ import annotations

import typer

from casefile.cli.context import state
from casefile.cli.output import emit_json, json_option


def search(
    ctx: typer.Context,
    query: str = typer.Argument(..., help="A name or part of one, in any script or spelling."),
    kind: str | None = typer.Option(None, "--kind", help="Only this kind."),
    limit: int = typer.Option(20, "--limit", min=1, max=1000, help="At most this many results."),
    as_json: bool = json_option(),
) -> None:
    """Find entities by name or alias."""
    from casefile.services.kinds import normalize_kind
    from casefile.services.search import search as search_service

    wanted = normalize_kind(kind) if kind else None
    db = state(ctx).database(create=False)
    hits = db.read(lambda s: search_service(s, query=query, kind=wanted, limit=limit))
    if as_json:
        emit_json([h.to_json() for h in hits])
        return
    from rich.text import Text

    from casefile.cli.output import console, safe

    out = console()
    if not hits:
        out.print("No matches.")
    for hit in hits:
        line = Text(f"{hit.entity.handle:<7}", style="bold cyan")
        line.append_text(safe(hit.entity.name, 80))
        line.append("  ")
        line.append_text(safe(hit.matched, 120))
        out.print(line)


def timeline(
    ctx: typer.Context,
    ref: str | None = typer.Argument(None, help="Only this entity's timeline."),
    date_from: str | None = typer.Option(None, "--since", "--from", help="From this date (EDTF)."),
    date_to: str | None = typer.Option(None, "--until", "--to", help="Up to this date (EDTF)."),
    depth: int | None = typer.Option(
        None,
        "--depth",
        min=1,
        max=3,
        help="With REF: 1 (default) its own events; 2 also those of the entities linked to it.",
    ),
    as_json: bool = json_option(),
) -> None:
    """Events, dated links and claims in order of their EDTF lower bound, then upper bound."""
    from casefile.services.timeline import case_timeline

    db = state(ctx).database(create=False)
    items = db.read(lambda s: case_timeline(s, ref=ref, date_from=date_from, date_to=date_to, depth=depth))
    if as_json:
        emit_json([i.to_json() for i in items])
    else:
        from casefile.cli.render import render_timeline

        render_timeline(items)


def register(app: typer.Typer) -> None:
    app.command("search")(search)
    app.command("timeline")(timeline)
