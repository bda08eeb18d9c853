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
