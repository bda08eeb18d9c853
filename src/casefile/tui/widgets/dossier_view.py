"""The dossier pane: header, summary, fields, claims, links, timeline, sources and notes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.option_list import Option

from casefile.services.claim_views import ClaimView, ConflictView
from casefile.services.dossier_view import Dossier
from casefile.services.views import CitationView, EntityRef, TimelineItem
from casefile.text import one_line, printable
from casefile.tui.literal import literal_line
from casefile.tui.widgets.link_list import LinkList

FIELD_LABELS = {
    "born": "born",
    "status": "status",
    "type": "type",
    "country": "country",
    "latitude": "latitude",
    "longitude": "longitude",
    "url": "url",
    "publisher": "publisher",
    "author": "author",
    "published": "published",
    "accessed": "accessed",
    "reliability": "reliability",
    "file": "file",
    "file_sha256": "sha-256",
    "date": "date",
    "place": "place",
}


def header_content(dossier: Dossier) -> Content:
    """Name, handle, kind, private marker, status, aliases and tags."""
    entity = dossier.entity
    parts: list[str | Content | tuple[str, str]] = [
        literal_line(entity.name, 500, "bold"),
        "\n",
        (entity.handle, "bold $text-accent"),
        ("  ", ""),
        (entity.kind, "$text-secondary"),
    ]
    status = dossier.fields.get("status")
    if status:
        parts.extend([("  status: ", "$text-muted"), literal_line(str(status), 80, "bold")])
    if entity.private:
        parts.append(("  PRIVATE", "bold reverse $text-warning"))
    if dossier.aliases:
        parts.append(("\naliases: ", "$text-muted"))
        for index, alias in enumerate(dossier.aliases):
            if index:
                parts.append(("; ", "$text-muted"))
            parts.append(literal_line(alias.name, 120))
            if alias.lang:
                parts.append((f" @{alias.lang}", "$text-muted"))
    if dossier.tags:
        parts.append(("\ntags: ", "$text-muted"))
        for tag in dossier.tags:
            parts.extend([literal_line(f"#{tag}", 80, "$text-success"), " "])
    return Content.assemble(*parts)


def fields_content(fields: dict[str, Any]) -> Content:
    """Kind-specific fields (``status`` is in the header) as ``label  value`` lines."""
    parts: list[str | Content | tuple[str, str]] = []
    for key, label in FIELD_LABELS.items():
        value = fields.get(key)
        if key == "status" or value in (None, ""):
            continue
        if isinstance(value, dict):
            value = f"{value.get('handle', '')} {value.get('name', '')}"
        if parts:
            parts.append("\n")
        parts.extend([(f"{label:<12}", "$text-muted"), literal_line(str(value), 300)])
    return Content.assemble(*parts)


def cited_for_content(citation: CitationView) -> Content:
    """On a source's dossier: ``link L3  B2  at p. 3 “quote”  CI4`` (the source is the dossier)."""
    parts: list[str | Content | tuple[str, str]] = [
        (f"{citation.target_kind:<7}", "$text-muted"),
        (f"{citation.target_handle:<7}", "bold $text-accent"),
    ]
    if citation.target_name:
        parts.extend([literal_line(citation.target_name, 70), ("  ", "")])
    parts.append((citation.grade, "$text-success"))
    if citation.locator:
        parts.extend([("  at ", "$text-muted"), literal_line(citation.locator, 60)])
    if citation.quote:
        parts.extend(
            [("  “", "$text-muted"), literal_line(citation.quote, 200, "italic"), ("”", "$text-muted")]
        )
    parts.append((f"  {citation.handle}", "$text-muted"))
    return Content.assemble(*parts)


def group_by_source(citations: list[CitationView]) -> list[list[CitationView]]:
    """Citations grouped by their source, in first-seen order, each citation once."""
    groups: dict[str, list[CitationView]] = {}
    seen: set[str] = set()
    for citation in citations:
        if citation.id not in seen:
            seen.add(citation.id)
            groups.setdefault(citation.source.id, []).append(citation)
    return list(groups.values())


def source_content(group: list[CitationView]) -> Content:
    """``S1 B Title — supports P1, L7 (p. 3 “quote”)``: one line per source."""
    first = group[0]
    parts: list[str | Content | tuple[str, str]] = [
        (f"{first.source.handle} ", "bold $text-accent"),
        (f"{first.reliability or '?'} ", "$text-success"),
        literal_line(first.source.name, 100),
        ("\n   supports ", "$text-muted"),
    ]
    for index, citation in enumerate(group):
        if index:
            parts.append(("; ", "$text-muted"))
        parts.append((citation.target_handle, "$text-secondary"))
        if citation.credibility:
            parts.append((f" ({citation.grade})", "$text-success"))
        if citation.locator:
            parts.extend([(" at ", "$text-muted"), literal_line(citation.locator, 60)])
        if citation.quote:
            parts.extend(
                [(" “", "$text-muted"), literal_line(citation.quote, 160, "italic"), ("”", "$text-muted")]
            )
    return Content.assemble(*parts)


