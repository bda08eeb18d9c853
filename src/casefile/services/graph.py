"""Graphs for the CLI and the TUI: the network around a REF, or the whole case, as plain data."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from casefile.dates import parse_optional
from casefile.errors import InvalidInput
from casefile.exchange.graph_model import CaseGraph
from casefile.exchange.graph_query import CASE_LIMIT, EGO_LIMIT, GraphFilter, case_graph, ego_graph
from casefile.services.kinds import normalize_kind
from casefile.services.refs import resolve_entity

MAX_DEPTH = 4


def graph_filter(
    *,
    roles: Sequence[str] = (),
    kinds: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    include_private: bool = False,
) -> GraphFilter:
    """Check and normalise the user's filters (kinds by their usual names, dates as EDTF)."""
    low = parse_optional(since)
    high = parse_optional(until)
    if low is not None and high is not None and low.lower > high.upper:
        raise InvalidInput(f"--since {low.text} is after --until {high.text}; nothing could be drawn.")
    clean_roles = tuple(sorted({" ".join(r.split()) for r in roles if r.strip()}))
    return GraphFilter(
        roles=clean_roles,
        kinds=tuple(sorted({normalize_kind(k) for k in kinds})),
        lower=low.lower if low is not None else None,
        upper=high.upper if high is not None else None,
        include_private=include_private,
    )


def build_graph(
    session: Session,
    *,
    ref: str | None = None,
    depth: int = 1,
    flt: GraphFilter | None = None,
    limit: int | None = None,
) -> CaseGraph:
    """The entities and links ``depth`` hops around ``ref``, or the whole case (capped)."""
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidInput(f"--depth must be between 1 and {MAX_DEPTH}; {depth} is not.")
    flt = flt or GraphFilter()
    if ref is None:
        return case_graph(session, flt=flt, limit=limit or CASE_LIMIT)
    entity = resolve_entity(session, ref)
    if entity.private and not flt.include_private:
        raise InvalidInput(f"{entity.handle} is private; add --include-private to draw its network.")
    return ego_graph(session, entity.id, depth=depth, flt=flt, limit=limit or EGO_LIMIT)
