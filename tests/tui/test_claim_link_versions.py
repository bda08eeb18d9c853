"""Issue 18, defect 1 for claims and links: the edit forms never overwrite another process's change."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from typing import Any

import pytest

from casefile.tui.app import CasefileApp
from casefile.tui.screens.choice_dialog import ChoiceDialog
from casefile.tui.screens.claims import ClaimsScreen
from casefile.tui.screens.forms.claim_form import ClaimForm
from casefile.tui.screens.forms.link_edit_form import LinkEditForm
from casefile.tui.screens.main import MainScreen
from tests.conftest import run_casefile
from tests.tui.feature_case import build_feature_case, rows
from tests.tui.helpers import SIZE, screen_text, settle, type_text
from tests.tui.test_claims_screen import open_dossier

CLAIM_SQL = "SELECT value, as_of_text FROM claim WHERE handle = 'CL1'"


@pytest.fixture
def feature_db(case_db: str) -> tuple[str, dict[str, str]]:
    return case_db, build_feature_case(case_db)


async def _claim_form_with_my_value(pilot: Any, person: str) -> None:
    """Open CL1's edit form (detained, as of 2025-06) and type a new value."""
    await settle(pilot)
    await open_dossier(pilot, person)
    await pilot.press("k")
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ClaimForm)
    await pilot.press("tab", "ctrl+u")
    await type_text(pilot, "in custody")


async def _save_over(pilot: Any, target: str, *other: str) -> None:
    """ANOTHER PROCESS changes the record, then the form saves: it must ask, not overwrite."""
    result = await asyncio.to_thread(run_casefile, *other, db=target)
    assert result.exit_code == 0, result.stderr
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ChoiceDialog), "the save must not overwrite silently"


def test_claim_edit_over_another_process_take_theirs(feature_db: tuple[str, dict[str, str]]) -> None:
    target, h = feature_db

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await _claim_form_with_my_value(pilot, h["person"])
            await _save_over(pilot, target, "claim", "edit", "CL1", "--as-of", "2025-07")
            text = screen_text(pilot)
            assert "CL1 was changed by someone else" in text
            assert "in custody" in text  # mine …
            assert "2025-07" in text  # … beside theirs
            assert rows(target, CLAIM_SQL) == [("detained", "2025-07")]  # nothing written yet
            await pilot.press("t")
            await settle(pilot)
            assert isinstance(app.screen, ClaimsScreen)

    asyncio.run(scenario())
    assert rows(target, CLAIM_SQL) == [("detained", "2025-07")]


def test_claim_edit_over_another_process_re_edit_then_save(feature_db: tuple[str, dict[str, str]]) -> None:
    target, h = feature_db

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await _claim_form_with_my_value(pilot, h["person"])
            await _save_over(pilot, target, "claim", "edit", "CL1", "--as-of", "2025-07")
            await pilot.press("r")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, ClaimForm)
            # The field I had not touched shows their value; mine stays.
            assert form.shown_values()["as-of"] == "2025-07"
            assert form.shown_values()["value"] == "in custody"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, ClaimsScreen), screen_text(pilot)

    asyncio.run(scenario())
    assert rows(target, CLAIM_SQL) == [("in custody", "2025-07")]


def _edit_link_note_in_another_process(target: str, handle: str) -> None:
    """No CLI command edits a link: a second Python process calls the service, as a colleague's TUI."""
    code = (
        "import sys\n"
        "from casefile.storage.engine import open_database\n"
        "from casefile.services.link_edit import LinkEdit, edit_link\n"
        "db = open_database(sys.argv[1])\n"
        "db.write(lambda s: edit_link(s, ref=sys.argv[2], edit=LinkEdit(note='theirs: since 1996')))\n"
        "db.dispose()\n"
    )
    subprocess.run([sys.executable, "-c", code, target, handle], check=True, timeout=120)


def test_link_edit_over_another_process_keep_mine(feature_db: tuple[str, dict[str, str]]) -> None:
    target, h = feature_db
    link_sql = "SELECT role, note FROM link WHERE handle = :h"

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
            await asyncio.to_thread(_edit_link_note_in_another_process, target, h["link"])
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, ChoiceDialog), "the save must not overwrite silently"
            text = screen_text(pilot)
            assert f"{h['link']} was changed by someone else" in text
            assert "theirs: since 1996" in text
            assert rows(target, link_sql, h=h["link"]) == [("member of", "theirs: since 1996")]
            await pilot.press("k")  # keep mine: every field as the form shows it
            await settle(pilot)
            assert isinstance(app.screen, MainScreen), screen_text(pilot)

    asyncio.run(scenario())
    assert rows(target, link_sql, h=h["link"]) == [("founder of", None)]


def test_cli_claim_edits_in_two_processes_both_land(feature_db: tuple[str, dict[str, str]]) -> None:
    """`claim edit` reads and writes in one transaction: concurrent edits of two fields both stay."""
    target, _ = feature_db
    results: list[Any] = []
    threads = [
        threading.Thread(
            target=lambda a=args: results.append(run_casefile("claim", "edit", "CL1", *a, db=target))
        )
        for args in (["--value", "in custody"], ["--as-of", "2025-07"])
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert [r.exit_code for r in results] == [0, 0], [r.stderr for r in results]
    assert rows(target, CLAIM_SQL) == [("in custody", "2025-07")]
