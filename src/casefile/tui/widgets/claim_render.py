"""Claims and conflicts as Content: one line per claim, and a conflict's claims side by side."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from casefile.services.claim_views import ClaimView, ConflictView
from casefile.tui.literal import literal_line

GRADE_LEGEND = (
    "Grades: the source's reliability A (reliable) … F (cannot be judged), then the claim's "
    "credibility 1 (confirmed) … 6 (cannot be judged); ? means not graded: B? = reliability B, "
    "credibility not judged."
)


def claim_prompt(claim: ClaimView, disputed: bool) -> Content:
    """``⚠ status = released  as of 2025-06-21  per S1 B2  preferred  CL3``."""
    parts: list[str | Content | tuple[str, str]] = [("⚠ " if disputed else "  ", "bold $text-error")]
    parts.extend(
        [literal_line(claim.attribute, 40, "bold"), (" = ", "$text-muted"), literal_line(claim.value, 80)]
    )
    if claim.as_of:
        parts.extend([("  as of ", "$text-muted"), literal_line(claim.as_of, 40, "$text-secondary")])
    parts.extend([("  per ", "$text-muted"), literal_line(claim.sources_label, 80, "$text-success")])
    if claim.status:
        parts.append((f"  {claim.status}", "italic $text-warning"))
    parts.append((f"  {claim.handle}", "$text-muted"))
    return Content.assemble(*parts)


def claim_column(claim: ClaimView) -> Content:
    """One side of a conflict: the value, its date, and every source with grade, locator and quote."""
    parts: list[str | Content | tuple[str, str]] = [
        (f"{claim.handle}  ", "bold $text-accent"),
        literal_line(claim.value, 200, "bold"),
    ]
    if claim.status:
        parts.append((f"\n{claim.status}", "italic $text-warning"))
    parts.extend([("\nas of ", "$text-muted"), literal_line(claim.as_of or "any time", 40)])
    if not claim.sources:
        parts.append(("\nunsourced", "italic $text-error"))
    for source in claim.sources:
        parts.extend(
            [
                ("\n", ""),
                (f"{source.source.handle} {source.grade} ", "bold $text-success"),
                literal_line(source.source.name, 120),
            ]
        )
        if source.locator:
            parts.extend([("\n  at ", "$text-muted"), literal_line(source.locator, 60)])
        if source.quote:
            parts.extend(
                [("\n  “", "$text-muted"), literal_line(source.quote, 200, "italic"), ("”", "$text-muted")]
            )
    if claim.note:
        parts.extend([("\nnote: ", "$text-muted"), literal_line(claim.note, 200)])
    return Content.assemble(*parts)


def conflict_title(conflict: ConflictView) -> Content:
    state = "resolved" if conflict.resolved else "open"
    return Content.assemble(
        ("Conflict on ", "bold"),
        literal_line(conflict.attribute, 40, "bold $text-accent"),
        (f"  ({state}; {len(conflict.claims)} claims disagree)", "$text-muted"),
    )


def resolutions_content(conflict: ConflictView) -> Content:
    """``CL2 preferred over CL3 — the later report`` per decision taken."""
    lines = []
    for resolution in conflict.resolutions:
        line = [(f"{resolution.preferred} preferred over {resolution.other}", "$text-warning")]
        parts: list[str | Content | tuple[str, str]] = list(line)
        if resolution.note:
            parts.extend([(" — ", "$text-muted"), literal_line(resolution.note, 120, "italic")])
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


class ConflictColumns(Vertical):
    """A conflict's claims in columns, one per claim, with their sources."""

    DEFAULT_CSS = """
    ConflictColumns { height: auto; }
    ConflictColumns .conflict-title { padding: 0 0 1 0; }
    ConflictColumns Horizontal { height: auto; }
    ConflictColumns .conflict-side { width: 1fr; height: auto; border: round $foreground 30%; padding: 0 1; }
    ConflictColumns .conflict-decisions { padding: 1 0 0 0; }
    """

    def __init__(self, conflict: ConflictView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        yield Static(conflict_title(self.conflict), classes="conflict-title")
        with Horizontal():
            for claim in self.conflict.claims:
                yield Static(claim_column(claim), classes="conflict-side")
        if self.conflict.resolutions:
            yield Static(resolutions_content(self.conflict), classes="conflict-decisions")


def disputed_handles(conflicts: Sequence[ConflictView]) -> set[str]:
    """Claims in a conflict that is still open."""
    return {handle for conflict in conflicts for pair in conflict.open_pairs for handle in pair}


def conflict_of(claim_handle: str, conflicts: Sequence[ConflictView]) -> ConflictView | None:
    """The conflict a claim takes part in (open ones first)."""
    found = [c for c in conflicts if any(x.handle == claim_handle for x in c.claims)]
    found.sort(key=lambda c: c.resolved)
    return found[0] if found else None
