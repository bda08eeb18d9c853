"""Text from the database is shown as typed: never markup, never raw terminal escapes."""

from __future__ import annotations

import asyncio

from casefile.tui.app import CasefileApp
from casefile.tui.screens.main import MainScreen
from tests.tui.helpers import SIZE, screen_text, settle

HOSTILE = [
    "[bold]x[/]",
    "[link=https://evil.example]click me[/link]",
    "[@click=app.quit]boom[/]",
    "\x1b[31mred\x1b]0;pwned\x07",
    "[0] [/] [",
]


def _build(target: str) -> list[str]:
    from casefile.services.entities import add_entity
    from casefile.services.fields import EntityFields
    from casefile.services.notes import add_note
    from casefile.storage.engine import open_database

    db = open_database(target)
    ids = []
    try:
        for index, name in enumerate(HOSTILE):
            ref = db.write(
                lambda s, n=name, i=index: add_entity(
                    s,
                    kind="person",
                    data=EntityFields(name=n, summary=f"{n} in the summary", status="[red]detained[/]"),
                    aliases=[f"{n} alias {i}"],
                    tags=["[i]tag[/i]"],
                )
            )
            db.write(lambda s, h=ref.handle, n=name: add_note(s, target_ref=h, body=f"note says {n}"))
            ids.append(ref.id)
    finally:
        db.dispose()
    return ids


def test_hostile_names_render_literally(case_db: str) -> None:
    ids = _build(case_db)

    async def scenario() -> None:
        app = CasefileApp(case_db, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            main = app.screen
            assert isinstance(main, MainScreen)
            listing = screen_text(pilot)
            for entity_id, name in zip(ids, HOSTILE, strict=True):
                shown = name.replace("\x1b", "\\x1b").replace("\x07", "\\x07")
                assert shown[:20] in listing, f"list row for {name!r}"
                main.open_entity(entity_id)
                await settle(pilot)
                text = screen_text(pilot)
                assert shown in text
                assert shown in text.splitlines()[0], "the header names the dossier literally"
                assert f"{shown} alias" in text
                assert f"{shown} in the summary" in text
                assert f"note says {shown}" in text
                assert "status: [red]detained[/]" in text
                assert "#[i]tag[/i]" in text
                assert "\x1b" not in text
                assert "\x07" not in text
            # The palette shows the same names literally.
            await pilot.press("ctrl+p")
            await settle(pilot)
            for key in "boom":
                await pilot.press(key)
            await settle(pilot)
            assert "[@click=app.quit]boom[/]" in screen_text(pilot)
            await pilot.press("escape")
            assert app.is_running

    asyncio.run(scenario())
