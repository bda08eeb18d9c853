"""The look of the main screen, a dossier, a form and the timeline (pytest-textual-snapshot).

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from casefile.tui.app import CasefileApp
from casefile.tui.screens.main import MainScreen
from tests.tui.helpers import SIZE, settle


def _app(target: str) -> CasefileApp:
    return CasefileApp(target, refresh_seconds=None)


def test_main_screen(snap_compare: Any, demo_db: tuple[str, dict[str, str]]) -> None:
    target, _ = demo_db
    assert snap_compare(_app(target), terminal_size=SIZE, run_before=settle)


def test_dossier(snap_compare: Any, demo_db: tuple[str, dict[str, str]]) -> None:
    target, handles = demo_db

    async def open_release(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        main = pilot.app.screen
        assert isinstance(main, MainScreen)
        release = next(r for r in main.entity_list.items if r.handle == handles["release"])
        main.open_entity(release.id)
        await settle(pilot)

    assert snap_compare(_app(target), terminal_size=SIZE, run_before=open_release)


def test_person_form_with_message(snap_compare: Any, demo_db: tuple[str, dict[str, str]]) -> None:
    target, _ = demo_db

    async def bad_person(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press(*"Ann", "tab", "tab", *"someday")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(_app(target), terminal_size=SIZE, run_before=bad_person)


def test_timeline(snap_compare: Any, demo_db: tuple[str, dict[str, str]]) -> None:
    target, _ = demo_db

    async def timeline(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(_app(target), terminal_size=SIZE, run_before=timeline)