def timeline_prompt(item: TimelineItem) -> Content:
    """``2025-06-21  event  E1 Title``."""
    return Content.assemble(
        (f"{item.date:<14}", "bold $text-secondary"),
        (f"{item.marker:<2}", "$text-warning"),
        (f"{item.what:<6} ", "$text-muted"),
        (f"{item.handle} ", "$text-accent"),
        literal_line(item.title, 200),
    )


def claims_content(claims: Sequence[ClaimView], conflicts: Sequence[ConflictView]) -> Content:
    """Claims with their sources and gradings; claims in an open conflict are marked ⚠."""
    disputed = {handle for conflict in conflicts for pair in conflict.open_pairs for handle in pair}
    parts: list[str | Content | tuple[str, str]] = []
    for claim in claims:
        if parts:
            parts.append("\n")
        if claim.handle in disputed:
            parts.append(("⚠ ", "bold $text-error"))
        parts.extend(
            [
                literal_line(claim.attribute, 60, "bold"),
                (" = ", "$text-muted"),
                literal_line(claim.value, 200),
            ]
        )
        if claim.as_of:
            parts.extend([("  as of ", "$text-muted"), literal_line(claim.as_of, 40, "$text-secondary")])
        parts.extend([("  per ", "$text-muted"), literal_line(claim.sources_label, 120, "$text-success")])
        if claim.status:
            parts.append((f"  {claim.status}", "italic $text-muted"))
        parts.append((f"  {claim.handle}", "$text-muted"))
    if disputed:
        parts.append(("\n⚠ these claims disagree: press k to compare them and resolve", "italic $text-error"))
    if any("?" in claim.grade for claim in claims):
        parts.append(
            ("\ngrades: B? = source reliability B, credibility not judged (? for help)", "$text-muted")
        )
    return Content.assemble(*parts)


def backed_claims_content(claims: Sequence[ClaimView]) -> Content:
    """On a source's dossier: ``P1 status = released  as of 2025-06-21  CL2``."""
    lines = [
        Content.assemble(
            (f"{claim.entity.handle} ", "bold $text-accent"),
            literal_line(claim.attribute, 60, "bold"),
            (" = ", "$text-muted"),
            literal_line(claim.value, 200),
            (f"  as of {one_line(claim.as_of, 40)}" if claim.as_of else "", "$text-secondary"),
            (f"  {claim.handle}", "$text-muted"),
        )
        for claim in claims
    ]
    return Content("\n").join(lines)


