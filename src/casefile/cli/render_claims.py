"""Rich renderings of claims, conflicts and fact fields (``--json`` bypasses all of this)."""

from __future__ import annotations

from typing import Any

from casefile.cli.output import console, safe
from casefile.services.claim_views import ClaimView, ConflictView, FactView


def claim_line(claim: ClaimView, *, with_entity: bool = False, indent: str = "") -> Any:
    """``CL1 released_count = 14  as of 2025-06-21  per S1 B2`` with flags, as one line."""
    from rich.text import Text

    line = Text(indent)
    line.append(f"{claim.handle} ", style="dim")
    if with_entity:
        line.append(f"{claim.entity.handle} ", style="bold cyan")
        line.append_text(safe(claim.entity.name, 40))
        line.append(": ")
    line.append_text(safe(claim.attribute, 60))
    line.append(" = ")
    line.append_text(safe(claim.value, 120))
    if claim.as_of:
        line.append("  as of ")
        line.append_text(safe(claim.as_of, 40))
        if claim.as_of_marker:
            line.append(f" ({claim.as_of_marker})", style="yellow")
    if claim.sources:
        line.append("  per ")
        line.append_text(safe(claim.sources_label, 200))
    else:
        line.append("  [unsourced]", style="red")
    if claim.status:
        line.append(f"  [{claim.status}]", style="green" if claim.status == "preferred" else "dim")
    return line


def _claim_details(claim: ClaimView, indent: str) -> list[Any]:
    from rich.text import Text

    lines: list[Any] = []
    for source in claim.sources:
        if source.locator or source.quote:
            detail = Text(f"{indent}    {source.source.handle}: ", style="dim")
            if source.locator:
                detail.append_text(safe(source.locator, 80))
            if source.quote:
                detail.append(" “")
                detail.append_text(safe(source.quote, 200))
                detail.append("”")
            lines.append(detail)
    if claim.note:
        lines.append(Text(f"{indent}    ") + safe(claim.note, 300))
    return lines


def render_claims(claims: list[ClaimView]) -> None:
    """A claims listing, one line each (plus locators, quotes and notes)."""
    out = console()
    if not claims:
        out.print("No claims.")
        return
    for claim in claims:
        out.print(claim_line(claim, with_entity=True))
        for detail in _claim_details(claim, ""):
            out.print(detail)


def conflict_lines(conflict: ConflictView) -> list[Any]:
    """A conflict: its subject and state, each side with its sources, then the decisions."""
    from rich.text import Text

    head = Text(f"{conflict.entity.handle} ", style="bold cyan")
    head.append_text(safe(conflict.entity.name, 60))
    head.append(": ")
    head.append_text(safe(conflict.attribute, 60))
    head.append(
        "  resolved" if conflict.resolved else "  OPEN", style="green" if conflict.resolved else "red"
    )
    lines = [head]
    lines.extend(claim_line(c, indent="  ") for c in conflict.claims)
    for resolution in conflict.resolutions:
        decided = Text(f"  decided: {resolution.preferred} preferred over {resolution.other}", style="green")
        if resolution.note:
            decided.append(" — ")
            decided.append_text(safe(resolution.note, 300))
        lines.append(decided)
    return lines


def render_conflicts(conflicts: list[ConflictView]) -> None:
    out = console()
    if not conflicts:
        out.print("No conflicts.")
        return
    for conflict in conflicts:
        for line in conflict_lines(conflict):
            out.print(line)


def fact_suffix(fact: FactView) -> Any:
    """``  (per CL4 S1 B2; CL5 S2 C3)`` after a fact field's value."""
    from rich.text import Text

    if not fact.supporting:
        return Text("  (no supporting claim)", style="dim")
    return Text(
        "  (per " + "; ".join(f"{c.handle} {c.sources_label}" for c in fact.supporting) + ")", style="dim"
    )


def render_claim_sections(out: Any, claims: list[ClaimView], conflicts: list[ConflictView]) -> None:
    """The dossier's "Claims" and "Conflicts" sections."""
    from rich.rule import Rule

    if claims:
        out.print(Rule("Claims", style="dim"))
        for claim in claims:
            out.print(claim_line(claim))
            for detail in _claim_details(claim, ""):
                out.print(detail)
    if conflicts:
        open_count = sum(1 for c in conflicts if not c.resolved)
        out.print(Rule(f"Conflicts ({open_count} open)", style="red" if open_count else "dim"))
        for conflict in conflicts:
            for line in conflict_lines(conflict):
                out.print(line)
