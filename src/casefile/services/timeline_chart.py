"""The timeline as a chart: dated items counted per decade, year or month, as plain data.

A point item (its whole range inside one bucket) counts as exact, approximate or uncertain;
an item whose range crosses buckets (an interval, a year-only date at month zoom) is a span
and is counted in every bucket it covers. Open ends are clipped to the range the other
items cover, so ``../2021`` does not stretch the chart back to year 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, col, func, select

from casefile.dates import OPEN_LOWER, OPEN_UPPER
from casefile.services.refs import resolve_entity
from casefile.services.timeline import case_timeline
from casefile.services.views import TimelineItem
from casefile.storage.tables import Claim, Entity, Link

ZOOMS = ("decade", "year", "month")
MAX_BUCKETS = 2400  # 200 years of months: a chart never draws more rows than this


@dataclass(slots=True)
class ChartBucket:
    """One bar: a decade, year or month with its counts and its items."""

    label: str
    lower: int  # inclusive date keys (year*10000 + month*100 + day)
    upper: int
    exact: int = 0
    approximate: int = 0
    uncertain: int = 0
    spans: int = 0
    items: list[TimelineItem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.exact + self.approximate + self.uncertain + self.spans


@dataclass(frozen=True, slots=True)
class Undated:
    """What a timeline cannot place: said beside the chart, never silently dropped."""

    events: int = 0
    links: int = 0
    claims: int = 0

    @property
    def total(self) -> int:
        return self.events + self.links + self.claims

    def sentence(self) -> str:
        if not self.total:
            return "Every event, link and claim here is dated."
        parts = [
            f"{n} {what}"
            for n, what in ((self.events, "events"), (self.links, "links"), (self.claims, "claims"))
            if n
        ]
        return f"Left out, undated: {', '.join(parts)}."


@dataclass(slots=True)
class TimelineChart:
    """Bars in date order plus what could not be drawn."""

    zoom: str
    buckets: list[ChartBucket]
    undated: Undated
    items: list[TimelineItem]
    clipped: int = 0  # items outside the drawn range (only when MAX_BUCKETS was reached)


def _year(key: int) -> int:
    return key // 10000


def _month(key: int) -> int:
    return max(1, min(12, key // 100 % 100))


def _bucket_of(key: int, zoom: str) -> tuple[int, int]:
    """(year, month) of the bucket holding ``key``; month is 0 except at month zoom."""
    year = _year(key)
    if zoom == "decade":
        return (year - year % 10, 0)
    if zoom == "year":
        return (year, 0)
    return (year, _month(key))


def _next(bucket: tuple[int, int], zoom: str) -> tuple[int, int]:
    year, month = bucket
    if zoom == "decade":
        return (year + 10, 0)
    if zoom == "year":
        return (year + 1, 0)
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _label(bucket: tuple[int, int], zoom: str) -> str:
    year, month = bucket
    if zoom == "decade":
        return f"{year}s"
    if zoom == "year":
        return f"{year}"
    return f"{year}-{month:02d}"


def _bounds(bucket: tuple[int, int], zoom: str) -> tuple[int, int]:
    year, month = bucket
    if zoom == "decade":
        return (year * 10000 + 101, (year + 9) * 10000 + 1231)
    if zoom == "year":
        return (year * 10000 + 101, year * 10000 + 1231)
    return (year * 10000 + month * 100 + 1, year * 10000 + month * 100 + 31)


def build_chart(items: list[TimelineItem], zoom: str, undated: Undated | None = None) -> TimelineChart:
    """Count ``items`` per bucket of ``zoom`` (every bucket between the first and last, empty ones too)."""
    if zoom not in ZOOMS:
        raise ValueError(zoom)
    finite = [k for i in items for k in (i.lower, i.upper) if k not in (OPEN_LOWER, OPEN_UPPER)]
    chart = TimelineChart(zoom, [], undated or Undated(), list(items))
    if not finite:
        return chart
    first, last = _bucket_of(min(finite), zoom), _bucket_of(max(finite), zoom)
    order: dict[tuple[int, int], int] = {}
    bucket = first
    while len(order) < MAX_BUCKETS:
        order[bucket] = len(order)
        chart.buckets.append(ChartBucket(_label(bucket, zoom), *_bounds(bucket, zoom)))
        if bucket == last:
            break
        bucket = _next(bucket, zoom)
    low, high = min(finite), max(finite)
    for item in items:
        start = order.get(_bucket_of(max(item.lower, low), zoom))
        end = order.get(_bucket_of(min(item.upper, high), zoom))
        if start is None or end is None:
            chart.clipped += 1
            continue
        for index in range(start, end + 1):
            bar = chart.buckets[index]
            bar.items.append(item)
            if start != end or "/" in item.date:  # an interval is a span even inside one bar
                bar.spans += 1
            elif "uncertain" in item.marker:
                bar.uncertain += 1
            elif "approximate" in item.marker:
                bar.approximate += 1
            else:
                bar.exact += 1
    return chart


def undated_counts(session: Session, entity_id: str | None = None) -> Undated:
    """Events, links and claims with no date: the whole case's, or those of one entity."""

    def count(query: object) -> int:
        return int(session.exec(query).one())  # type: ignore[call-overload]

    events = (
        select(func.count())
        .select_from(Entity)
        .where(Entity.kind == "event", col(Entity.date_text).is_(None))
    )
    links = select(func.count()).select_from(Link).where(col(Link.date_text).is_(None))
    claims = select(func.count()).select_from(Claim).where(col(Claim.as_of_text).is_(None))
    if entity_id is not None:
        linked = (
            select(Link.target_id)
            .where(Link.source_id == entity_id)
            .union(select(Link.source_id).where(Link.target_id == entity_id))
        )
        events = events.where(col(Entity.id).in_(linked) | (col(Entity.id) == entity_id))
        links = links.where((col(Link.source_id) == entity_id) | (col(Link.target_id) == entity_id))
        claims = claims.where(col(Claim.entity_id) == entity_id)
    return Undated(count(events), count(links), count(claims))


def timeline_chart(
    session: Session,
    *,
    ref: str | None = None,
    zoom: str = "year",
    date_from: str | None = None,
    date_to: str | None = None,
) -> TimelineChart:
    """The case's (or one entity's: its events, dated links and claims) timeline as a chart."""
    items = case_timeline(session, ref=ref, date_from=date_from, date_to=date_to)
    entity_id = resolve_entity(session, ref).id if ref is not None else None
    return build_chart(items, zoom, undated_counts(session, entity_id))