class DossierView(VerticalScroll):
    """Shows one ``Dossier``; posts ``Open`` when a timeline item is chosen."""

    DEFAULT_CSS = """
    DossierView { padding: 0 1; }
    DossierView .section { color: $text-primary; text-style: bold; margin-top: 1; }
    DossierView #dossier-header { padding: 0 0 1 0; border-bottom: solid $foreground 20%; }
    DossierView #dossier-summary { padding: 0; margin: 0; }
    DossierView #dossier-timeline { height: auto; max-height: 12; border: none; padding: 0; background: transparent; }
    DossierView .note-meta { color: $text-muted; margin-top: 1; }
    DossierView .note-body { padding: 0; margin: 0 0 0 2; }
    DossierView #dossier-empty { color: $text-muted; padding: 2 2; }
    """

    class Open(Message):
        """Open another entity's dossier (from the timeline)."""

        def __init__(self, entity: EntityRef) -> None:
            super().__init__()
            self.entity = entity

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dossier: Dossier | None = None
        self._timeline_refs: dict[str, EntityRef] = {}

    def compose(self) -> ComposeResult:
        yield Static(Content("Pick an entity on the left, or press n to create one."), id="dossier-empty")
        with Vertical(id="dossier-body"):
            yield Static(id="dossier-header")
            yield Markdown(id="dossier-summary", open_links=False)
            yield Static(id="dossier-fields")
            yield Static(Content("Claims"), classes="section", id="claims-title")
            yield Static(id="dossier-claims")
            yield Static(Content("Links"), classes="section", id="links-title")
            yield LinkList(id="dossier-links")
            yield Static(Content("Timeline"), classes="section", id="timeline-title")
            yield OptionList(id="dossier-timeline")
            yield Static(Content("Sources"), classes="section", id="sources-title")
            yield Static(id="dossier-sources")
            yield Static(Content("Notes"), classes="section", id="notes-title")
            yield Vertical(id="dossier-notes")

    def on_mount(self) -> None:
        self.query_one("#dossier-body").display = False

    def clear(self) -> None:
        """Show the empty state."""
        self.dossier = None
        self.query_one("#dossier-body").display = False
        self.query_one("#dossier-empty").display = True

    async def show(self, dossier: Dossier) -> None:
        """Replace the pane's content with ``dossier``."""
        same = self.dossier is not None and self.dossier.entity.id == dossier.entity.id
        self.dossier = dossier
        self.query_one("#dossier-empty").display = False
        self.query_one("#dossier-body").display = True
        self.query_one("#dossier-header", Static).update(header_content(dossier))
        summary = self.query_one("#dossier-summary", Markdown)
        summary.display = bool(dossier.summary.strip())
        await summary.update(printable(dossier.summary))
        fields = fields_content(dossier.fields)
        self.query_one("#dossier-fields", Static).update(fields)
        self.query_one("#dossier-fields").display = bool(fields.plain)
        self._show_claims(dossier)
        self._set_section("links", bool(dossier.links))
        self.query_one(LinkList).show_links(dossier.links)
        self._show_timeline(dossier.timeline)
        self._show_sources(dossier)
        await self._show_notes(dossier)
        if not same:
            self.scroll_home(animate=False)

    def _set_section(self, name: str, visible: bool) -> None:
        self.query_one(f"#{name}-title").display = visible

    def _show_claims(self, dossier: Dossier) -> None:
        widget = self.query_one("#dossier-claims", Static)
        if dossier.entity.kind == "source" and dossier.sourced_claims:
            self.query_one("#claims-title", Static).update(Content("Claims it backs"))
            self._set_section("claims", True)
            widget.display = True
            widget.update(backed_claims_content(dossier.sourced_claims))
            return
        self.query_one("#claims-title", Static).update(Content("Claims"))
        self._set_section("claims", bool(dossier.claims))
        widget.display = bool(dossier.claims)
        widget.update(claims_content(dossier.claims, dossier.conflicts))

    def _show_timeline(self, items: list[TimelineItem]) -> None:
        timeline = self.query_one("#dossier-timeline", OptionList)
        self._set_section("timeline", bool(items))
        timeline.display = bool(items)
        self._timeline_refs = {}
        options = []
        for index, item in enumerate(items):
            key = f"t{index}"
            if item.entity is not None:
                self._timeline_refs[key] = item.entity
            options.append(Option(timeline_prompt(item), id=key))
        timeline.set_options(options)

    def _show_sources(self, dossier: Dossier) -> None:
        lines: list[Content] = []
        if dossier.entity.kind == "source":
            lines = [cited_for_content(c) for c in dossier.cited_by]
            self.query_one("#sources-title", Static).update(Content("Cited for"))
        else:
            self.query_one("#sources-title", Static).update(Content("Sources"))
            every = list(dossier.citations)
            for link in dossier.links:
                every.extend(link.citations)
            for note in dossier.notes:
                every.extend(note.citations)
            lines = [source_content(group) for group in group_by_source(every)]
        self._set_section("sources", bool(lines))
        widget = self.query_one("#dossier-sources", Static)
        widget.display = bool(lines)
        widget.update(Content("\n").join(lines))

    async def _show_notes(self, dossier: Dossier) -> None:
        box = self.query_one("#dossier-notes", Vertical)
        await box.remove_children()
        self._set_section("notes", bool(dossier.notes))
        box.display = bool(dossier.notes)
        widgets: list[Static | Markdown] = []
        for note in dossier.notes:
            meta: list[str | Content | tuple[str, str]] = [(note.handle, "bold"), f"  {note.created[:10]}"]
            if note.private:
                meta.append(("  private", "italic $text-warning"))
            for citation in note.citations:
                meta.append((f"  {citation.source.handle} {citation.grade}", "$text-success"))
            widgets.append(Static(Content.assemble(*meta), classes="note-meta"))
            widgets.append(Markdown(printable(note.body), classes="note-body", open_links=False))
        await box.mount_all(widgets)

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        """casefile never opens a browser by itself (no network); it shows the address."""
        event.stop()
        self.notify(f"Link: {one_line(event.href, 300)}", markup=False, timeout=8)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "dossier-timeline":
            return
        event.stop()
        ref = self._timeline_refs.get(event.option.id or "")
        if ref is not None:
            self.post_message(self.Open(ref))
