"""Issue 18, defects 1-3: the TUI loses nothing typed and never overwrites a colleague's edit."""

from __future__ import annotations

import asyncio
from typing import Any

from textual import events
from textual.widgets import Input, TextArea

from casefile.tui.app import CasefileApp
from casefile.tui.screens.choice_dialog import ChoiceDialog
from casefile.tui.screens.forms.base import FormScreen
from tests.conftest import run_casefile
from tests.tui.helpers import SIZE, screen_text, settle
from tests.tui.test_workflow import _id_of, main_screen


def _dossier(target: str, ref: str) -> Any:
    from casefile.services.dossier import load_dossier
    from casefile.storage.engine import open_database

    db = open_database(target)
    try:
        return db.read(lambda s: load_dossier(s, ref=ref))
    finally:
        db.dispose()


async def _edit_form_on(pilot: Any, entity_id: str) -> FormScreen[Any]:
    main_screen(pilot.app).open_entity(entity_id)
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    return form


async def _save_over_other_process(pilot: Any, target: str, handle: str) -> ChoiceDialog:
    """Type a new summary, let ANOTHER PROCESS change the status, then save."""
    form = pilot.app.screen
    form.query_one("#f-summary", TextArea).text = "Mine: released and back in Vilnius."
    other = await asyncio.to_thread(run_casefile, "edit", handle, "--status", "in exile", db=target)
    assert other.exit_code == 0, other.stderr
    await pilot.press("ctrl+s")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ChoiceDialog), "the save must not overwrite silently"
    text = screen_text(pilot)
    assert "was changed by someone else" in text
    assert "in exile" in text  # their value, beside mine
    return dialog


def test_save_over_another_process_edit_asks_and_take_theirs_writes_nothing(
    demo_db: tuple[str, dict[str, str]],
) -> None:
    target, handles = demo_db
    handle = (
        handles["kolesnikova"]
        if "kolesnikova" in handles
        else next(h for k, h in handles.items() if h.startswith("P"))
    )
    entity_id = _id_of(target, handle)
    before = _dossier(target, handle)

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await _edit_form_on(pilot, entity_id)
            await _save_over_other_process(pilot, target, handle)
            assert _dossier(target, handle).fields["status"] == "in exile"  # nothing written yet
            await pilot.press("t")
            await settle(pilot)
            assert not isinstance(app.screen, FormScreen)

    asyncio.run(scenario())
    after = _dossier(target, handle)
    assert after.fields["status"] == "in exile"
    assert after.summary == before.summary


def test_keep_mine_and_reedit_after_a_conflict(demo_db: tuple[str, dict[str, str]]) -> None:
    target, handles = demo_db
    handle = next(h for h in handles.values() if h.startswith("P"))
    entity_id = _id_of(target, handle)
    old_status = _dossier(target, handle).fields["status"]

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            # Re-edit: the field I did not touch now shows their value; mine stays.
            form = await _edit_form_on(pilot, entity_id)
            await _save_over_other_process(pilot, target, handle)
            await pilot.press("r")
            await settle(pilot)
            assert app.screen is form
            assert form.query_one("#f-status", Input).value == "in exile"
            assert form.query_one("#f-summary", TextArea).text.startswith("Mine:")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, FormScreen | ChoiceDialog)
            saved = _dossier(target, handle)
            assert (saved.fields["status"], saved.summary[:5]) == ("in exile", "Mine:")
            # Keep mine: my whole form is written over theirs, knowingly.
            run = await asyncio.to_thread(run_casefile, "edit", handle, "--status", old_status, db=target)
            assert run.exit_code == 0
            await settle(pilot)
            await _edit_form_on(pilot, entity_id)  # the dossier on screen is the old one: stale form
            main_screen_dossier = app.screen
            assert isinstance(main_screen_dossier, FormScreen)
            await _save_over_other_process(pilot, target, handle)
            await pilot.press("k")
            await settle(pilot)

    asyncio.run(scenario())
    after = _dossier(target, handle)
    assert after.summary == "Mine: released and back in Vilnius."


async def _burst(app: CasefileApp, keys: list[str]) -> None:
    """Post every key to the app at once, as a terminal delivers a paste or a fast typist."""
    for key in keys:
        char = " " if key == "space" else (key if len(key) == 1 else None)
        app.post_message(events.Key(key, char))


def test_keys_typed_before_the_form_is_ready_all_arrive(demo_db: tuple[str, dict[str, str]]) -> None:
    target, _ = demo_db

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            keys = ["n", "p", *[("space" if c == " " else c) for c in "Fast Person"], "ctrl+s"]
            await _burst(app, keys)
            await settle(pilot)
            assert not isinstance(app.screen, FormScreen), screen_text(pilot)

    asyncio.run(scenario())
    assert _dossier(target, "Fast Person").entity.name == "Fast Person"


def test_pilot_press_burst_and_paste_reach_the_field(demo_db: tuple[str, dict[str, str]]) -> None:
    target, _ = demo_db

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("n", "p", "Q", "u", "i", "c", "k")
            app.post_message(events.Paste(" Paste"))
            await _burst(app, ["ctrl+s"])
            await settle(pilot)
            assert not isinstance(app.screen, FormScreen), screen_text(pilot)

    asyncio.run(scenario())
    assert _dossier(target, "Quick Paste").entity.name == "Quick Paste"


def test_escape_and_ctrl_q_ask_before_discarding_typed_text(demo_db: tuple[str, dict[str, str]]) -> None:
    target, _ = demo_db

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("n", "p")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, FormScreen)
            await pilot.press("H", "a", "l", "f")
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, ChoiceDialog)
            assert "Discard what you typed" in screen_text(pilot)
            await pilot.press("k")  # keep editing: the text is still there
            await settle(pilot)
            assert app.screen is form
            assert form.query_one("#f-name", Input).value == "Half"
            await pilot.press("ctrl+q")
            await settle(pilot)
            assert isinstance(app.screen, ChoiceDialog), "ctrl+q must ask too"
            assert app.is_running
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is form
            assert app.is_running
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            assert not isinstance(app.screen, FormScreen | ChoiceDialog)
            # An untouched form closes at once.
            await pilot.press("n", "p")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert not isinstance(app.screen, FormScreen | ChoiceDialog)

    asyncio.run(scenario())
