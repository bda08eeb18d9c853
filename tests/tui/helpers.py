"""Driving the TUI in tests: wait for workers and messages, read what the screen shows."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from textual.pilot import Pilot
from textual.worker import WorkerState

SIZE = (140, 40)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until no worker is pending or running and their messages are handled."""
    app = pilot.app
    for _ in range(500):
        await app.workers.wait_for_complete()
        await pilot.pause()
        busy = [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        if not busy and _keys_pending(app):
            continue  # keys typed are still queued for a screen that is not ready yet
        if not busy:
            await pilot.pause()
            if not [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]:
                return
    raise AssertionError("workers never settled")


def _keys_pending(app: Any) -> bool:
    """casefile's app delivers keys one at a time, to a screen ready for them."""
    return bool(getattr(app, "key_queue", None) or getattr(app, "key_in_flight", False))


def screen_text(pilot: Pilot[Any]) -> str:
    """The characters on screen, as a user would read them."""
    app = pilot.app
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, color_system=None)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` key by key into the focused widget."""
    keys = ["space" if ch == " " else ch for ch in text]
    await pilot.press(*keys)
