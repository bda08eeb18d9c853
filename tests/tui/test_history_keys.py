"""ctrl+z undoes the last action after naming it; r lists removed records and restores one; h shows history."""

from __future__ import annotations

import asyncio

from casefile.services.entities import EntityEdit, add_entity, edit_entity, remove_entity
from casefile.services.fields import EntityFields
from casefile.storage.engine import open_database
from casefile.tui.app import CasefileApp
from casefile.tui.screens.forms.undo_form import UndoForm
from casefile.tui.screens.history_screens import HistoryScreen, RemovedScreen
from casefile.tui.screens.main import MainScreen
from tests.tui.helpers import SIZE, screen_text, settle


def _prepare(case_db: str, *, remove: bool = False) -> str:
    db = open_database(case_db)
    try:
        ref = db.write(lambda s: add_entity(s, kind="person", data=EntityFields(name="Ales Bialiatski")))
        db.write(lambda s: edit_entity(s, ref=ref.id, edit=EntityEdit(EntityFields(status="released"))))
        if remove:
            db.write(lambda s: remove_entity(s, ref=ref.id))
        return ref.id
    finally:
        db.dispose()


def test_ctrl_z_names_the_action_then_undoes_it(case_db: str) -> None:
    entity_id = _prepare(case_db)

    async def scenario() -> None:
        app = CasefileApp(case_db, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert "^z Undo" in screen_text(pilot) or "Undo" in screen_text(pilot)
            await pilot.press("ctrl+z")
            await settle(pilot)
            assert isinstance(app.screen, UndoForm)
            text = screen_text(pilot)
            assert "Undo #2 edit" in text
            assert "P1 Ales Bialiatski" in text
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)

    asyncio.run(scenario())
    db = open_database(case_db)
    try:
        from casefile.services.history import list_history
        from casefile.services.refs import resolve_entity

        assert db.read(lambda s: resolve_entity(s, entity_id).status) is None
        assert db.read(lambda s: list_history(s, limit=1))[0].action == "undo"
    finally:
        db.dispose()


def test_removed_screen_restores_the_highlighted_record(case_db: str) -> None:
    entity_id = _prepare(case_db, remove=True)

    async def scenario() -> None:
        app = CasefileApp(case_db, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("r")
            await settle(pilot)
            assert isinstance(app.screen, RemovedScreen)
            assert "Ales Bialiatski" in screen_text(pilot)
            await pilot.press("enter")
            await settle(pilot)
            main = app.screen
            assert isinstance(main, MainScreen)
            assert main.dossier is not None
            assert main.dossier.entity.id == entity_id
            assert main.dossier.fields.get("status") == "released"
            await pilot.press("h")
            await settle(pilot)
            assert isinstance(app.screen, HistoryScreen)
            text = screen_text(pilot)
            assert "restore of #3" in text
            assert "status: ∅ → released" in text

    asyncio.run(scenario())
