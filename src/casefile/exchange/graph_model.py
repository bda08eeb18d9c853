"""A case's network as plain data: nodes (entities) and edges (typed links).

Built by ``exchange.graph_query`` from the database and written by ``exchange.graph_formats``.
Order is stable: nodes by handle (numbers compared as numbers), edges by link handle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

_HANDLE = re.compile(r"^([A-Z]+)(\d+)$")


def handle_order(handle: str) -> tuple[str, int, str]:
    """Sort key that puts P2 before P10 (handles compare by prefix, then number)."""
    match = _HANDLE.match(handle)
    if match is None:
        return (handle, 0, handle)
    return (match.group(1), int(match.group(2)), handle)


@dataclass(frozen=True, slots=True)
class GraphNode:
    """An entity in the picture."""

    id: str
    handle: str
    kind: str
    name: str
    private: bool = False
    hops: int = 0  # distance from the centre (0 for the centre, or for every node of a whole case)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "handle": self.handle,
            "kind": self.kind,
            "name": self.name,
            "private": self.private,
            "hops": self.hops,
        }


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """A link between two nodes: ``source`` and ``target`` are node handles."""

    id: str
    handle: str
    source: str
    target: str
    role: str
    date: str | None = None
    lower: int | None = None
    upper: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "handle": self.handle,
            "source": self.source,
            "target": self.target,
            "role": self.role,
            "date": self.date,
        }


@dataclass(slots=True)
class CaseGraph:
    """What a graph export or view shows, and what it left out."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]
    center: str | None = None  # the centre's handle, or None for the whole case
    depth: int | None = None
    total_nodes: int = 0  # before any cap
    total_edges: int = 0
    notes: list[str] = field(default_factory=list)  # what was capped or left out, in words

    def __post_init__(self) -> None:
        self.nodes.sort(key=lambda n: handle_order(n.handle))
        self.edges.sort(key=lambda e: handle_order(e.handle))
        self.total_nodes = max(self.total_nodes, len(self.nodes))
        self.total_edges = max(self.total_edges, len(self.edges))

    @property
    def capped(self) -> bool:
        return self.total_nodes > len(self.nodes) or self.total_edges > len(self.edges)

    def to_json(self) -> dict[str, Any]:
        return {
            "center": self.center,
            "depth": self.depth,
            "nodes": [n.to_json() for n in self.nodes],
            "edges": [e.to_json() for e in self.edges],
            "capped": self.capped,
            "total_nodes": self.total_nodes,
            "total_edges": self.total_edges,
            "notes": list(self.notes),
        }

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        """The same graph for networkx (keys are node handles; no ``None`` attribute values)."""
        import networkx as nx

        graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        for node in self.nodes:
            graph.add_node(
                node.handle,
                uuid=node.id,
                kind=node.kind,
                label=node.name,
                private=node.private,
                hops=node.hops,
            )
        for edge in self.edges:
            attrs: dict[str, Any] = {"uuid": edge.id, "role": edge.role, "label": edge.role}
            if edge.date is not None:
                attrs["date"] = edge.date
            graph.add_edge(edge.source, edge.target, key=edge.handle, **attrs)
        return graph
