"""Render one dossier as Obsidian-flavoured Markdown: YAML front matter, wiki-links, footnotes.

Output depends only on the data (stable order, no export time), so identical case
files give identical bytes. User text is kept as Markdown, but ``[[`` in it is
escaped so only casefile's own wiki-links point at files.
"""

from __future__ import annotations

import json
import math
import re
from json.encoder import encode_basestring
from typing import Any

from casefile.exchange.graph_formats import to_mermaid
from casefile.exchange.graph_model import CaseGraph, GraphEdge, GraphNode
from casefile.exchange.markdown_model import Page, Row, Target, label
from casefile.storage.handles import handle_sort_key
from casefile.text import printable

_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "person": (("born", "born_text"), ("status", "status")),
    "organization": (("type", "category"),),
    "place": (("country", "country"), ("latitude", "latitude"), ("longitude", "longitude")),
    "source": (
        ("type", "category"),
        ("url", "url"),
        ("publisher", "publisher"),
        ("author", "author"),
        ("published", "published_text"),
        ("accessed", "accessed_text"),
        ("reliability", "reliability"),
        ("file", "file_path"),
        ("file_sha256", "file_sha256"),
    ),
    "event": (("type", "category"), ("date", "date_text")),
}
# C0 and C1 controls (but tab and newline) and the two non-characters YAML readers refuse.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


# ASCII punctuation Markdown (or Obsidian) could read as syntax in a heading; a backslash keeps it.
_HEADING_SYNTAX = re.compile(r"([\\`*_{}\[\]()<>#+!|^~&=$%])")


def heading(text: str) -> str:
    """A name written literally in a heading: ``[bold]x[/]`` shows as typed, not as markup."""
    one = " ".join(printable(text, keep_newlines=False).split()) or "untitled"
    return _HEADING_SYNTAX.sub(r"\\\1", one)


def body(text: str) -> str:
    """User Markdown as is, minus control characters and wiki-link openers."""
    return _CONTROL.sub("", text).replace("\r\n", "\n").replace("[[", "\\[\\[").strip()


def _plain(value: Any) -> Any:
    """Front matter text that Obsidian will not turn into a link (``[[`` split apart)."""
    if not isinstance(value, str):
        return value
    return _CONTROL.sub("", value).replace("[[", "[ [").replace("]]", "] ]")


def wiki(target: Target) -> str:
    return f"[[{target.path}|{target.title}]]"


class _Notes:
    """Footnotes of one dossier, numbered in order of first use."""

    def __init__(self, targets: dict[str, Target]) -> None:
        self.targets = targets
        self.lines: list[str] = []
        self.numbers: dict[str, int] = {}

    def refs(self, citations: list[Row]) -> str:
        marks = []
        for citation in sorted(citations, key=lambda c: c["handle"]):
            number = self.numbers.get(citation["id"])
            if number is None:
                number = len(self.numbers) + 1
                self.numbers[citation["id"]] = number
                self.lines.append(f"[^{number}]: {self._describe(citation)}")
            marks.append(f"[^{number}]")
        return "".join(marks)

    def _describe(self, citation: Row) -> str:
        source = self.targets.get(citation["source_id"])
        parts = [wiki(source) if source else "a source left out of this export"]
        if citation["locator"]:
            parts.append(label(citation["locator"]))
        if citation["quote"]:
            parts.append(f"“{' '.join(body(citation['quote']).split())}”")
        grade = f"{(source.reliability if source else None) or '?'}{citation['credibility'] or '?'}"
        return ", ".join(parts) + f" ({grade})"


def front_matter(entity: Row, aliases: list[Row], tags: list[str]) -> str:
    data: dict[str, Any] = {
        "id": entity["id"],
        "handle": entity["handle"],
        "kind": entity["kind"],
        "name": entity["name"],
    }
    if aliases:
        data["aliases"] = [a["name"] for a in aliases]
    if tags:
        data["tags"] = ["-".join(t.split()) for t in tags]
    for key, column in _FIELDS[entity["kind"]]:
        if entity[column] is not None:
            data[key] = entity[column]
    if entity["private"]:
        data["private"] = True
    data["created"] = entity["created"]
    data["updated"] = entity["updated"]
    lines = ["---"]
    for key, value in data.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {_scalar(item)}" for item in value)
        else:
            lines.append(f"{key}: {_scalar(value)}")
    lines.append("---\n")
    return "\n".join(lines)


def _scalar(value: Any) -> str:
    """A YAML scalar written as JSON (YAML's flow subset): exact, fast, the same everywhere.

    Text is always double-quoted, so ``yes``, ``null``, ``12``, ``- x`` or ``a: b`` stay text.
    """
    if isinstance(value, str):
        return encode_basestring(_plain(value))  # what json.dumps(..., ensure_ascii=False) gives
    if isinstance(value, float):
        return _float(value)
    return json.dumps(value)


