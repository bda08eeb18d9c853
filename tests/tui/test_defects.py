"""Issue 18, defects 4-11, each driven as a user would (the TUI by keyboard, the CLI as a command)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, TextArea

from casefile.services.dossier import load_dossier
from casefile.storage.engine import open_database
from casefile.tui.app import CasefileApp
from casefile.tui.screens.forms.base import FormScreen
from casefile.tui.screens.forms.link_edit_form import LinkEditForm
from casefile.tui.widgets.link_list import LinkList
from casefile.tui.widgets.search_box import SearchBox
from tests.conftest import Cli
from tests.tui.helpers import SIZE, screen_text, settle, type_text
from tests.tui.test_workflow import _id_of, main_screen, shown


def _read(target: str, action: Any) -> Any:
    db = open_database(target)
    try:
        return db.read(action)
    finally:
        db.dispose()


def _write(target: str, action: Any) -> Any:
    db = open_database(target)
    try:
        return db.write(action)
    finally:
        db.dispose()


def test_search_shows_and_opens_its_hit(demo_db: tuple[str, dict[str, str]]) -> None:
    target, _ = demo_db

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            main = main_screen(app)
            await pilot.press("slash")
            await type_text(pilot, "Kellogg")
            await pilot.press("enter")
            await settle(pilot)
            assert shown(app) == "Keith Kellogg", "Enter opens the highlighted hit"
            assert main.entity_list.has_focus
            # "/" again: the old query is selected, so typing replaces it.
            await pilot.press("slash")
            box = main.query_one(SearchBox)
            assert box.has_focus
            assert box.selected_text == "Kellogg"
            await type_text(pilot, "Tsikh")
            await pilot.press("down")  # Down runs the pending query and moves into the list
            await settle(pilot)
            assert box.value == "Tsikh"
            assert main.entity_list.has_focus
            assert shown(app) == "Sviatlana Tikhanovskaya", "the highlighted hit is in the dossier"
            await pilot.press("slash")
            await pilot.press("escape")
            assert main.entity_list.has_focus, "Esc leaves the search box"

    asyncio.run(scenario())


async def _focus_links_of(pilot: Any, entity_id: str) -> LinkList:
    main = main_screen(pilot.app)
    main.open_entity(entity_id)
    await settle(pilot)
    links = main.query_one(LinkList)
    links.focus()
    await pilot.pause()
    return links


def test_cite_on_a_link_says_so_and_refuses_a_duplicate(demo_db: tuple[str, dict[str, str]]) -> None:
    target, handles = demo_db
    coul = _id_of(target, handles["coul"])
    before = _read(target, lambda s: load_dossier(s, ref=handles["coul"]))
    [link] = before.links

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await _focus_links_of(pilot, coul)
            await pilot.press("c")
            await settle(pilot)
            assert f"Cite a source for link {link.handle}" in screen_text(pilot)
            form = app.screen
            assert isinstance(form, FormScreen)
            form.query_one("#cite-source Input", Input).focus()
            await type_text(pilot, "Belarus Under")
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is form, "a duplicate citation is refused"
            assert f"already supports link {link.handle}" in form.message_text

    asyncio.run(scenario())
    after = _read(target, lambda s: load_dossier(s, ref=handles["coul"]))
    assert len(after.links[0].citations) == len(link.citations)


def test_cite_refuses_a_duplicate_in_the_cli(demo_db: tuple[str, dict[str, str]]) -> None:
    target, handles = demo_db
    cli = Cli(target)
    cli.ok("cite", handles["coul"], handles["article"], "--locator", "p. 2")
    again = cli("cite", handles["coul"], handles["article"], "--locator", "p. 2")
    assert again.exit_code != 0
    assert "already supports" in again.stderr
    assert "Traceback" not in again.stderr


def test_d_and_e_on_a_link_act_on_the_link(demo_db: tuple[str, dict[str, str]]) -> None:
    target, handles = demo_db
    coul = _id_of(target, handles["coul"])
    [link] = _read(target, lambda s: load_dossier(s, ref=handles["coul"])).links

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await _focus_links_of(pilot, coul)
            await pilot.press("e")
            await settle(pilot)
            assert isinstance(app.screen, LinkEditForm), "e on a link edits the link, not the person"
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            text = screen_text(pilot)
            assert f"Delete link {link.handle}" in text
            assert f"{len(link.citations)} citation(s)" in text
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert shown(app) == "John Coul", "the person stays"

    asyncio.run(scenario())
    after = _read(target, lambda s: load_dossier(s, ref=handles["coul"]))
    assert after.links == []


def test_entity_delete_count_includes_its_links_citations(demo_db: tuple[str, dict[str, str]]) -> None:
    from casefile.services.entities import describe_removal

    target, handles = demo_db
    dossier = _read(target, lambda s: load_dossier(s, ref=handles["coul"]))
    own = len(dossier.citations) + sum(len(lk.citations) for lk in dossier.links)
    _, counts = _read(target, lambda s: describe_removal(s, ref=handles["coul"]))
    assert own > len(dossier.citations)  # the demo's link is cited
    assert counts["citations"] == own


def test_cited_for_sorts_handles_as_numbers_and_names_links(case_db: str) -> None:
    from casefile.services.citations import CitationInput, cite
    from casefile.services.entities import add_entity
    from casefile.services.fields import EntityFields
    from casefile.services.links import add_link

    def build(s: Any) -> str:
        src = add_entity(s, kind="source", data=EntityFields(name="Report")).handle
        people = [
            add_entity(s, kind="person", data=EntityFields(name=f"Person {i}")).handle for i in range(11)
        ]
        for p in people:
            cite(s, target_ref=p, data=CitationInput(source=src))
        add_link(s, source_ref=people[0], target_ref=people[1], role="spouse of", sources=[src])
        return src

    src = _write(case_db, build)
    cited = _read(case_db, lambda s: load_dossier(s, ref=src)).cited_by
    numbers = [int(c.handle.removeprefix("CI")) for c in cited]
    assert numbers == sorted(numbers)
    assert len(numbers) == 12
    [link_citation] = [c for c in cited if c.target_kind == "link"]
    assert link_citation.target_name == "Person 0 — spouse of → Person 1"

    async def scenario() -> None:
        app = CasefileApp(case_db, refresh_seconds=None)
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(pilot)
            main_screen(app).open_entity(_id_of(case_db, src))
            await settle(pilot)
            text = screen_text(pilot)
            assert "Person 0 — spouse of → Person 1" in text
            assert text.index(" CI2\n") < text.index(" CI10\n") if " CI10\n" in text else True

    asyncio.run(scenario())


def test_screenshot_without_downloads_goes_to_an_existing_folder(
    demo_db: tuple[str, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import casefile.tui.screenshot as screenshot

    target, _ = demo_db
    monkeypatch.setattr(screenshot, "user_downloads_path", lambda: tmp_path / "no-such-Downloads")
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)

    async def scenario() -> list[str]:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.action_screenshot()
            app.action_screenshot(path=str(tmp_path / "missing"))
            await pilot.pause()
            return [str(n.message) for n in app._notifications]

    messages = asyncio.run(scenario())
    [saved] = list(here.glob("*.svg"))
    assert os.stat(saved).st_mode & 0o777 == 0o600
    assert any(f"Saved the screenshot to {saved}" in m for m in messages)
    assert any(f"the folder {tmp_path / 'missing'} does not exist" in m for m in messages)


def test_alias_language_and_case_edits_are_saved(case_db: str) -> None:
    from casefile.services.entities import add_entity
    from casefile.services.fields import EntityFields

    ref = _write(
        case_db,
        lambda s: add_entity(s, kind="person", data=EntityFields(name="Ann"), aliases=["Ala@be", "Xy", "XY"]),
    )

    async def scenario() -> None:
        app = CasefileApp(case_db, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            main_screen(app).open_entity(ref.id)
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            aliases = app.screen.query_one("#f-aliases", TextArea)
            aliases.text = aliases.text.replace("Ala@be", "Ala@ru").replace("XY", "xY")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, FormScreen), screen_text(pilot)

    asyncio.run(scenario())
    saved = _read(case_db, lambda s: load_dossier(s, ref=ref.handle)).aliases
    assert sorted((a.name, a.lang) for a in saved) == [("Ala", "ru"), ("Xy", None), ("xY", None)]


def test_coordinates_can_be_cleared_in_the_form_and_in_edit(case_db: str) -> None:
    from casefile.services.entities import add_entity
    from casefile.services.fields import EntityFields

    cli = Cli(case_db)
    place = _write(
        case_db,
        lambda s: add_entity(
            s, kind="place", data=EntityFields(name="Minsk", latitude=53.9, longitude=27.56)
        ),
    )

    async def scenario() -> None:
        app = CasefileApp(case_db, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            main_screen(app).open_entity(place.id)
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            app.screen.query_one("#f-latitude", Input).value = ""
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, FormScreen), screen_text(pilot)

    asyncio.run(scenario())
    shown_json = cli.json("show", place.handle)
    assert (shown_json["latitude"], shown_json["longitude"]) == (None, 27.56)
    cli.ok("edit", place.handle, "--lon", "")
    assert cli.json("show", place.handle)["longitude"] is None
    bad = cli("edit", place.handle, "--lat", "north")
    assert bad.exit_code == 2
    assert "'north' is not a latitude" in bad.stderr


def test_fingerprint_sees_a_resolution(case_db: str) -> None:
    from casefile.services.changes import fingerprint

    cli = Cli(case_db)
    cli.ok("add", "person", "Ann")
    cli.ok("claim", "add", "Ann", "status", "detained")
    cli.ok("claim", "add", "Ann", "status", "released")
    before = _read(case_db, fingerprint)
    cli.ok("resolve", "CL1", "--prefer", "CL2")
    assert _read(case_db, fingerprint) != before
