"""Export form defaults and memory, and "same as P3?" before a new look-alike is saved."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Input

from casefile.tui.app import CasefileApp
from casefile.tui.screens.choice_dialog import ChoiceDialog
from casefile.tui.screens.forms.entity_form import EntityForm
from casefile.tui.screens.forms.export_form import ExportForm
from casefile.tui.screens.main import MainScreen
from tests.tui.feature_case import build_feature_case, rows
from tests.tui.helpers import SIZE, screen_text, settle, type_text


@pytest.fixture
def feature_db(case_db: str) -> tuple[str, dict[str, str]]:
    return case_db, build_feature_case(case_db)


def test_export_form_defaults_suffix_and_memory(
    feature_db: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    target, _ = feature_db
    bundle = tmp_path / "out" / "case"

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("x")
            await settle(pilot)
            assert isinstance(app.screen, ExportForm)
            text = screen_text(pilot)
            assert "Only this dossier: no" in text
            assert "Include private records and notes: no" in text
            path = app.screen.query_one("#export-path", Input)
            assert path.value.endswith("casefile-export")
            # Keys only: the path, then the format (down in the open select), then save.
            await pilot.press("ctrl+u")
            await type_text(pilot, str(bundle))
            await pilot.press("shift+tab", "shift+tab", "enter", "down", "enter")
            await settle(pilot)
            assert path.value == str(bundle) + ".json"
            await pilot.press("tab", "space")
            await settle(pilot)
            assert "Only this dossier: yes" in screen_text(pilot)
            await pilot.press("space")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            await pilot.press("x")
            await settle(pilot)
            assert app.screen.query_one("#export-path", Input).value == str(bundle) + ".json"

    bundle.parent.mkdir()
    asyncio.run(scenario())
    written = (tmp_path / "out" / "case.json").read_text(encoding="utf-8")
    assert "Maryia Kalesnikava" in written
    assert "Ales Bialiatski" in written


def test_a_new_lookalike_asks_same_as_before_saving(feature_db: tuple[str, dict[str, str]]) -> None:
    target, h = feature_db

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            for answer in ("y", "n"):
                await pilot.press("n")
                await settle(pilot)
                await pilot.press("p")
                await settle(pilot)
                await type_text(pilot, "ALES BIALIATSKI")
                await pilot.press("ctrl+s")
                await settle(pilot)
                assert isinstance(app.screen, ChoiceDialog)
                assert f"Same as {h['person']} Ales Bialiatski?" in screen_text(pilot)
                await pilot.press(answer)
                await settle(pilot)
                assert not isinstance(app.screen, EntityForm)
                main = app.screen
                assert isinstance(main, MainScreen)
                assert main.dossier is not None
                if answer == "y":
                    assert main.dossier.entity.handle == h["person"]
                    assert rows(target, "SELECT count(*) FROM entity WHERE kind = 'person'") == [(3,)]
                else:
                    assert main.dossier.entity.handle == "P4"
            assert rows(
                target, "SELECT handle FROM entity WHERE name_folded = 'ales bialiatski' ORDER BY handle"
            ) == [
                (h["person"],),
                ("P4",),
            ]

    asyncio.run(scenario())
