"""Timelines order exact, approximate, uncertain, unspecified, open and interval dates by their bounds."""

from __future__ import annotations

from tests.sample_case import record_sample_article

# (EDTF date, marker) in the order the timeline must show them: lower bound, then upper bound.
ORDERED = [
    ("../2025-06-19", "open"),
    ("/2025-06-21", "unknown"),
    ("202X", ""),
    ("2024-12-31", ""),
    ("2025~", "approximate"),
    ("2025-06", ""),
    ("2025-06-20/2025-06-23", ""),
    ("2025-06-21?", "uncertain"),
    ("2025-06-22", ""),
    ("2025-06-22/..", "open"),
    ("2026-01-05~", "approximate"),
]


def record_mixed_dates(cli) -> dict[str, str]:
    handles: dict[str, str] = {}
    for position in (5, 0, 9, 2, 7, 10, 3, 1, 8, 4, 6):  # not in date order
        date, _ = ORDERED[position]
        handles[date] = cli.json("add", "event", f"Event {position}", "--date", date)["handle"]
    return handles


def test_case_timeline_orders_mixed_dates_by_lower_then_upper_bound(cli):
    handles = record_mixed_dates(cli)
    items = cli.json("timeline")
    assert [(i["date"], i["marker"]) for i in items] == ORDERED
    assert [i["handle"] for i in items] == [handles[d] for d, _ in ORDERED]
    assert items[0]["lower"] == ".."
    assert (items[2]["lower"], items[2]["upper"]) == ("2020-01-01", "2029-12-31")
    assert (items[6]["lower"], items[6]["upper"]) == ("2025-06-20", "2025-06-23")

    text = cli.ok("timeline").stdout
    lines = [line for line in text.splitlines() if line.strip()]
    assert [line.split()[0] for line in lines] == [d for d, _ in ORDERED]
    assert "(approximate)" in lines[4]
    assert "(uncertain)" in lines[7]
    assert "(open)" in lines[9]


def test_dated_links_and_claims_interleave_with_events(cli):
    handles = record_mixed_dates(cli)
    person = cli.json("add", "person", "Keith Kellogg")["handle"]
    link = cli.json("link", person, handles["2025-06-22"], "--role", "took part in", "--date", "2025-06-19~")
    claim = cli.json("claim", person, "status", "envoy", "--as-of", "2025-06-24")
    items = cli.json("timeline")
    order = [i["handle"] for i in items]
    assert (
        order.index(handles["2025-06"])
        < order.index(link["handle"])
        < order.index(handles["2025-06-20/2025-06-23"])
    )
    assert (
        order.index(handles["2025-06-22/.."])
        < order.index(claim["handle"])
        < order.index(handles["2026-01-05~"])
    )
    assert items[order.index(link["handle"])]["marker"] == "approximate"


def test_from_and_to_keep_what_reaches_into_the_window(cli):
    handles = record_mixed_dates(cli)
    items = cli.json("timeline", "--from", "2025-06-21", "--to", "2025-06-22")
    assert [i["date"] for i in items] == [
        "/2025-06-21",
        "202X",
        "2025~",
        "2025-06",
        "2025-06-20/2025-06-23",
        "2025-06-21?",
        "2025-06-22",
        "2025-06-22/..",
    ]
    assert handles["../2025-06-19"] not in {i["handle"] for i in items}
    assert [i["date"] for i in cli.json("timeline", "--from", "2026")] == [
        "202X",
        "2025-06-22/..",
        "2026-01-05~",
    ]
    bad = cli("timeline", "--from", "next week")
    assert bad.exit_code == 2
    assert "not a date" in bad.stderr


def test_depth_two_reaches_the_events_of_linked_entities(cli):
    h = record_sample_article(cli)
    assert cli.json("timeline", h["tikhanovsky"]) == []
    assert "Nothing dated." in cli.ok("timeline", h["tikhanovsky"]).stdout
    two = cli.json("timeline", h["tikhanovsky"], "--depth", "2")
    assert [i["handle"] for i in two] == [h["release"]]

    one = {i["handle"] for i in cli.json("timeline", h["tikhanovskaya"])}
    assert one == {h["release"]}
    # Events held at a place are on the place's timeline.
    assert {i["handle"] for i in cli.json("timeline", h["minsk"])} == {h["release"], h["visit"]}

    # Kellogg took part in the visit (one hop), held in Minsk (two hops), where the release was (three).
    def reach(depth: str) -> set[str]:
        return {i["handle"] for i in cli.json("timeline", h["kellogg"], "--depth", depth)}

    assert h["visit"] in reach("1")
    assert h["release"] not in reach("2")
    assert h["release"] in reach("3")

    no_ref = cli("timeline", "--depth", "2")
    assert no_ref.exit_code == 2
    assert "--depth needs an entity" in no_ref.stderr
    assert cli("timeline", h["kellogg"], "--depth", "9").exit_code == 2
