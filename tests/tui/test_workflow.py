"""A researcher records an article through the TUI's forms, then navigates and searches it."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.widgets import Checkbox, Input, TextArea

from casefile.tui.app import CasefileApp
from casefile.tui.screens.forms.base import FormScreen
from casefile.tui.screens.main import MainScreen
from casefile.tui.widgets.entity_picker import EntityPicker
from casefile.tui.widgets.link_list import LinkList
from tests.tui.helpers import SIZE, settle, type_text


def main_screen(app: CasefileApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen), f"expected the main screen, got {screen!r}"
    return screen


def form(app: CasefileApp) -> FormScreen[Any]:
    screen = app.screen
    assert isinstance(screen, FormScreen), f"expected a form, got {screen!r}"
    return screen


async def fill(pilot: Any, selector: str, text: str) -> None:
    """Click into a field and type ``text``."""
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await pilot.pause()
    await type_text(pilot, text)


async def pick(pilot: Any, selector: str, text: str) -> None:
    """Type into an entity picker and take the best hit with Enter."""
    picker = pilot.app.screen.query_one(selector, EntityPicker)
    picker.input.focus()
    await pilot.pause()
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


async def save(pilot: Any) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)


def shown(app: CasefileApp) -> str:
    dossier = main_screen(app).dossier
    assert dossier is not None
    return dossier.entity.name


def test_record_link_note_follow_back_search(case_db: str) -> None:
    async def scenario() -> None:
        app = CasefileApp(case_db, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            main_screen(app)

            # A source, through the "new" chooser.
            await pilot.press("n")
            await settle(pilot)
            await pilot.press("s")
            await settle(pilot)
            await fill(pilot, "#f-name", "Belarus releases 14 prisoners")
            await fill(pilot, "#f-published", "2025-06-21")
            await fill(pilot, "#f-reliability", "B")
            await save(pilot)
            assert shown(app) == "Belarus releases 14 prisoners"

            # An event.
            await pilot.press("n")
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            await fill(pilot, "#f-name", "Release of prisoners")
            await fill(pilot, "#f-date", "2025-06-21")
            await save(pilot)
            assert shown(app) == "Release of prisoners"

            # A person with a status and a tag.
            await pilot.press("n")
            await settle(pilot)
            await pilot.press("p")
            await settle(pilot)
            await fill(pilot, "#f-name", "Sviatlana Tsikhanouskaya")
            await fill(pilot, "#f-status", "released")
            await fill(pilot, "#f-tags", "belarus")
            await save(pilot)
            assert shown(app) == "Sviatlana Tsikhanouskaya"

            # Link the person to the event, citing the source.
            await pilot.press("l")
            await settle(pilot)
            await pick(pilot, "#link-target", "Release of")
            await fill(pilot, "#link-role", "took part in")
            await pick(pilot, "#link-sources", "Belarus")
            await fill(pilot, "#link-date", "2025-06-21")
            await save(pilot)
            dossier = main_screen(app).dossier
            assert dossier is not None
            assert [(lk.role, lk.other.name) for lk in dossier.links] == [
                ("took part in", "Release of prisoners")
            ]
            assert [c.source.name for c in dossier.links[0].citations] == ["Belarus releases 14 prisoners"]

            # A citation on the person, with locator, quote and credibility.
            await pilot.press("c")
            await settle(pilot)
            await pick(pilot, "#cite-source", "Belarus")
            await fill(pilot, "#cite-locator", "paragraph 3")
            await fill(pilot, "#cite-quote", "released on 21 June")
            await fill(pilot, "#cite-credibility", "2")
            await save(pilot)

            # A private note.
            await pilot.press("a")
            await settle(pilot)
            await type_text(pilot, "Seen in Vilnius the next day.")
            app.screen.query_one("#note-private", Checkbox).value = True
            await save(pilot)
            dossier = main_screen(app).dossier
            assert dossier is not None
            assert [(n.body, n.private) for n in dossier.notes] == [("Seen in Vilnius the next day.", True)]

            # Follow the link with Enter, then go back with [.
            main_screen(app).query_one(LinkList).focus()
            await pilot.press("enter")
            await settle(pilot)
            assert shown(app) == "Release of prisoners"
            await pilot.press("left_square_bracket")
            await settle(pilot)
            assert shown(app) == "Sviatlana Tsikhanouskaya"
            await pilot.press("right_square_bracket")
            await settle(pilot)
            assert shown(app) == "Release of prisoners"
            await pilot.press("alt+left")
            await settle(pilot)
            assert shown(app) == "Sviatlana Tsikhanouskaya"

            # Find her again by the Belarusian spelling.
            await pilot.press("slash")
            await type_text(pilot, "Ціханоўская")
            await pilot.press("enter")
            await settle(pilot)
            entity_list = main_screen(app).entity_list
            assert [r.name for r in entity_list.items] == ["Sviatlana Tsikhanouskaya"]
            assert entity_list.border_title == "1 found"

    asyncio.run(scenario())

    # What the forms wrote, read back through the services.
    from casefile.services.dossier import load_dossier
    from casefile.storage.engine import open_database

    db = open_database(case_db)
    try:
        person = db.read(lambda s: load_dossier(s, ref="Sviatlana Tsikhanouskaya"))
        source = db.read(lambda s: load_dossier(s, ref="Belarus releases 14 prisoners"))
        event = db.read(lambda s: load_dossier(s, ref="Release of prisoners"))
    finally:
        db.dispose()
    assert person.fields["status"] == "released"
    assert person.tags == ["belarus"]
    assert source.fields["reliability"] == "B"
    assert source.fields["published"] == "2025-06-21"
    assert event.fields["date"] == "2025-06-21"
    [link] = person.links
    assert (link.role, link.direction, link.target.name, link.date) == (
        "took part in",
        "out",
        "Release of prisoners",
        "2025-06-21",
    )
    [citation] = person.citations
    assert (citation.locator, citation.quote, citation.grade) == ("paragraph 3", "released on 21 June", "B2")
    # The note form started with the last source used in the session (issue 18), so it cites it too.
    assert {c.target_kind for c in source.cited_by} == {"link", "entity", "note"}
    [note] = person.notes
    assert note.private
    assert [c.source.name for c in note.citations] == ["Belarus releases 14 prisoners"]


def test_edit_and_delete(demo_db: tuple[str, dict[str, str]]) -> None:
    target, handles = demo_db
    coul = _id_of(target, handles["coul"])  # before the app runs (see test_navigation)

    async def scenario() -> None:
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            main = main_screen(app)
            main.open_entity(coul)
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            name = app.screen.query_one("#f-name", Input)
            name.value = "John Coull"
            app.screen.query_one("#f-aliases", TextArea).text = "Джон Коул@ru"
            await save(pilot)
            assert shown(app) == "John Coull"
            await pilot.press("d")
            await settle(pilot)
            assert "removes 1 link(s)" in str(app.screen.query_one("#delete-summary").content)
            await save(pilot)
            assert shown(app) != "John Coull"
            assert all(r.name != "John Coull" for r in main_screen(app).entity_list.items)

    asyncio.run(scenario())
    from casefile.services.search import search
    from casefile.storage.engine import open_database

    db = open_database(target)
    try:
        assert db.read(lambda s: search(s, query="Coul")) == []
    finally:
        db.dispose()


def _id_of(target: str, handle: str) -> str:
    from casefile.services.refs import resolve_entity
    from casefile.storage.engine import open_database

    db = open_database(target)
    try:
        return db.read(lambda s: resolve_entity(s, handle).id)
    finally:
        db.dispose()
