"""The network view (g) and the timeline chart (t), driven by keyboard on the demo case."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.widgets import Tree

from casefile.tui.app import CasefileApp
from casefile.tui.screens.main import MainScreen
from casefile.tui.screens.network import NetworkScreen
from tests.tui.helpers import SIZE, screen_text, settle


def _main(app: CasefileApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


async def _open(pilot: Any, handle: str) -> None:
    main = _main(pilot.app)
    entity = next(r for r in main.entity_list.items if r.handle == handle)
    main.open_entity(entity.id)
    await settle(pilot)


def _tree_lines(app: CasefileApp) -> list[str]:
    tree = app.screen.query_one(Tree)
    lines = []

    def walk(node: Any, depth: int) -> None:
        lines.append("  " * depth + str(node.label))
        for child in node.children:
            walk(child, depth + 1)

    walk(tree.root, 0)
    return lines


def test_network_view_depth_filters_follow_and_back(demo_db: tuple[str, dict[str, str]]) -> None:
    target, h = demo_db

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await _open(pilot, h["tikhanovskaya"])
            await pilot.press("g")
            await settle(pilot)
            assert isinstance(app.screen, NetworkScreen)
            assert _tree_lines(app) == [
                f"◉ {h['tikhanovskaya']} Sviatlana Tikhanovskaya · person",
                "  released ← (1)",
                f"    {h['release']} Release of 14 political prisoners · event",
                "  spouse of → (1)",
                f"    {h['tikhanovsky']} Sergei Tikhanovsky · person",
            ]
            assert "depth 1 · role: all · kind: all" in screen_text(pilot)
            await pilot.press("plus")
            await settle(pilot)
            deeper = "\n".join(_tree_lines(app))
            assert "      released → (5)" in deeper
            assert f"{h['dulina']} Natalya Dulina · person" in deeper
            assert "depth 2" in screen_text(pilot)
            await pilot.press("k")  # kind: person
            await settle(pilot)
            people = "\n".join(_tree_lines(app))
            assert "Release of 14" not in people
            assert "Sergei Tikhanovsky" in people
            assert "kind: person" in screen_text(pilot)
            await pilot.press("k", "k", "k", "k", "k")  # back round to all kinds
            await settle(pilot)
            await pilot.press("r")  # the first role: released
            await settle(pilot)
            assert "spouse of" not in "\n".join(_tree_lines(app))
            assert "role: released" in screen_text(pilot)
            await pilot.press("r", "r")  # spouse of, then all
            await settle(pilot)
            await pilot.press("minus")
            await settle(pilot)
            # Follow the release event: it becomes the centre; Back returns.
            await pilot.press("down", "down", "enter")
            await settle(pilot)
            assert _tree_lines(app)[0] == f"◉ {h['release']} Release of 14 political prisoners · event"
            await pilot.press("left_square_bracket")
            await settle(pilot)
            assert _tree_lines(app)[0].startswith(f"◉ {h['tikhanovskaya']} ")
            # o opens the highlighted entity's dossier.
            await pilot.press("down", "down", "o")
            await settle(pilot)
            main = _main(app)
            assert main.dossier is not None
            assert main.dossier.entity.handle == h["release"]

    asyncio.run(scenario())


def test_network_view_marks_private_entities(demo_db: tuple[str, dict[str, str]]) -> None:
    target, h = demo_db
    from tests.conftest import Cli

    cli = Cli(target)
    cli.ok("add", "person", "[bold]Hidden[/] Witness", "--private")
    cli.ok("link", h["tikhanovskaya"], "[bold]Hidden[/] Witness", "--role", "spoke to")

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await _open(pilot, h["tikhanovskaya"])
            await pilot.press("g")
            await settle(pilot)
            text = screen_text(pilot)
            assert "[bold]Hidden[/] Witness · person · private" in text
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)

    asyncio.run(scenario())


def _bars(app: CasefileApp) -> list[str]:
    from casefile.tui.widgets.timeline_chart import TimelineChartView

    chart = app.screen.query_one(TimelineChartView).chart
    assert chart is not None
    return [f"{b.label}:{b.exact}/{b.approximate}/{b.uncertain}/{b.spans}" for b in chart.buckets]


def test_timeline_chart_zooms_filters_and_lists_a_bar(demo_db: tuple[str, dict[str, str]]) -> None:
    from casefile.tui.screens.timeline import TimelineScreen
    from casefile.tui.widgets.timeline_chart import TimelineChartView
    from casefile.tui.widgets.timeline_list import TimelineList
    from tests.conftest import Cli

    target, h = demo_db
    cli = Cli(target)
    cli.ok("add", "event", "Protest", "--date", "2020~")
    cli.ok("add", "event", "Arrest", "--date", "2021-03?")
    cli.ok("add", "event", "Detention", "--date", "2021-03/2022-01")
    cli.ok("link", h["tikhanovskaya"], "Protest", "--role", "organised", "--date", "2020-08")

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("t")
            await settle(pilot)
            assert isinstance(app.screen, TimelineScreen)
            assert _bars(app) == [
                "2020:1/1/0/0",  # the dated link, the approximate protest
                "2021:0/0/1/1",  # the uncertain arrest, the detention's span
                "2022:0/0/0/1",
                "2023:0/0/0/0",
                "2024:0/0/0/0",
                "2025:3/0/0/0",
            ]
            text = screen_text(pilot)
            assert "Left out, undated: 12 links." in text
            assert "2021" in text
            assert "░" in text
            assert "═" in text
            await pilot.press("minus")
            await settle(pilot)
            assert _bars(app) == ["2020s:4/1/1/1"]
            await pilot.press("plus", "plus")
            await settle(pilot)
            assert _bars(app)[0] == "2020-01:0/0/0/1"  # "2020~" spans the year at month zoom
            assert len(_bars(app)) == 66  # 2020-01 .. 2025-06, empty months included
            # Enter on a bar lists its items beside the chart.
            chart = app.screen.query_one(TimelineChartView)
            chart.focus()
            chart.move_quietly(next(i for i, b in enumerate(_bars(app)) if b.startswith("2021-03")))
            await pilot.press("enter")
            await settle(pilot)
            listed = app.screen.query_one(TimelineList)
            assert sorted(i.title for i in listed.items) == ["Arrest", "Detention"]
            assert "2021-03: 2 items" in screen_text(pilot)
            await pilot.press("a")
            await settle(pilot)
            assert len(listed.items) == 7
            # Filter by person and a date range through the form.
            await pilot.press("f")
            await settle(pilot)
            await pilot.press(*"Tikhanovskaya", "tab", *"2020", "tab", *"2020", "enter")
            await settle(pilot)
            assert [(i.what, i.title) for i in listed.items] == [
                ("event", "Protest"),
                ("link", "Sviatlana Tikhanovskaya — organised — Protest"),
            ]
            text = screen_text(pilot)
            assert "Showing: Tikhanovskaya, 2020 to 2020." in text
            assert "Left out, undated: 2 links." in text
            # Enter on the item opens its dossier.
            listed.focus()
            await pilot.press("enter")
            await settle(pilot)
            main = _main(app)
            assert main.dossier is not None

    asyncio.run(scenario())


def test_timeline_filter_with_a_bad_date_says_so(demo_db: tuple[str, dict[str, str]]) -> None:
    target, _ = demo_db

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("t")
            await settle(pilot)
            await pilot.press("f")
            await settle(pilot)
            await pilot.press("tab", *"someday", "enter")
            await settle(pilot)
            text = screen_text(pilot)
            assert "'someday' is not a date" in text
            assert "Still showing: the whole case." in text
            assert len(_bars(app)) == 1  # the chart before the filter stays
            await pilot.press("f")
            await settle(pilot)
            assert app.screen.query_one("#since").value == ""  # the refused filter was not kept

    asyncio.run(scenario())
