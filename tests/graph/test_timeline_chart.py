"""The timeline chart's counting: points by precision, spans across buckets, open ends, undated items."""

from __future__ import annotations

from casefile.dates import parse_date
from casefile.services.timeline_chart import build_chart
from casefile.services.views import TimelineItem
from tests.conftest import Cli


def _item(text: str, handle: str = "E1") -> TimelineItem:
    date = parse_date(text)
    return TimelineItem(text, date.lower, date.upper, date.marker, "event", handle, text, None)


def _bars(chart: object) -> list[tuple[str, int, int, int, int]]:
    return [(b.label, b.exact, b.approximate, b.uncertain, b.spans) for b in chart.buckets]  # type: ignore[attr-defined]


def test_points_are_counted_by_precision_and_empty_buckets_are_kept() -> None:
    items = [_item("2020-03-01"), _item("2020~"), _item("2022?"), _item("2022-07")]
    assert _bars(build_chart(items, "year")) == [
        ("2020", 1, 1, 0, 0),
        ("2021", 0, 0, 0, 0),
        ("2022", 1, 0, 1, 0),
    ]
    assert _bars(build_chart(items, "decade")) == [("2020s", 2, 1, 1, 0)]


def test_intervals_and_coarse_dates_are_spans_at_a_finer_zoom() -> None:
    chart = build_chart([_item("2025-01/2025-03"), _item("2025-02-10")], "month")
    assert _bars(chart) == [("2025-01", 0, 0, 0, 1), ("2025-02", 1, 0, 0, 1), ("2025-03", 0, 0, 0, 1)]
    assert [len(b.items) for b in chart.buckets] == [1, 2, 1]


def test_open_ends_are_clipped_to_the_other_items() -> None:
    chart = build_chart([_item("../2021"), _item("2019-05-01")], "year")
    assert [b.label for b in chart.buckets] == ["2019", "2020", "2021"]
    assert chart.buckets[0].spans == 1


def test_the_sample_case_chart_counts_what_it_leaves_out(cli: Cli) -> None:
    from casefile.services.timeline_chart import timeline_chart
    from casefile.storage.engine import open_database
    from tests.sample_case import record_sample_article

    h = record_sample_article(cli)
    db = open_database(cli.db)
    try:
        whole = db.read(lambda s: timeline_chart(s, zoom="month"))
        kellogg = db.read(lambda s: timeline_chart(s, ref=h["kellogg"], zoom="month"))
    finally:
        db.dispose()
    assert _bars(whole) == [("2025-06", 3, 0, 0, 0)]  # two events and one dated link
    assert whole.undated.links == 12
    assert "12 links" in whole.undated.sentence()
    assert [b.total for b in kellogg.buckets] == [2]  # the visit and the dated meeting
    assert kellogg.undated.links == 2
