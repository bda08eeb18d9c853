"""The case's timeline: a chart per decade, year or month beside the list of dated items.

Enter on a bar lists that bar's items; Enter on an item opens its dossier. ``+``/``-`` zoom
between decade, year and month; ``f`` filters by entity and date range. Undated events,
links and claims are counted under the chart, never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from casefile.errors import CasefileError
from casefile.services.timeline_chart import ZOOMS, TimelineChart
from casefile.storage.engine import Database
from casefile.tui.screens.timeline_filter import TimelineFilter, TimelineFilterForm
from casefile.tui.widgets.timeline_chart import LEGEND, TimelineChartView
from casefile.tui.widgets.timeline_list import TimelineList
from casefile.tui.widgets.virtual_list import VirtualList


@dataclass
class ChartLoaded(Message):
    """A worker read the timeline and counted it per ``chart.zoom``."""

    chart: TimelineChart


@dataclass
class ChartFailed(Message):
    """The filter named nothing, or a date was not EDTF (one sentence)."""

    reason: str


class TimelineScreen(Screen[str | None]):
    """Dismisses with the entity id to open, or ``None``."""

    DEFAULT_CSS = """
    TimelineScreen #timeline-panes { height: 1fr; }
    TimelineScreen #chart { width: 1fr; min-width: 30; }
    TimelineScreen #timeline { width: 2fr; }
    TimelineScreen #timeline-notes { height: auto; max-height: 3; color: $text-muted; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,t", "close", "Back to dossiers"),
        Binding("plus,equals_sign", "zoom(1)", "Zoom in", key_display="+"),
        Binding("minus", "zoom(-1)", "Zoom out", key_display="-"),
        Binding("f", "filter", "Filter"),
        Binding("a", "all_items", "All items"),
    ]

    def __init__(self, db: Database, *, ref: str | None = None) -> None:
        super().__init__()
        self.db = db
        self.zoom: str | None = None  # chosen on first load: the coarsest that shows more than one bar
        self.filter = TimelineFilter(ref=ref)
        self.shown = self.filter  # the filter of the chart on screen (a refused one is not kept)
        self.chart: TimelineChart | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="timeline-panes"):
            yield TimelineChartView(id="chart")
            yield TimelineList(id="timeline")
        yield Static("", id="timeline-notes")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Timeline"
        timeline = self.query_one(TimelineList)
        timeline.border_title = "loading…"
        timeline.focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="timeline")
    def load(self) -> None:
        from casefile.services.timeline_chart import timeline_chart

        flt, zoom = self.filter, self.zoom

        def read(session: object) -> TimelineChart:
            def chart(z: str) -> TimelineChart:
                return timeline_chart(
                    session,  # type: ignore[arg-type]
                    ref=flt.ref,
                    zoom=z,
                    date_from=flt.since,
                    date_to=flt.until,
                )

            if zoom is not None:
                return chart(zoom)
            for candidate in ZOOMS[1:]:  # year, then month when everything is in one year
                drawn = chart(candidate)
                if len(drawn.buckets) > 1:
                    return drawn
            return drawn

        try:
            self.post_message(ChartLoaded(self.db.read(read)))
        except CasefileError as exc:
            self.post_message(ChartFailed(exc.message))

    def on_chart_loaded(self, message: ChartLoaded) -> None:
        chart = self.chart = message.chart
        self.zoom = chart.zoom
        self.shown = self.filter
        self.query_one(TimelineChartView).show_chart(chart)
        self.query_one(TimelineList).show_items(chart.items)
        self._say(f"Showing: {self.filter.summary}. {chart.undated.sentence()}  {LEGEND}")

    def on_chart_failed(self, message: ChartFailed) -> None:
        self.filter = self.shown
        self.notify(message.reason, severity="error", markup=False)
        self._say(f"{message.reason} Still showing: {self.shown.summary}.")

    def _say(self, text: str) -> None:
        self.query_one("#timeline-notes", Static).update(Text(text))

    def on_virtual_list_selected(self, message: VirtualList.Selected) -> None:
        message.stop()
        if isinstance(message.source, TimelineChartView):
            self._show_bar(message.index)
        else:
            self.action_open()

    def _show_bar(self, index: int) -> None:
        if self.chart is None or not self.chart.buckets:
            return
        bucket = self.chart.buckets[index]
        timeline = self.query_one(TimelineList)
        timeline.show_items(bucket.items)
        timeline.border_title = f"{bucket.label}: {len(bucket.items):,} items (a: all)"
        timeline.move_quietly(0)
        timeline.focus()

    def action_all_items(self) -> None:
        if self.chart is not None:
            self.query_one(TimelineList).show_items(self.chart.items)

    def action_zoom(self, change: int) -> None:
        current = ZOOMS.index(self.zoom) if self.zoom in ZOOMS else 1
        wanted = max(0, min(len(ZOOMS) - 1, current + change))
        if wanted == current:
            self.notify(f"The chart is already per {ZOOMS[current]}.", markup=False)
            return
        self.zoom = ZOOMS[wanted]
        self.load()

    def action_filter(self) -> None:
        def done(chosen: TimelineFilter | None) -> None:
            if chosen is not None:
                self.filter = chosen
                self.load()

        self.app.push_screen(TimelineFilterForm(self.filter), done)

    def action_open(self) -> None:
        timeline = self.query_one(TimelineList)
        if timeline.items:
            entity = timeline.items[timeline.cursor].entity
            self.dismiss(entity.id if entity else None)

    def action_close(self) -> None:
        self.dismiss(None)
