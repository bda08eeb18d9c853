"""The timeline chart: one bar per decade, year or month, drawn with Rich characters.

Exact dates are ``█``, approximate ``▓``, uncertain ``░`` and spans (intervals, or dates
coarser than the zoom) ``═``, so the precision of the evidence shows in the picture.
"""

from __future__ import annotations

from textual.content import Content

from casefile.services.timeline_chart import ChartBucket, TimelineChart
from casefile.tui.widgets.virtual_list import VirtualList

LEGEND = "█ exact  ▓ approximate  ░ uncertain  ═ span"
_PARTS = (
    ("exact", "█", "$accent"),
    ("approximate", "▓", "$warning"),
    ("uncertain", "░", "$error"),
    ("spans", "═", "$secondary"),
)


def bar_row(bucket: ChartBucket, peak: int, width: int) -> Content:
    """``2025-06  ███▓░══  7``: each part's length in proportion to the busiest bar."""
    parts: list[tuple[str, str] | str] = [(f"{bucket.label:<8} ", "bold $text-secondary")]
    drawn = 0
    for attribute, char, style in _PARTS:
        count = getattr(bucket, attribute)
        if count:
            length = max(1, round(count * width / peak)) if peak else 0
            parts.append((char * length, style))
            drawn += length
    parts.append(" " * max(0, width - drawn + 1))
    parts.append((f"{bucket.total:>4}", "$text-muted" if not bucket.total else "bold"))
    return Content.assemble(*parts)


class TimelineChartView(VirtualList):
    """The bars in date order; Enter on a bar lists its items beside the chart."""

    DEFAULT_CSS = """
    TimelineChartView { border: round $accent; border-title-color: $text-muted; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chart: TimelineChart | None = None

    def show_chart(self, chart: TimelineChart) -> None:
        self.chart = chart
        self.set_row_count(len(chart.buckets))
        self.border_title = f"per {chart.zoom}"
        self.refresh()

    def render_row(self, index: int) -> Content:
        assert self.chart is not None
        peak = max((b.total for b in self.chart.buckets), default=0)
        width = max(4, self.scrollable_content_region.width - 15)
        return bar_row(self.chart.buckets[index], peak, width)
