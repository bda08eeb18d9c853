"""Read a network from the case file: the links around one entity, or the whole case capped.

Everything is fetched by SQL a hop at a time (never every link of a 100k case); networkx
then measures the hops on the small subgraph that was read. Filters narrow what is drawn
and what is walked through: with ``kinds=("person",)`` a path through an organization ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import false, func, select, union_all
from sqlmodel import Session

from casefile.exchange.graph_model import CaseGraph, GraphEdge, GraphNode
from casefile.exchange.sections import table_of
from casefile.storage.tables import Entity, Link

CHUNK = 500
EGO_LIMIT = 500  # nodes drawn around one entity at most
CASE_LIMIT = 100  # nodes drawn for a whole case at most (the most-linked)


@dataclass(frozen=True, slots=True)
class GraphFilter:
    """What to draw: link roles, entity kinds, a date window on links, private records."""

    roles: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    lower: int | None = None  # links whose dates reach into [lower, upper]; undated ones are left out
    upper: int | None = None
    include_private: bool = False

    @property
    def dated(self) -> bool:
        return self.lower is not None or self.upper is not None


def _entities() -> Any:
    return table_of(Entity)


def _links() -> Any:
    return table_of(Link)


def _link_conditions(links: Any, flt: GraphFilter) -> list[Any]:
    conditions: list[Any] = []
    if flt.roles:
        conditions.append(func.lower(links.c.role).in_([r.lower() for r in flt.roles]))
    if flt.lower is not None:
        conditions.append(links.c.date_hi >= flt.lower)
    if flt.upper is not None:
        conditions.append(links.c.date_lo <= flt.upper)
    return conditions


def _node_conditions(entities: Any, flt: GraphFilter) -> list[Any]:
    conditions: list[Any] = []
    if flt.kinds:
        conditions.append(entities.c.kind.in_(flt.kinds))
    if not flt.include_private:
        conditions.append(entities.c.private == false())
    return conditions


def _node(row: Any, hops: int = 0) -> GraphNode:
    return GraphNode(row.id, row.handle, row.kind, row.name, bool(row.private), hops)


def _edge(row: Any, handles: dict[str, str]) -> GraphEdge:
    return GraphEdge(
        row.id,
        row.handle,
        handles[row.source_id],
        handles[row.target_id],
        row.role,
        row.date_text,
        row.date_lo,
        row.date_hi,
    )


def _chunks(ids: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def _links_touching(session: Session, ids: Sequence[str], flt: GraphFilter) -> list[Any]:
    links = _links()
    found: dict[str, Any] = {}
    conditions = _link_conditions(links, flt)
    for chunk in _chunks(sorted(ids)):
        for column in (links.c.source_id, links.c.target_id):
            query = select(links).where(column.in_(chunk), *conditions)
            for row in session.execute(query):
                found[row.id] = row
    return list(found.values())


def _entity_rows(session: Session, ids: Iterable[str], flt: GraphFilter) -> dict[str, Any]:
    entities = _entities()
    columns = (entities.c.id, entities.c.handle, entities.c.kind, entities.c.name, entities.c.private)
    rows: dict[str, Any] = {}
    for chunk in _chunks(sorted(set(ids))):
        query = select(*columns).where(entities.c.id.in_(chunk), *_node_conditions(entities, flt))
        rows.update((row.id, row) for row in session.execute(query))
    return rows


def _undated_count(session: Session, ids: Sequence[str] | None, flt: GraphFilter) -> int:
    """Links a date window leaves out because they have no date (said, not silently dropped)."""
    if not flt.dated:
        return 0
    links = _links()
    plain = GraphFilter(roles=flt.roles)
    conditions = [*_link_conditions(links, plain), links.c.date_text.is_(None)]
    if ids is None:
        return int(session.execute(select(func.count()).select_from(links).where(*conditions)).scalar_one())
    return len({row.id for row in _links_touching(session, ids, plain) if row.date_text is None})


def ego_graph(
    session: Session,
    center_id: str,
    *,
    depth: int = 1,
    flt: GraphFilter | None = None,
    limit: int = EGO_LIMIT,
) -> CaseGraph:
    """The entities and links within ``depth`` hops of ``center_id`` (the centre is always drawn)."""
    import networkx as nx

    flt = flt or GraphFilter()
    centre = _entity_rows(session, [center_id], GraphFilter(include_private=True))[center_id]
    nodes: dict[str, Any] = {center_id: centre}
    links: dict[str, Any] = {}
    frontier = [center_id]
    capped = False
    for _hop in range(depth):
        touching = _links_touching(session, frontier, flt)
        others = {r.target_id if r.source_id in nodes else r.source_id for r in touching}
        fresh = _entity_rows(session, others - set(nodes), flt)
        room = limit - len(nodes)
        if len(fresh) > room:
            capped = True
            fresh = dict(sorted(fresh.items(), key=lambda kv: kv[1].handle)[: max(room, 0)])
        nodes.update(fresh)
        links.update((r.id, r) for r in touching if r.source_id in nodes and r.target_id in nodes)
        frontier = list(fresh)
        if not frontier or capped:
            break
    # Links between two nodes that were reached by other paths (a triangle) are drawn too.
    links.update(
        (r.id, r)
        for r in _links_touching(session, frontier, flt)
        if r.source_id in nodes and r.target_id in nodes
    )
    undirected: nx.Graph[str] = nx.Graph()
    undirected.add_nodes_from(nodes)
    undirected.add_edges_from((r.source_id, r.target_id) for r in links.values())
    hops = nx.single_source_shortest_path_length(undirected, center_id, cutoff=depth)
    kept = {i: row for i, row in nodes.items() if i in hops}
    handles = {i: row.handle for i, row in kept.items()}
    graph = CaseGraph(
        [_node(row, hops[i]) for i, row in kept.items()],
        [_edge(r, handles) for r in links.values() if r.source_id in kept and r.target_id in kept],
        center=centre.handle,
        depth=depth,
    )
    if capped:
        graph.notes.append(f"Capped at {limit} entities; go deeper from one of them to see the rest.")
    undated = _undated_count(session, list(kept), flt)
    if undated:
        graph.notes.append(f"{undated} undated link(s) left out by the date window.")
    return graph


def case_graph(session: Session, *, flt: GraphFilter | None = None, limit: int = CASE_LIMIT) -> CaseGraph:
    """The whole case, or its ``limit`` most-linked entities and the links among them."""
    flt = flt or GraphFilter()
    entities, links = _entities(), _links()
    node_where = _node_conditions(entities, flt)
    link_where = _link_conditions(links, flt)
    total_nodes = int(
        session.execute(select(func.count()).select_from(entities).where(*node_where)).scalar_one()
    )
    total_edges = int(
        session.execute(select(func.count()).select_from(links).where(*link_where)).scalar_one()
    )
    columns = (entities.c.id, entities.c.handle, entities.c.kind, entities.c.name, entities.c.private)
    if total_nodes <= limit:
        rows = list(session.execute(select(*columns).where(*node_where)))
    else:
        ends = union_all(
            select(links.c.source_id.label("eid")).where(*link_where),
            select(links.c.target_id.label("eid")).where(*link_where),
        ).subquery()
        degree = func.count().label("degree")
        query = (
            select(*columns, degree)
            .join(ends, ends.c.eid == entities.c.id)
            .where(*node_where)
            .group_by(*columns)
            .order_by(degree.desc(), entities.c.handle)
            .limit(limit)
        )
        rows = list(session.execute(query))
    kept = {row.id: row for row in rows}
    handles = {i: row.handle for i, row in kept.items()}
    edges = [
        _edge(r, handles)
        for r in _links_touching(session, list(kept), flt)
        if r.source_id in kept and r.target_id in kept
    ]
    graph = CaseGraph(
        [_node(row) for row in kept.values()], edges, total_nodes=total_nodes, total_edges=total_edges
    )
    if graph.capped:
        graph.notes.append(
            f"Capped: the {len(graph.nodes):,} most-linked of {total_nodes:,} entities and "
            f"{len(graph.edges):,} of {total_edges:,} links are drawn."
        )
    undated = _undated_count(session, None, flt)
    if undated:
        graph.notes.append(f"{undated} undated link(s) left out by the date window.")
    return graph
