"""Timeline screen, command palette, and changes made by another process."""

from __future__ import annotations

import asyncio

from casefile.tui.app import CasefileApp
from casefile.tui.screens.main import MainScreen
from casefile.tui.screens.timeline import TimelineScreen
from casefile.tui.widgets.timeline_list import TimelineList
from tests.conftest import run_casefile
from tests.tui.helpers import SIZE, screen_text, settle, type_text


def _main(app: CasefileApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


def test_timeline_screen_opens_a_dossier(demo_db: tuple[str, dict[str, str]]) -> None:
    target, _ = demo_db

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("t")
            await settle(pilot)
            assert isinstance(app.screen, TimelineScreen)
            timeline = app.screen.query_one(TimelineList)
            bounds = [(i.lower, i.upper) for i in timeline.items]
            assert bounds == sorted(bounds)
            assert {i.what for i in timeline.items} == {"event", "link"}
            assert "Keith Kellogg's visit to Minsk" in screen_text(pilot)
            event_index = next(i for i, item in enumerate(timeline.items) if item.handle == "E2")
            timeline.move_quietly(event_index)
            await pilot.press("enter")
            await settle(pilot)
            main = _main(app)
            assert main.dossier is not None
            assert main.dossier.entity.handle == "E2"

    asyncio.run(scenario())


def test_palette_jumps_by_alias_in_another_script(demo_db: tuple[str, dict[str, str]]) -> None:
    target, handles = demo_db

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p")
            await settle(pilot)
            await type_text(pilot, "Тихановская")
            await settle(pilot)
            assert "Sviatlana Tikhanovskaya" in screen_text(pilot)
            await pilot.press("enter")
            await settle(pilot)
            main = _main(app)
            assert main.dossier is not None
            assert main.dossier.entity.handle == handles["tikhanovskaya"]

    asyncio.run(scenario())


def test_changes_from_the_cli_show_on_refresh(demo_db: tuple[str, dict[str, str]]) -> None:
    target, handles = demo_db
    # Resolve before the app runs: opening the file again in this process (open/close of the
    # file) would drop the app's SQLite POSIX locks, a hazard of the same process, not of the CLI.
    kellogg = _entity_id(target, handles["kellogg"])

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            main = _main(app)
            main.open_entity(kellogg)
            await settle(pilot)

            # Another process adds a person: the focus/interval check picks it up.
            added = run_casefile("add", "person", "Aaron Added Elsewhere", db=target)
            assert added.exit_code == 0, added.stderr
            app.action_refresh_case_quietly()
            await settle(pilot)
            assert "Aaron Added Elsewhere" in [r.name for r in main.entity_list.items]

            # Another process edits the open dossier: ctrl+r shows it.
            edited = run_casefile("edit", handles["kellogg"], "--status", "in office", db=target)
            assert edited.exit_code == 0, edited.stderr
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert main.dossier is not None
            assert main.dossier.fields["status"] == "in office", (
                main.dossier.entity,
                main.history._items,
                edited,
            )
            assert "status: in office" in screen_text(pilot)

            # And removes it: the pane lets go of it instead of failing.
            removed = run_casefile("remove", handles["kellogg"], "--yes", db=target)
            assert removed.exit_code == 0, removed.stderr
            await pilot.press("f5")
            await settle(pilot)
            assert main.dossier is None or main.dossier.entity.handle != handles["kellogg"]
            assert "Keith Kellogg" not in [r.name for r in main.entity_list.items]

    asyncio.run(scenario())


def _entity_id(target: str, handle: str) -> str:
    from casefile.services.refs import resolve_entity
    from casefile.storage.engine import open_database

    db = open_database(target)
    try:
        return db.read(lambda s: resolve_entity(s, handle).id)
    finally:
        db.dispose()


def test_mouse_picks_a_row_and_ctrl_q_quits(demo_db: tuple[str, dict[str, str]]) -> None:
    target, _ = demo_db

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            main = _main(app)
            third = main.entity_list.items[2]
            await pilot.click("#entities", offset=(10, 3))  # border row, then rows 0, 1, 2
            await settle(pilot)
            assert main.dossier is not None
            assert main.dossier.entity.id == third.id
            await pilot.click("#kinds", offset=(10, 0))  # "People"
            await settle(pilot)
            assert {r.kind for r in main.entity_list.items} == {"person"}
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert app.return_code == 0

    asyncio.run(scenario())


def test_claims_show_with_sources_and_conflicts(demo_db: tuple[str, dict[str, str]]) -> None:
    target, handles = demo_db
    release, article = handles["release"], handles["article"]
    release_id, article_id = _entity_id(target, release), _entity_id(target, article)
    for value, as_of in (("14", "2025-06-21"), ("13", "2025-06-21")):
        done = run_casefile(
            "claim", release, "released_count", value, "--source", article, "--as-of", as_of, db=target
        )
        assert done.exit_code == 0, done.stderr

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            main = _main(app)
            main.open_entity(release_id)
            await settle(pilot)
            text = screen_text(pilot)
            assert "⚠ released_count = 14  as of 2025-06-21  per S1 B?" in text
            assert "⚠ released_count = 13" in text
            main.open_entity(article_id)
            await settle(pilot)
            text = screen_text(pilot)
            assert "Claims it backs" in text
            assert f"{release} released_count = 13" in text

    asyncio.run(scenario())
