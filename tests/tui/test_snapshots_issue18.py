"""The screens issue 18's fixes added: the discard question and the link deletion, at two sizes.

Update after an intended change with ``pytest tests/tui/test_snapshots_issue18.py --snapshot-update``.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from casefile.tui.app import CasefileApp
from casefile.tui.screens.main import MainScreen
from casefile.tui.widgets.link_list import LinkList
from tests.tui.helpers import settle

SIZES = [(160, 45), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=["160x45", "80x24"])
def test_discard_question(
    snap_compare: Any, demo_db: tuple[str, dict[str, str]], size: tuple[int, int]
) -> None:
    target, _ = demo_db

    async def typed_then_escape(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("n", "p", *"Half")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)

    assert snap_compare(
        CasefileApp(target, refresh_seconds=None), terminal_size=size, run_before=typed_then_escape
    )


@pytest.mark.parametrize("size", SIZES, ids=["160x45", "80x24"])
def test_link_delete(snap_compare: Any, demo_db: tuple[str, dict[str, str]], size: tuple[int, int]) -> None:
    target, handles = demo_db

    async def delete_link(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        main = pilot.app.screen
        assert isinstance(main, MainScreen)
        coul = next(r for r in main.entity_list.items if r.handle == handles["coul"])
        main.open_entity(coul.id)
        await settle(pilot)
        main.query_one(LinkList).focus()
        await pilot.press("d")
        await settle(pilot)

    assert snap_compare(CasefileApp(target, refresh_seconds=None), terminal_size=size, run_before=delete_link)
