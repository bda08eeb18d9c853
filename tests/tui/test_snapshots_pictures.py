"""The look of the network view and the timeline chart at 160x45 and 80x24.

Update after an intended change with
``pytest tests/tui/test_snapshots_pictures.py --snapshot-update``.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from casefile.tui.app import CasefileApp
from casefile.tui.screens.main import MainScreen
from tests.tui.helpers import settle

SIZES = [pytest.param((160, 45), id="160x45"), pytest.param((80, 24), id="80x24")]


@pytest.mark.parametrize("size", SIZES)
def test_network_view(snap_compare: Any, demo_db: tuple[str, dict[str, str]], size: tuple[int, int]) -> None:
    target, handles = demo_db

    async def network(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        main = pilot.app.screen
        assert isinstance(main, MainScreen)
        release = next(r for r in main.entity_list.items if r.handle == handles["release"])
        main.open_entity(release.id)
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("plus")
        await settle(pilot)

    app = CasefileApp(target, refresh_seconds=None)
    assert snap_compare(app, terminal_size=size, run_before=network)


@pytest.mark.parametrize("size", SIZES)
def test_timeline_chart(
    snap_compare: Any, demo_db: tuple[str, dict[str, str]], size: tuple[int, int]
) -> None:
    from tests.conftest import Cli

    target, _ = demo_db
    cli = Cli(target)
    cli.ok("add", "event", "Protest", "--date", "2020~")
    cli.ok("add", "event", "Arrest", "--date", "2021-03?")
    cli.ok("add", "event", "Detention", "--date", "2021-03/2022-01")

    async def timeline(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)

    app = CasefileApp(target, refresh_seconds=None)
    assert snap_compare(app, terminal_size=size, run_before=timeline)
