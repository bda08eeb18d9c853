"""Start casefile's TUI headless on a case file and stop as soon as its entity list shows rows.

``python bench/tui_probe.py CASE.db`` runs the real app under ``App.run_test()``, waits
until the entity list (a DataTable, ListView, OptionList or the app's own list widget)
holds at least one row, prints the seconds from process start to that moment, and exits.
The benchmark times the whole process and reads its peak RSS.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import sys
import time

STARTED = time.perf_counter()
TIMEOUT = 300.0


def make_app(db: str) -> object:
    """casefile's Textual app on ``db`` (whatever the module calls its class or factory)."""
    module = importlib.import_module("casefile.tui.app")
    from textual.app import App

    for name in ("make_app", "create_app", "build_app"):
        factory = getattr(module, name, None)
        if callable(factory):
            return factory(db)
    classes = [
        obj
        for obj in vars(module).values()
        if inspect.isclass(obj)
        and issubclass(obj, App)
        and obj is not App
        and obj.__module__ == module.__name__
    ]
    if not classes:
        raise SystemExit("casefile.tui.app has no App subclass")
    cls = classes[0]
    params = inspect.signature(cls).parameters
    # No periodic refresh: the probe measures start-up, not a timer.
    extra = {"refresh_seconds": None} if "refresh_seconds" in params else {}
    for keyword in ("db_target", "db", "target", "database", "path"):
        if keyword in params:
            return cls(**{keyword: db}, **extra)
    return cls(db, **extra)


def rows_shown(app: object) -> int:
    """How many entity rows the app's list widgets show right now."""
    count = 0
    for widget in app.screen.query("*"):  # type: ignore[attr-defined]
        name = type(widget).__name__
        if name == "DataTable":
            count = max(count, widget.row_count)
        elif name == "OptionList":
            count = max(count, widget.option_count)
        elif name == "ListView":
            count = max(count, len(widget.children))
        for attribute in ("fetched_rows", "rows_loaded"):
            value = getattr(widget, attribute, None)
            if isinstance(value, int):
                count = max(count, value)
    return count


async def wait_ready(db: str) -> float:
    app = make_app(db)
    async with app.run_test(size=(140, 45)) as pilot:  # type: ignore[attr-defined]
        while rows_shown(app) == 0:
            if time.perf_counter() - STARTED > TIMEOUT:
                raise SystemExit("the entity list never showed a row")
            await pilot.pause(0.01)
        ready = time.perf_counter() - STARTED
        app.exit()  # type: ignore[attr-defined]
    return ready


def main() -> None:
    ready = asyncio.run(wait_ready(sys.argv[1]))
    print(f"ready after {ready:.3f}s")


if __name__ == "__main__":
    main()
