"""The look of issue 18's new screens at 160×45 and 80×24 (pytest-textual-snapshot).

Update after an intended change with ``pytest tests/tui/test_snapshots_issue18.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from casefile.tui.app import CasefileApp
from casefile.tui.screens.main import MainScreen
from tests.tui.feature_case import build_feature_case
from tests.tui.helpers import settle

SIZES = {"wide": (160, 45), "small": (80, 24)}


async def _open(pilot: Pilot[Any], handle: str, *keys: str) -> None:
    await settle(pilot)
    main = pilot.app.screen
    assert isinstance(main, MainScreen)
    ref = next(r for r in main.entity_list.items if r.handle == handle)
    main.open_entity(ref.id)
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def _export(pilot: Pilot[Any]) -> None:
    from casefile.tui.session_memory import memory_of

    memory_of(pilot.app).export_path = "/srv/cases/casefile-export"  # not the test's own folder
    await _open(pilot, "P1", "x")


STEPS: dict[str, Callable[[Pilot[Any]], Awaitable[None]]] = {
    "main": lambda p: _open(p, "P1"),
    "claims": lambda p: _open(p, "P1", "k"),
    "claim_form": lambda p: _open(p, "P1", "k", "a"),
    "resolve_form": lambda p: _open(p, "P1", "k", "r"),
    "duplicates": lambda p: _open(p, "P3", "m"),
    "link_edit": lambda p: _open(p, "P1", "enter", "e"),
    "help": lambda p: _open(p, "P1", "question_mark"),
    "export": lambda p: _export(p),
}


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("screen", sorted(STEPS))
def test_issue18_screen(snap_compare: Any, case_db: str, screen: str, size: str) -> None:
    build_feature_case(case_db)
    app = CasefileApp(case_db, refresh_seconds=None)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=STEPS[screen])
