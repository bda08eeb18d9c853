"""Issue 18: a link typed in one burst (a paste, a fast typist) lands every key in its field."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from textual.widgets import OptionList

from casefile.tui.app import CasefileApp
from tests.tui.helpers import SIZE, settle
from tests.tui.test_lost_input import _dossier
from tests.tui.test_workflow import _id_of, main_screen


def _keys(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


def _slow_search(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The real search, held until the test lets it go: a busy machine or a large case file.

    Under Pilot a search usually finishes before the next key is handled, which hid the bug.
    """
    import casefile.services.search as search_module

    real = search_module.search
    gate = threading.Event()

    def held(*args: Any, **kwargs: Any) -> Any:
        gate.wait(timeout=60)
        return real(*args, **kwargs)

    monkeypatch.setattr(search_module, "search", held)
    return gate


def test_link_form_burst_lands_target_role_and_date(
    demo_db: tuple[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`l`, a target name, Enter, Tab, a role, Tab, a date, ctrl+s — all sent without a pause.

    Enter's search runs in a worker: before the fix, Tab went to the picker's hit list (or
    overtook the pick), so the role was typed into Target and the date into the wrong field.
    """
    target, handles = demo_db
    coul = handles["coul"]
    entity_id = _id_of(target, coul)
    before = {lk.handle for lk in _dossier(target, coul).links}

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            main_screen(app).open_entity(entity_id)
            await settle(pilot)
            burst = ["l", *_keys("Viasna"), "enter", "tab", *_keys("member of"), "tab"]
            burst += [*_keys("2024-05"), "ctrl+s"]
            gate = _slow_search(monkeypatch)
            await pilot.press(*burst)
            gate.set()
            await settle(pilot)
            main_screen(app)  # the form closed: the save went through

    asyncio.run(scenario())
    new = [lk for lk in _dossier(target, coul).links if lk.handle not in before]
    assert [(lk.role, lk.other.name, lk.date) for lk in new] == [("member of", "Viasna", "2024-05")]


def test_link_form_burst_after_the_hits_show(
    demo_db: tuple[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real terminal: the hits of the typed name show before Enter; Tab must not stop on them."""
    target, handles = demo_db
    coul = handles["coul"]
    entity_id = _id_of(target, coul)
    before = {lk.handle for lk in _dossier(target, coul).links}

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            main_screen(app).open_entity(entity_id)
            await settle(pilot)
            await pilot.press("l", *_keys("Viasna"))
            hits = app.screen.query_one("#link-target .picker-hits", OptionList)
            for _ in range(200):  # the debounced search shows the hits (a condition, not a sleep)
                await settle(pilot)
                if hits.display and hits.option_count:
                    break
                await pilot.pause(0.05)
            assert hits.display, "the typed name's hits never showed"
            gate = _slow_search(monkeypatch)
            await pilot.press("enter", "tab", *_keys("member of"), "tab", *_keys("2024-05"), "ctrl+s")
            gate.set()
            await settle(pilot)
            main_screen(app)

    asyncio.run(scenario())
    new = [lk for lk in _dossier(target, coul).links if lk.handle not in before]
    assert [(lk.role, lk.other.name, lk.date) for lk in new] == [("member of", "Viasna", "2024-05")]
