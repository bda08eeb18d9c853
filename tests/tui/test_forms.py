"""Forms given bad input show one sentence and write nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select

from casefile.tui.app import CasefileApp
from casefile.tui.screens.error_dialog import ErrorDialog
from casefile.tui.screens.forms.base import FormScreen
from casefile.tui.widgets.entity_picker import EntityPicker
from tests.conftest import snapshot_database
from tests.tui.helpers import SIZE, settle, type_text


@pytest.mark.parametrize(
    ("kind_key", "fields", "message"),
    [
        ("p", {"#f-name": "   "}, "A name cannot be empty."),
        ("p", {"#f-name": "Ann", "#f-born": "the spring of 1990"}, "is not a date"),
        ("l", {"#f-name": "Somewhere", "#f-latitude": "north"}, "'north' is not a latitude"),
        ("l", {"#f-name": "Somewhere", "#f-longitude": "200"}, "not a longitude"),
        ("s", {"#f-name": "A report", "#f-reliability": "Z"}, "'Z' is not a reliability grade"),
        ("s", {"#f-name": "A report", "#f-file": "/nonexistent/file.pdf"}, "There is no file"),
        ("e", {"#f-name": "A trial", "#f-date": "2025-13-45"}, "not a date"),
    ],
)
def test_bad_input_shows_message_and_writes_nothing(
    demo_db: tuple[str, dict[str, str]], kind_key: str, fields: dict[str, str], message: str
) -> None:
    target, _ = demo_db
    before = snapshot_database(target)

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            await pilot.press(kind_key)
            await settle(pilot)
            for selector, text in fields.items():
                app.screen.query_one(selector, Input).focus()
                await type_text(pilot, text)
            await pilot.press("ctrl+s")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, FormScreen), "the form stays open"
            assert message in form.message_text
            assert form.query_one("#form-message").display

    asyncio.run(scenario())
    assert snapshot_database(target) == before


def test_link_without_target_or_role_is_refused(demo_db: tuple[str, dict[str, str]]) -> None:
    target, _ = demo_db
    before = snapshot_database(target)

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("l")
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, FormScreen)
            assert "Pick the entity to link to" in form.message_text
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, FormScreen)
            assert app.screen.message_text == "A note cannot be empty."

    asyncio.run(scenario())
    assert snapshot_database(target) == before


def test_create_an_organization_and_a_place(case_db: str) -> None:
    async def scenario() -> None:
        app = CasefileApp(case_db, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            for key, values in (
                ("o", {"#f-name": "Viasna", "#f-type": "NGO"}),
                (
                    "l",
                    {
                        "#f-name": "Minsk",
                        "#f-country": "Belarus",
                        "#f-latitude": "53.9",
                        "#f-longitude": "27.5667",
                    },
                ),
            ):
                await pilot.press("n")
                await settle(pilot)
                await pilot.press(key)
                await settle(pilot)
                for selector, text in values.items():
                    app.screen.query_one(selector, Input).focus()
                    await type_text(pilot, text)
                await pilot.press("ctrl+s")
                await settle(pilot)
                assert not isinstance(app.screen, FormScreen)
            # An event at that place, picked by search in the form.
            await pilot.press("n")
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            await type_text(pilot, "Protest in Minsk")
            picker = app.screen.query_one("#f-place", EntityPicker)
            picker.input.focus()
            await type_text(pilot, "Мінск")
            await pilot.press("enter")
            await settle(pilot)
            assert [r.name for r in picker.chosen] == ["Minsk"]
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, FormScreen)

    asyncio.run(scenario())
    from casefile.services.dossier import load_dossier
    from casefile.storage.engine import open_database

    db = open_database(case_db)
    try:
        org = db.read(lambda s: load_dossier(s, ref="Viasna"))
        place = db.read(lambda s: load_dossier(s, ref="Minsk"))
        event = db.read(lambda s: load_dossier(s, ref="Protest in Minsk"))
    finally:
        db.dispose()
    assert (org.entity.kind, org.fields["type"]) == ("organization", "NGO")
    assert (place.fields["country"], place.fields["latitude"], place.fields["longitude"]) == (
        "Belarus",
        53.9,
        27.5667,
    )
    assert event.fields["place"]["name"] == "Minsk"


def test_a_case_file_that_cannot_open_says_why(tmp_path: Path) -> None:
    async def scenario() -> None:
        app = CasefileApp(str(tmp_path), refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, ErrorDialog)
            assert "is a folder, not a case file" in str(app.screen.query_one("#error-message").content)
            await pilot.press("enter")
            await pilot.pause()
        assert app.return_code == 1

    asyncio.run(scenario())


def test_export_form_writes_a_vault_and_a_bundle(demo_db: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    """The export form writes what the CLI's export writes: a Markdown vault or a JSON bundle."""
    target, _ = demo_db

    async def export(path: Path, fmt: str) -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("x")
            await settle(pilot)
            app.screen.query_one("#export-format", Select).value = fmt
            app.screen.query_one("#export-one", Checkbox).value = False
            app.screen.query_one("#export-path", Input).value = str(path)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, FormScreen)

    asyncio.run(export(tmp_path / "vault", "markdown"))
    assert (tmp_path / "vault" / "index.md").is_file()
    people = sorted(p.name for p in (tmp_path / "vault" / "people").glob("*.md"))
    assert "sviatlana-tikhanovskaya.md" in people
    assert "Contact details kept offline" not in "".join(
        p.read_text(encoding="utf-8") for p in (tmp_path / "vault").rglob("*.md")
    )
    asyncio.run(export(tmp_path / "bundle.json", "json"))
    bundle = (tmp_path / "bundle.json").read_text(encoding="utf-8")
    assert '"format": "casefile"' in bundle or '"format":"casefile"' in bundle
    assert "Sviatlana Tikhanovskaya" in bundle
