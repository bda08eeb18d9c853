"""Issue 18: every form's checkbox says its state in words, not only by colour."""

from __future__ import annotations

import asyncio

from textual.widgets import Checkbox

from casefile.tui.app import CasefileApp
from casefile.tui.screens.forms.base import FormScreen
from tests.tui.helpers import SIZE, screen_text, settle
from tests.tui.test_workflow import _id_of, main_screen


def test_private_and_reverse_say_no_then_yes(demo_db: tuple[str, dict[str, str]]) -> None:
    target, handles = demo_db
    coul = _id_of(target, handles["coul"])

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            main_screen(app).open_entity(coul)
            await settle(pilot)
            for key, box, words in (
                ("l", "#link-reverse", "Reverse (target → this entity)"),
                ("a", "#note-private", "Private (left out of exports unless asked)"),
                ("e", "#f-private", "Private (left out of exports unless asked)"),
            ):
                await pilot.press(key)
                await settle(pilot)
                assert isinstance(app.screen, FormScreen)
                assert f"{words}: no" in screen_text(pilot)
                app.screen.query_one(box, Checkbox).focus()
                await pilot.press("space")
                await settle(pilot)
                assert f"{words}: yes" in screen_text(pilot)
                await pilot.press("escape")
                await settle(pilot)
                await pilot.press("d")  # discard what was toggled
                await settle(pilot)
                main_screen(app)

    asyncio.run(scenario())