def _float(value: float) -> str:
    """A float both YAML 1.1 and 1.2 read as a float (``1e-07`` would be text to YAML 1.1)."""
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    mantissa, e, exponent = text.partition("e")
    if e and "." not in mantissa:
        text = f"{mantissa}.0e{exponent}"
    return text


def render(entity: Row, page: Page, targets: dict[str, Target]) -> str:
    """The Markdown file of ``entity``."""
    entity_id = entity["id"]
    aliases = sorted(page.aliases.get(entity_id, []), key=lambda a: (a["name"], a["id"]))
    tags = sorted(page.tags.get(entity_id, []))
    notes = _Notes(targets)
    out = [front_matter(entity, aliases, tags), f"# {heading(entity['name'])}\n"]
    marks = notes.refs(page.citations.get(entity_id, []))
    summary = body(entity["summary"] or "")
    if summary or marks:
        out.append(f"{summary}{marks}\n".lstrip() if summary else f"Sources: {marks}\n")
    if entity["kind"] == "event" and entity["place_id"] in targets:
        out.append(f"Place: {wiki(targets[entity['place_id']])}\n")
    out.extend(_aliases(aliases))
    out.extend(_events_at(page.events_at.get(entity_id, []), targets))
    out.extend(_claims(page.claims.get(entity_id, []), page, notes))
    out.extend(_links(entity_id, page, targets, notes))
    out.extend(_timeline(entity, page, targets))
    out.extend(_notes(page.notes.get(entity_id, []), page, notes))
    out.extend(_cited_by(page.cited_by.get(entity_id, []), targets))
    out.extend(
        _supports(page.cited_by.get(entity_id, []), page.sourced_claims.get(entity_id, []), page, targets)
    )
    out.extend(_mentions(page.mentions.get(entity_id, []), targets))
    if notes.lines:
        out.append("\n".join(notes.lines) + "\n")
    return "\n".join(out)


def _claims(claims: list[Row], page: Page, notes: _Notes) -> list[str]:
    if not claims:
        return []
    lines = ["## Claims\n"]
    for claim in sorted(claims, key=lambda c: (c["attribute"], c["as_of_lo"] or 0, c["handle"])):
        when = f" (as of {claim['as_of_text']})" if claim["as_of_text"] else ""
        text = f"- **{label(claim['attribute'])}**: {' '.join(body(claim['value']).split())}{when}"
        lines.append(text + notes.refs(page.citations.get(claim["id"], [])))
    return ["\n".join(lines) + "\n"]


def _links(entity_id: str, page: Page, targets: dict[str, Target], notes: _Notes) -> list[str]:
    links = page.links.get(entity_id, [])
    if not links:
        return []
    out = ["## Links\n"]
    by_role: dict[str, list[str]] = {}
    for link in sorted(links, key=lambda k: (k["role"], k["handle"])):
        outgoing = link["source_id"] == entity_id
        other = targets[link["target_id"] if outgoing else link["source_id"]]
        line = f"- {'→' if outgoing else '←'} {wiki(other)}"
        if link["date_text"]:
            line += f" ({link['date_text']})"
        if link["note"]:
            line += f": {' '.join(body(link['note']).split())}"
        line += notes.refs(page.citations.get(link["id"], []))
        for note in sorted(page.notes.get(link["id"], []), key=lambda n: (n["created"], n["handle"])):
            line += f"\n  - {note['handle']}: {' '.join(body(note['body']).split())}"
            line += notes.refs(page.citations.get(note["id"], []))
        by_role.setdefault(link["role"], []).append(line)
    for role, lines in by_role.items():
        out.append(f"### {label(role)}\n\n" + "\n".join(lines) + "\n")
    out.append(_network(entity_id, links, targets))
    return out


def _network(entity_id: str, links: list[Row], targets: dict[str, Target]) -> str:
    """The dossier's one-hop network as a Mermaid diagram (Obsidian and GitHub draw it)."""
    ends = {entity_id} | {link["source_id"] for link in links} | {link["target_id"] for link in links}
    nodes = [GraphNode(t.id, t.handle, t.kind, t.name) for t in (targets[i] for i in ends)]
    edges = [
        GraphEdge(
            link["id"],
            link["handle"],
            targets[link["source_id"]].handle,
            targets[link["target_id"]].handle,
            link["role"],
            link["date_text"],
        )
        for link in links
    ]
    graph = CaseGraph(nodes, edges, center=targets[entity_id].handle, depth=1)
    return f"### Network\n\n```mermaid\n{to_mermaid(graph)}```\n"


