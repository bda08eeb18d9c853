"""Duplicates and merge, link edit/delete, handles in search and the palette, help: by keyboard."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from casefile.tui.app import CasefileApp
from casefile.tui.screens.choice_dialog import ChoiceDialog
from casefile.tui.screens.duplicates import DuplicatesScreen
from casefile.tui.screens.forms.link_edit_form import LinkEditForm
from casefile.tui.screens.help import HelpScreen
from casefile.tui.screens.main import MainScreen
from tests.conftest import BACKEND
from tests.tui.feature_case import build_feature_case, rows
from tests.tui.helpers import SIZE, screen_text, settle, type_text
from tests.tui.test_claims_screen import open_dossier


@pytest.fixture
def feature_db(case_db: str) -> tuple[str, dict[str, str]]:
    return case_db, build_feature_case(case_db)


def test_merge_from_a_dossier_keeps_the_chosen_record(feature_db: tuple[str, dict[str, str]]) -> None:
    target, h = feature_db

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await open_dossier(pilot, h["twin_b"])
            await pilot.press("m")
            await settle(pilot)
            assert isinstance(app.screen, DuplicatesScreen)
            text = screen_text(pilot)
            assert f"{h['twin_a']} Maria Kalesnikava  ⇄  {h['twin_b']} Maryia Kalesnikava" in text
            assert "why:" in text
            assert "1 likely duplicate pairs of" in text
            # 2 keeps the right-hand record (Maryia, with the link); the question says what moves.
            await pilot.press("2")
            await settle(pilot)
            assert isinstance(app.screen, ChoiceDialog)
            assert f"Merge {h['twin_a']} Maria Kalesnikava into {h['twin_b']}" in screen_text(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert isinstance(app.screen, DuplicatesScreen)
            assert "No likely duplicates." in screen_text(pilot)
            await pilot.press("escape")
            await settle(pilot)
            main = app.screen
            assert isinstance(main, MainScreen)
            assert main.dossier is not None
            assert main.dossier.entity.handle == h["twin_b"]

    asyncio.run(scenario())
    people = rows(target, "SELECT handle FROM entity WHERE kind = 'person' ORDER BY handle")
    assert (h["twin_a"],) not in people
    assert (h["twin_b"],) in people
    aliases = rows(
        target,
        "SELECT a.name FROM alias a JOIN entity e ON e.id = a.entity_id WHERE e.handle = :h",
        h=h["twin_b"],
    )
    assert aliases == [("Maria Kalesnikava",)]
    if BACKEND == "sqlite":
        assert list(Path(target).parent.glob("*.before-merge-*.bak")), "a backup is taken before merging"


def test_mark_distinct_from_the_case_list(feature_db: tuple[str, dict[str, str]]) -> None:
    target, h = feature_db

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await open_dossier(pilot, h["person"])  # no look-alike: a shows the whole case
            await pilot.press("m")
            await settle(pilot)
            assert "0 likely duplicate pairs" in screen_text(pilot)
            await pilot.press("a")
            await settle(pilot)
            assert "1 likely duplicate pairs in the case" in screen_text(pilot)
            await pilot.press("x")
            await settle(pilot)
            assert "No likely duplicates." in screen_text(pilot)

    asyncio.run(scenario())
    assert rows(target, "SELECT count(*) FROM distinct_pair") == [(1,)]
    assert rows(target, "SELECT count(*) FROM entity WHERE kind = 'person'") == [(3,)]


def test_edit_and_delete_a_link_from_the_link_list(feature_db: tuple[str, dict[str, str]]) -> None:
    target, h = feature_db

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await open_dossier(pilot, h["person"])
            await pilot.press("enter")  # into the dossier's link list
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            assert isinstance(app.screen, LinkEditForm)
            await pilot.press("ctrl+u")
            await type_text(pilot, "founder of")
            await pilot.press("tab")
            await type_text(pilot, "1996/2025")
            await pilot.press("tab")
            await type_text(pilot, "per Viasna's site")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert rows(target, "SELECT role, date_text, note FROM link WHERE handle = :h", h=h["link"]) == [
                ("founder of", "1996/2025", "per Viasna's site")
            ]
            assert "founder of" in screen_text(pilot)
            # d on the highlighted link deletes the link (after asking), not the person.
            await pilot.press("d")
            await settle(pilot)
            assert f"Delete link {h['link']}" in screen_text(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)

    asyncio.run(scenario())
    assert rows(target, "SELECT count(*) FROM link WHERE handle = :h", h=h["link"]) == [(0,)]
    assert rows(target, "SELECT count(*) FROM entity WHERE handle = :h", h=h["person"]) == [(1,)]


def test_handles_in_search_and_palette_and_help(feature_db: tuple[str, dict[str, str]]) -> None:
    target, h = feature_db

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("slash")
            await type_text(pilot, h["ministry"].lower())
            await pilot.press("enter")
            await settle(pilot)
            main = app.screen
            assert isinstance(main, MainScreen)
            assert [r.handle for r in main.entity_list.items][:1] == [h["ministry"]]
            await pilot.press("escape")
            await pilot.press("ctrl+p")
            await settle(pilot)
            await type_text(pilot, h["twin_a"])
            await settle(pilot)
            assert f"jump: {h['twin_a']} Maria Kalesnikava" in screen_text(pilot)
            await pilot.press("escape")
            await settle(pilot)
            main.entity_list.focus()
            await pilot.press("question_mark")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            text = screen_text(pilot)
            assert "do not fit" in text  # where the keys missing from a narrow footer went
            keys = str(app.screen.query_one("#help-keys").render())  # the whole list, scrolled or not
            assert "Claims screen (k)" in keys
            assert "Keep left" in keys
            assert "Edit link" in keys
            await pilot.press("escape")
            await pilot.press("f1")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("end")
            await settle(pilot)
            assert "B? = reliability B, credibility not judged" in screen_text(pilot)

    asyncio.run(scenario())
