"""``graph``: the network around an entity, or the whole case, as Mermaid, DOT, JSON, GEXF or GraphML."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from casefile.cli.context import state
from casefile.cli.output import say

FORMAT_HELP = "mermaid (default; Obsidian, GitHub), dot (Graphviz), json, gexf (Gephi) or graphml."


def graph(
    ctx: typer.Context,
    ref: str | None = typer.Argument(
        None, help="Draw the network around this entity; default: the whole case."
    ),
    depth: int = typer.Option(1, "--depth", help="How many links away from REF (1-4)."),
    roles: list[str] | None = typer.Option(None, "--role", help="Only links with this role (repeatable)."),
    kinds: list[str] | None = typer.Option(None, "--kind", help="Only entities of this kind (repeatable)."),
    since: str | None = typer.Option(None, "--since", help="Only links dated from this date on (EDTF)."),
    until: str | None = typer.Option(None, "--until", help="Only links dated up to this date (EDTF)."),
    fmt: str | None = typer.Option(None, "--format", help=FORMAT_HELP),
    include_private: bool = typer.Option(False, "--include-private", help="Draw private entities too."),
    output: str | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Draw the entities and typed links around REF, N hops deep, or the whole case (capped)."""
    from casefile.errors import InvalidInput
    from casefile.exchange.graph_formats import FORMATS, SUFFIXES, WRITERS
    from casefile.services.graph import build_graph, graph_filter

    chosen = (fmt or _format_of(output, SUFFIXES) or "mermaid").strip().lower()
    if chosen not in FORMATS:
        raise InvalidInput(f"--format must be one of {', '.join(FORMATS)}; '{chosen[:40]}' is not.")
    if output is not None and not output.strip():
        raise InvalidInput("--output needs a file name; an empty path names nothing.")
    flt = graph_filter(
        roles=roles or (), kinds=kinds or (), since=since, until=until, include_private=include_private
    )
    db = state(ctx).database(create=False)
    drawn = db.read(lambda s: build_graph(s, ref=ref, depth=depth, flt=flt))
    text = WRITERS[chosen](drawn)
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        from casefile.exchange.transfer import private_output

        with private_output(Path(output)) as out:
            out.write(text)
        say(f"Wrote {len(drawn.nodes)} entities and {len(drawn.edges)} links to {output}.")
    for note in drawn.notes:
        say(note)


def _format_of(output: str | None, suffixes: dict[str, str]) -> str | None:
    if not output:
        return None
    suffix = Path(output).suffix.lower()
    by_suffix = {s: f for f, s in suffixes.items()} | {".mermaid": "mermaid", ".gv": "dot", ".xml": "graphml"}
    return by_suffix.get(suffix)


def register(app: typer.Typer) -> None:
    app.command("graph")(graph)
