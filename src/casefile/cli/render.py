"""Rich renderings of the read models for people (``--json`` bypasses all of this)."""

from __future__ import annotations

from typing import Any

from casefile.cli.output import console, safe
from casefile.cli.render_claims import claim_line, fact_suffix, render_claim_sections
from casefile.services.dossier_view import Dossier
from casefile.services.views import CitationView, EntityRef, TimelineItem


def _ref(ref: EntityRef) -> Any:
    from rich.text import Text

    text = Text(f"{ref.handle} ", style="bold cyan")
    text.append_text(safe(ref.name, 80))
    if ref.private:
        text.append(" [private]", style="red")
    return text


def _citation(c: CitationView) -> Any:
    from rich.text import Text

    text = Text(f"  [{c.handle} {c.grade}] ", style="dim")
    text.append_text(_ref(c.source))
    if c.locator:
        text.append(", ")
        text.append_text(safe(c.locator, 80))
    if c.quote:
        text.append(" “")
        text.append_text(safe(c.quote, 200))
        text.append("”")
    return text


def render_entities(items: list[EntityRef]) -> None:
    from rich.table import Table

    out = console()
    if not items:
        out.print("No entities.")
        return
    table = Table(box=None, show_header=True, header_style="bold")
    table.add_column("handle")
    table.add_column("kind")
    table.add_column("name")
    for item in items:
        table.add_row(item.handle, item.kind, safe(item.name + (" [private]" if item.private else ""), 100))
    out.print(table)


def render_dossier(dossier: Dossier) -> None:
    from rich.rule import Rule
    from rich.text import Text

    out = console()
    header = Text()
    header.append_text(_ref(dossier.entity))
    header.append(f"  ({dossier.entity.kind})", style="dim")
    out.print(header)
    if dossier.aliases:
        line = Text("Aliases: ", style="bold")
        line.append_text(
            safe("; ".join(a.name + (f" @{a.lang}" if a.lang else "") for a in dossier.aliases), 400)
        )
        out.print(line)
    if dossier.tags:
        out.print(Text("Tags: ", style="bold") + safe(", ".join(dossier.tags), 400))
    facts = {f.field: f for f in dossier.facts}
    for key, value in dossier.fields.items():
        if value in (None, ""):
            continue
        shown = value["handle"] + " " + value["name"] if isinstance(value, dict) else str(value)
        line = Text(f"{key}: ", style="bold") + safe(shown, 400)
        if key in facts:
            line.append_text(fact_suffix(facts[key]))
        out.print(line)
        for claim in facts[key].contrary if key in facts else []:
            out.print(claim_line(claim, indent="  also claimed: "))
    for key, value in dossier.extra.items():
        if isinstance(value, list | dict) or value in (None, ""):
            continue
        out.print(Text(f"{key}: ", style="bold") + safe(str(value), 400))
    merged = dossier.extra.get("merged_ids") or []
    if merged:
        line = Text("Merged from: ", style="bold")
        line.append_text(safe("; ".join(f"{m['handle']} {m['name']} ({m['id']})" for m in merged), 1000))
        out.print(line)
    mentions = dossier.extra.get("mentioned_in") or []
    if mentions:
        line = Text("Mentioned in: ", style="bold")
        line.append_text(safe("; ".join(f"{m['handle']} ({m['count']}×)" for m in mentions), 1000))
        out.print(line)
    if dossier.summary:
        out.print(Rule("Summary", style="dim"))
        out.print(safe(dossier.summary))
    if dossier.citations:
        out.print(Rule("Sources", style="dim"))
        for c in dossier.citations:
            out.print(_citation(c))
    render_claim_sections(out, dossier.claims, dossier.conflicts)
    if dossier.links:
        out.print(Rule("Links", style="dim"))
        for link in dossier.links:
            arrow = "→" if link.direction == "out" else "←"
            line = Text(f"{link.handle} ", style="dim")
            line.append_text(safe(link.role, 60))
            line.append(f" {arrow} ")
            line.append_text(_ref(link.other))
            if link.date:
                line.append(f"  ({link.date})", style="dim")
            out.print(line)
            if link.note:
                out.print(Text("    ") + safe(link.note, 300))
            for c in link.citations:
                out.print(Text("  ") + _citation(c))
    if dossier.timeline:
        out.print(Rule("Timeline", style="dim"))
        render_timeline(dossier.timeline)
    if dossier.notes:
        out.print(Rule("Notes", style="dim"))
        for note in dossier.notes:
            out.print(
                Text(
                    f"{note.handle} {note.created[:10]}" + (" [private]" if note.private else ""),
                    style="dim",
                )
            )
            out.print(safe(note.body))
            for c in note.citations:
                out.print(_citation(c))
    if dossier.sourced_claims:
        out.print(Rule("Claims it backs", style="dim"))
        for claim in dossier.sourced_claims:
            out.print(claim_line(claim, with_entity=True))
    if dossier.cited_by:
        out.print(Rule("Cited for", style="dim"))
        for c in dossier.cited_by:
            out.print(Text(f"  {c.handle} {c.target_kind} {c.target_handle}"))


def render_timeline(items: list[TimelineItem]) -> None:
    from rich.text import Text

    out = console()
    if not items:
        out.print("Nothing dated.")
        return
    for item in items:
        line = Text(f"{item.date:<22}", style="bold")
        line.append(f" {item.handle:<6} ", style="cyan")
        line.append_text(safe(item.title, 120))
        if item.marker:
            line.append(f"  ({item.marker})", style="yellow")
        out.print(line)
