"""Write a ``CaseGraph`` as Mermaid, Graphviz DOT, JSON, GEXF or GraphML.

Names are user text: every writer escapes them for its format so that a name holding
quotes, brackets, ``-->``, ``;``, ``%%`` or a keyword of the format cannot break the
diagram. Node ids in Mermaid and DOT are casefile's handles (``P12``), never names.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import orjson

from casefile.exchange.graph_model import CaseGraph, GraphNode
from casefile.text import one_line

FORMATS = ("mermaid", "dot", "json", "gexf", "graphml")
SUFFIXES = {"mermaid": ".mmd", "dot": ".dot", "json": ".json", "gexf": ".gexf", "graphml": ".graphml"}

# Mermaid shapes per kind: (opening, closing); classes carry the colours.
_MERMAID_SHAPES = {
    "person": ("([", "])"),
    "organization": ("[", "]"),
    "place": ("{{", "}}"),
    "event": ("[/", "/]"),
    "source": ("[(", ")]"),
}
_MERMAID_CLASSES = {
    "person": "fill:#dbeafe,stroke:#1d4ed8",
    "organization": "fill:#fef3c7,stroke:#b45309",
    "place": "fill:#dcfce7,stroke:#15803d",
    "event": "fill:#fce7f3,stroke:#be185d",
    "source": "fill:#f3f4f6,stroke:#4b5563",
}
_DOT_SHAPES = {
    "person": "ellipse",
    "organization": "box",
    "place": "hexagon",
    "event": "parallelogram",
    "source": "cylinder",
}
_MERMAID_SAFE = re.compile(r"[A-Za-z0-9 ,.'():/\u00a0-\U0010ffff-]")
_LABEL_LIMIT = 80
_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")


def _plain(text: str) -> str:
    """One printable line of at most ``_LABEL_LIMIT`` characters."""
    return one_line(text, _LABEL_LIMIT)


def mermaid_text(text: str) -> str:
    """``text`` inside a quoted Mermaid label: everything but letters, digits and spaces as ``#N;``.

    Mermaid reads ``#35;`` as the character with that code, so quotes, brackets, pipes,
    ``%%``, ``-->`` and semicolons reach the picture as typed and never as syntax.
    """
    return "".join(c if _MERMAID_SAFE.match(c) and c not in "\u2028\u2029" else f"#{ord(c)};" for c in text)


def _mermaid_id(handle: str) -> str:
    # Prefixed so that no id is ever a Mermaid keyword (``end``, ``graph``, ``style``...).
    return f"n_{handle}"


def to_mermaid(graph: CaseGraph) -> str:
    """A Mermaid flowchart (renders in Obsidian, GitHub and most Markdown viewers)."""
    lines = ["flowchart LR"]
    for note in graph.notes:
        lines.append(f"  %% {mermaid_text(_plain(note))}")
    kinds: set[str] = set()
    for node in graph.nodes:
        opening, closing = _MERMAID_SHAPES.get(node.kind, ("[", "]"))
        label = mermaid_text(_node_label(node))
        lines.append(f'  {_mermaid_id(node.handle)}{opening}"{label}"{closing}:::{node.kind}')
        kinds.add(node.kind)
    for edge in graph.edges:
        role = mermaid_text(_plain(edge.role))
        lines.append(f'  {_mermaid_id(edge.source)} -->|"{role}"| {_mermaid_id(edge.target)}')
    for kind in sorted(kinds):
        lines.append(f"  classDef {kind} {_MERMAID_CLASSES.get(kind, 'fill:#ffffff')}")
    if graph.center is not None:
        lines.append(f"  style {_mermaid_id(graph.center)} stroke-width:3px")
    return "\n".join(lines) + "\n"


def _node_label(node: GraphNode) -> str:
    mark = " (private)" if node.private else ""
    return f"{_plain(node.name)} · {node.handle}{mark}"


def dot_text(text: str) -> str:
    """``text`` inside a double-quoted DOT string."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def to_dot(graph: CaseGraph) -> str:
    """A Graphviz digraph; ``dot -Tsvg`` draws it."""
    lines = ["digraph casefile {", "  rankdir=LR;", '  node [fontname="Helvetica"];']
    for note in graph.notes:
        lines.append(f"  // {_plain(note).replace('*/', '* /')}")
    for node in graph.nodes:
        shape = _DOT_SHAPES.get(node.kind, "box")
        style = ', style="dashed"' if node.private else ""
        width = ", penwidth=3" if node.handle == graph.center else ""
        label = dot_text(_node_label(node))
        lines.append(f'  "{node.handle}" [label="{label}", shape={shape}{style}{width}];')
    for edge in graph.edges:
        lines.append(f'  "{edge.source}" -> "{edge.target}" [label="{dot_text(_plain(edge.role))}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_json(graph: CaseGraph) -> str:
    """Nodes and edges with handles, kinds, roles and dates (stable, sorted keys)."""
    return orjson.dumps(graph.to_json(), option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode() + "\n"


def _xml_safe(graph: CaseGraph) -> CaseGraph:
    """XML 1.0 cannot hold control characters: names and roles as one printable line each."""
    from dataclasses import replace

    nodes = [replace(n, name=_xml_text(n.name)) for n in graph.nodes]
    edges = [replace(e, role=_xml_text(e.role)) for e in graph.edges]
    return CaseGraph(nodes, edges, graph.center, graph.depth, graph.total_nodes, graph.total_edges)


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", one_line(text))


def to_gexf(graph: CaseGraph) -> str:
    """GEXF 1.2 (Gephi) by networkx's writer."""
    import networkx as nx

    out = io.BytesIO()
    nx.write_gexf(_xml_safe(graph).to_networkx(), out)
    return out.getvalue().decode("utf-8")


def to_graphml(graph: CaseGraph) -> str:
    """GraphML by networkx's writer."""
    import networkx as nx

    out = io.BytesIO()
    nx.write_graphml(_xml_safe(graph).to_networkx(), out)
    return out.getvalue().decode("utf-8")


WRITERS: dict[str, Callable[[CaseGraph], str]] = {
    "mermaid": to_mermaid,
    "dot": to_dot,
    "json": to_json,
    "gexf": to_gexf,
    "graphml": to_graphml,
}
