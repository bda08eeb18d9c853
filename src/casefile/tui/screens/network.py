"""The network around an entity: the entity at the root, linked entities grouped by role.

A tree reads at 80x24 where a drawn graph would not: each branch is a role with its
direction (``spouse of →`` when the centre is the link's source, ``released ←`` when it
is the target), each leaf an entity, and deeper hops nest under the entity that reached them.
Private entities show, marked, since the TUI is the owner's view.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, Tree
from textual.widgets.tree import TreeNode

from casefile.exchange.graph_model import CaseGraph, GraphEdge, GraphNode
from casefile.services.kinds import KINDS
from casefile.storage.engine import Database
from casefile.text import one_line

MAX_DEPTH = 4


@dataclass
class NetworkLoaded(Message):
    """A worker read the network around the centre."""

    graph: CaseGraph
    roles: list[str]


def node_text(node: GraphNode, *, centre: bool = False) -> Text:
    """``P2 Sergei Tikhanovsky · person`` (``private`` marked), never parsed as markup."""
    text = Text()
    text.append(f"{'◉ ' if centre else ''}{node.handle} ", style="bold cyan")
    text.append(one_line(node.name, 80))
    text.append(f" · {node.kind}", style="dim")
    if node.private:
        text.append(" · private", style="bold yellow")
    return text


def role_text(role: str, outgoing: bool, count: int) -> Text:
    text = Text(f"{one_line(role, 60)} {'→' if outgoing else '←'}", style="italic green")
    text.append(f" ({count})", style="dim")
    return text


class NetworkScreen(Screen[str | None]):
    """Dismisses with the entity id whose dossier to open, or ``None``."""

    DEFAULT_CSS = """
    NetworkScreen #network { border: round $accent; border-title-color: $text; padding: 0 1; }
    NetworkScreen #network-notes { height: auto; max-height: 3; color: $text-muted; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,g", "close", "Back to dossier"),
        Binding("plus,equals_sign", "depth(1)", "Depth +", key_display="+"),
        Binding("minus", "depth(-1)", "Depth -", key_display="-"),
        Binding("r", "cycle_role", "Role"),
        Binding("k", "cycle_kind", "Kind"),
        Binding("left_square_bracket,backspace", "back", "Back", key_display="["),
        Binding("o", "open", "Open dossier"),
    ]

    def __init__(self, db: Database, entity_id: str) -> None:
        super().__init__()
        self.db = db
        self.centre = entity_id
        self.trail: list[str] = []  # earlier centres, for Back
        self.depth = 1
        self.role: str | None = None
        self.kind: str | None = None
        self.roles: list[str] = []
        self.graph: CaseGraph | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        tree: Tree[GraphNode | None] = Tree(Text("loading…"), id="network")
        tree.guide_depth = 3
        yield tree
        yield Static("", id="network-notes")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Network"
        self.query_one(Tree).focus()
        self.load()

    @property
    def filters(self) -> str:
        return f"depth {self.depth} · role: {self.role or 'all'} · kind: {self.kind or 'all'}"

    @work(thread=True, exclusive=True, exit_on_error=False, group="network")
    def load(self) -> None:
        from casefile.services.graph import build_graph, graph_filter

        flt = graph_filter(
            roles=[self.role] if self.role else [],
            kinds=[self.kind] if self.kind else [],
            include_private=True,
        )
        centre, depth = self.centre, self.depth

        def read(session: object) -> NetworkLoaded:
            graph = build_graph(session, ref=centre, depth=depth, flt=flt)  # type: ignore[arg-type]
            every = build_graph(session, ref=centre, depth=1, flt=graph_filter(include_private=True))  # type: ignore[arg-type]
            return NetworkLoaded(graph, sorted({e.role for e in every.edges}))

        self.post_message(self.db.read(read))

    def on_network_loaded(self, message: NetworkLoaded) -> None:
        self.graph = message.graph
        self.roles = message.roles
        tree: Tree[GraphNode | None] = self.query_one(Tree)
        tree.clear()
        graph = message.graph
        by_handle = {n.handle: n for n in graph.nodes}
        centre = by_handle.get(graph.center or "")
        if centre is None:
            return
        tree.root.set_label(node_text(centre, centre=True))
        tree.root.data = centre
        _grow(tree.root, centre, graph, by_handle, {centre.handle})
        tree.root.expand_all()
        tree.border_title = f"Network of {centre.handle} {one_line(centre.name, 40)} · {self.filters}"
        tree.border_subtitle = f"{len(graph.nodes) - 1} linked entities · {len(graph.edges)} links"
        notes = list(graph.notes)
        if len(graph.nodes) == 1:
            notes.insert(0, "No links match these filters.")
        self.query_one("#network-notes", Static).update(Text(" ".join(notes)))
        tree.move_cursor(tree.root)

    def _selected(self) -> GraphNode | None:
        node = self.query_one(Tree).cursor_node
        return node.data if node is not None else None

    def on_tree_node_selected(self, message: Tree.NodeSelected[GraphNode | None]) -> None:
        message.stop()
        entity = message.node.data
        if entity is not None and self.graph is not None and entity.handle != self.graph.center:
            self.trail.append(self.centre)
            self.centre = entity.id
            self.load()

    def action_back(self) -> None:
        if self.trail:
            self.centre = self.trail.pop()
            self.load()

    def action_depth(self, change: int) -> None:
        depth = max(1, min(MAX_DEPTH, self.depth + change))
        if depth != self.depth:
            self.depth = depth
            self.load()
        else:
            self.notify(f"Depth stays between 1 and {MAX_DEPTH}.", markup=False)

    def action_cycle_role(self) -> None:
        choices: list[str | None] = [None, *self.roles]
        self.role = choices[(choices.index(self.role) + 1) % len(choices)] if self.role in choices else None
        self.load()

    def action_cycle_kind(self) -> None:
        choices: list[str | None] = [None, *KINDS]
        self.kind = choices[(choices.index(self.kind) + 1) % len(choices)]
        self.load()

    def action_open(self) -> None:
        entity = self._selected()
        self.dismiss(entity.id if entity is not None else self.centre)

    def action_close(self) -> None:
        self.dismiss(None)


def _grow(
    branch: TreeNode[GraphNode | None],
    parent: GraphNode,
    graph: CaseGraph,
    by_handle: dict[str, GraphNode],
    placed: set[str],
) -> None:
    """Add ``parent``'s next-hop neighbours under ``branch``, grouped by role and direction.

    Each entity appears once, under the first entity that reached it (``placed``).
    """
    groups: dict[tuple[str, bool], list[GraphNode]] = defaultdict(list)
    for edge in graph.edges:
        child = _next_hop(edge, parent, by_handle)
        if child is not None and child.handle not in placed:
            groups[(edge.role, edge.source == parent.handle)].append(child)
            placed.add(child.handle)
    for (role, outgoing), children in sorted(groups.items()):
        group = branch.add(role_text(role, outgoing, len(children)), data=None)
        for child in children:
            leaf = group.add(node_text(child), data=child)
            _grow(leaf, child, graph, by_handle, placed)
            if not leaf.children:
                leaf.allow_expand = False


def _next_hop(edge: GraphEdge, parent: GraphNode, by_handle: dict[str, GraphNode]) -> GraphNode | None:
    if parent.handle not in (edge.source, edge.target):
        return None
    other = by_handle.get(edge.target if edge.source == parent.handle else edge.source)
    if other is None or other.hops != parent.hops + 1:
        return None
    return other
