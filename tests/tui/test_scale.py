"""A 100,000-entity case file opens without loading it all: the list fetches keyset pages."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from casefile.tui.app import CasefileApp
from casefile.tui.screens.main import MainScreen
from casefile.tui.widgets.entity_list import PAGE_SIZE
from tests.conftest import sqlite_only
from tests.tui.bulk import build_large_case
from tests.tui.helpers import SIZE, screen_text, settle

COUNT = 100_000


@pytest.fixture(scope="module")
def large_case(tmp_path_factory: pytest.TempPathFactory) -> str:
    target = str(tmp_path_factory.mktemp("large") / "large.db")
    build_large_case(target, COUNT)
    return target


@sqlite_only("the 100k file is built with SQLite bulk inserts once per module")
def test_100k_case_opens_with_one_page(large_case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import casefile.services.entities as entities

    fetched: list[int] = []
    real = entities.list_entities

    def counting(*args: Any, **kwargs: Any) -> Any:
        page = real(*args, **kwargs)
        fetched.append(len(page.items))
        return page

    monkeypatch.setattr(entities, "list_entities", counting)

    async def scenario() -> None:
        app = CasefileApp(large_case, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            main = app.screen
            assert isinstance(main, MainScreen)
            entity_list = main.entity_list
            assert fetched == [PAGE_SIZE]
            assert entity_list.fetched_rows == PAGE_SIZE
            assert entity_list.border_title == f"{PAGE_SIZE} of {COUNT:,}"
            assert "Event 000004" in screen_text(pilot)
            assert main.dossier is not None

            # Scrolling to the end of what is loaded fetches exactly one more page.
            entity_list.focus()
            await pilot.press("end")
            await settle(pilot)
            assert fetched == [PAGE_SIZE, PAGE_SIZE]
            assert entity_list.border_title == f"{2 * PAGE_SIZE} of {COUNT:,}"

            # A kind tab starts again from one page of that kind.
            main.query_one("#kinds").focus()
            await pilot.press("right")
            await settle(pilot)
            assert fetched[-1] == PAGE_SIZE
            assert entity_list.border_title == f"{PAGE_SIZE} of {COUNT // 5:,}"
            assert all(r.kind == "person" for r in entity_list.items)

            # Search goes to the search service, not the list.
            await pilot.press("slash")
            for key in "099995":
                await pilot.press(key)
            await pilot.press("enter")
            await settle(pilot)
            assert [r.name for r in entity_list.items] == ["Person 099995 Ціханоўская"]
            assert entity_list.border_title == "1 found"
            assert fetched[-1] == PAGE_SIZE, "searching did not page the list"

    asyncio.run(scenario())


def test_large_case_builder_is_real(tmp_path: Path) -> None:
    """The bulk builder writes rows the services read like any others."""
    from casefile.services.entities import count_entities, list_entities
    from casefile.storage.engine import open_database

    target = str(tmp_path / "small.db")
    build_large_case(target, 50)
    db = open_database(target)
    try:
        assert db.read(lambda s: count_entities(s)) == 50
        page = db.read(lambda s: list_entities(s, kind="event", limit=3))
        assert [r.handle for r in page.items] == ["E1", "E2", "E3"]
    finally:
        db.dispose()