def _timeline(entity: Row, page: Page, targets: dict[str, Target]) -> list[str]:
    items: list[tuple[int, int, str, str]] = []
    if entity["kind"] == "event" and entity["date_text"]:
        items.append(
            (entity["date_lo"], entity["date_hi"], entity["handle"], f"{entity['date_text']}: this event")
        )
    for link in page.links.get(entity["id"], []):
        other_id = link["target_id"] if link["source_id"] == entity["id"] else link["source_id"]
        other = targets[other_id]
        if other.kind == "event" and other.date:
            items.append((other.lower or 0, other.upper or 0, other.handle, f"{other.date}: {wiki(other)}"))
        if link["date_text"]:
            items.append(
                (
                    link["date_lo"],
                    link["date_hi"],
                    link["handle"],
                    f"{link['date_text']}: {label(link['role'])} {wiki(other)}",
                )
            )
    for claim in page.claims.get(entity["id"], []):
        if claim["as_of_text"]:
            items.append(
                (claim["as_of_lo"], claim["as_of_hi"], claim["handle"],
                 f"{claim['as_of_text']}: {label(claim['attribute'])} = {label(claim['value'])}")
            )  # fmt: skip
    if not items:
        return []
    unique = sorted(set(items))
    return ["## Timeline\n\n" + "\n".join(f"- {text}" for *_, text in unique) + "\n"]


def _notes(rows: list[Row], page: Page, notes: _Notes) -> list[str]:
    if not rows:
        return []
    out = ["## Notes\n"]
    for note in sorted(rows, key=lambda n: (n["created"], n["handle"])):
        private = " (private)" if note["private"] else ""
        out.append(
            f"### {note['handle']} · {note['created'][:10]}{private}\n\n{body(note['body'])}"
            f"{notes.refs(page.citations.get(note['id'], []))}\n"
        )
    return out


def _cited_by(citations: list[Row], targets: dict[str, Target]) -> list[str]:
    shown = sorted(
        {
            targets[c["entity_id"]].path: targets[c["entity_id"]]
            for c in citations
            if c["entity_id"] in targets
        }.items()
    )
    if not shown:
        return []
    return ["## Cited by\n\n" + "\n".join(f"- {wiki(t)}" for _, t in shown) + "\n"]


def _aliases(aliases: list[Row]) -> list[str]:
    """Every alias with its language (front matter keeps only the names, for Obsidian)."""
    if not aliases:
        return []
    lines = []
    for alias in aliases:
        extra = [x for x in (alias["lang"], alias["script"], alias["scheme"]) if x]
        lines.append(f"- {label(alias['name'])}" + (f" ({', '.join(extra)})" if extra else ""))
    return ["## Aliases\n\n" + "\n".join(lines) + "\n"]


def _events_at(event_ids: list[str], targets: dict[str, Target]) -> list[str]:
    """A place's page: the events held there, in date order."""
    events = sorted(
        (targets[i] for i in event_ids if i in targets),
        key=lambda t: (t.lower if t.lower is not None else 999999999, t.handle),
    )
    if not events:
        return []
    lines = [f"- {wiki(t)}" + (f" ({t.date})" if t.date else "") for t in events]
    return ["## Events here\n\n" + "\n".join(lines) + "\n"]


def _supports(citations: list[Row], claims: list[Row], page: Page, targets: dict[str, Target]) -> list[str]:
    """A source's page: the links, notes and claims it supports (entities are under Cited by)."""
    lines: list[tuple[tuple[str, int, str], str]] = []
    # A claim names its source itself; it is listed like a citation of that claim.
    stated = [
        {"claim_id": c["id"], "link_id": None, "note_id": None, "locator": c["locator"]} for c in claims
    ]
    for c in claims:
        page.supported.setdefault(c["id"], {**c, "kind": "claim"})
    for citation in [*citations, *stated]:
        row = page.supported.get(citation["link_id"] or citation["note_id"] or citation["claim_id"] or "")
        if row is None:
            continue
        if row["kind"] == "link":
            a, b = targets.get(row["source_id"]), targets.get(row["target_id"])
            if a is None or b is None:
                continue
            text = f"link {row['handle']}: {wiki(a)} — {label(row['role'])} → {wiki(b)}"
        elif row["kind"] == "note":
            owner = targets.get(row["entity_id"] or "")
            where = f" on {wiki(owner)}" if owner else ""
            text = f"note {row['handle']}{where}: {label(body(row['body'])[:80])}"
        else:
            owner = targets.get(row["entity_id"])
            if owner is None:
                continue
            text = f"claim {row['handle']}: {wiki(owner)} {label(row['attribute'])} = {label(row['value'])}"
        where_cited = f" ({label(citation['locator'])})" if citation["locator"] else ""
        lines.append((handle_sort_key(row["handle"]), f"- {text}{where_cited}"))
    if not lines:
        return []
    shown = [text for _, text in sorted(set(lines))]
    return ["## Supports\n\n" + "\n".join(shown) + "\n"]


def _mentions(rows: list[Row], targets: dict[str, Target]) -> list[str]:
    """The sources whose text names this entity, and how often (left-out sources are not named)."""
    shown = sorted(
        (targets[r["source_id"]].path, targets[r["source_id"]], r["count"])
        for r in rows
        if r["source_id"] in targets
    )
    if not shown:
        return []
    return ["## Mentioned in\n\n" + "\n".join(f"- {wiki(t)} ({n}×)" for _, t, n in shown) + "\n"]
