"""TUI fixtures: no cursor blink, a demo case file with fixed times."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor would make screenshots depend on timing."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture
def demo_db(case_db: str) -> tuple[str, dict[str, str]]:
    """The demo case file (``casefile demo``) with note times fixed for screenshots."""
    from sqlalchemy import update

    from casefile.services.demo import build_demo
    from casefile.storage.engine import open_database
    from casefile.storage.tables import Note

    db = open_database(case_db)
    handles = db.write(build_demo)
    stamp = "2025-06-22T10:00:00.000000Z"
    db.write(lambda s: s.execute(update(Note).values(created=stamp, updated=stamp)))
    db.dispose()
    return case_db, handles
