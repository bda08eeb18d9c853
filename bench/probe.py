"""Run a casefile command in-process and record which modules it imported.

``python bench/probe.py OUT.json -- --db FILE search NAME --json`` runs the command
exactly as ``python -m casefile`` would and, at exit, writes the sorted names of every
module loaded (casefile's own excluded) to OUT.json. The raw-sqlite3 baselines import
that list, so "a process importing the same libraries" means exactly the same ones.
"""

from __future__ import annotations

import atexit
import json
import sys


def _dump(path: str) -> None:
    names = sorted(
        name
        for name in list(sys.modules)
        if name != "__main__" and not name.startswith(("casefile", "_pytest", "pytest"))
    )
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(names, handle)


def main() -> None:
    out, sep, *args = sys.argv[1:]
    if sep != "--":
        raise SystemExit("usage: probe.py OUT.json -- CASEFILE ARGS...")
    atexit.register(_dump, out)
    sys.argv = ["casefile", *args]
    from casefile.cli.app import main as casefile_main

    casefile_main()


if __name__ == "__main__":
    main()
