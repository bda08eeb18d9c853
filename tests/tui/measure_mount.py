"""Measure how long the TUI takes to show a case file, and its memory, at two sizes.

Not a test (no asserts on time): ``python -m tests.tui.measure_mount [--size 100000] [--small 200]``.
Each measurement runs in a fresh interpreter; "ready" means the first page is listed and the
first dossier shown (all workers settled). Memory is the growth of peak RSS while the app runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited over fork+exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_once(target: str) -> dict[str, float]:
    """In this process: open the app on ``target`` and time it until the list shows."""
    import textual.app  # noqa: F401  (import cost is not mount cost)

    from casefile.tui.app import CasefileApp
    from casefile.tui.screens.main import MainScreen
    from tests.tui.helpers import settle

    rss_before = peak_rss_mib()
    result: dict[str, float] = {}

    async def run() -> None:
        start = time.perf_counter()
        app = CasefileApp(target, refresh_seconds=None)
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(pilot)
            main = app.screen
            assert isinstance(main, MainScreen)
            assert main.dossier is not None
            result["ready_ms"] = (time.perf_counter() - start) * 1000
            result["rows_fetched"] = main.entity_list.fetched_rows
            result["total"] = float(main.entity_list.total or 0)

    asyncio.run(run())
    result["rss_growth_mib"] = peak_rss_mib() - rss_before
    result["peak_rss_mib"] = peak_rss_mib()
    return result


def measure(target: str, repeat: int) -> dict[str, float]:
    """Median of ``repeat`` fresh-interpreter runs."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-m", "tests.tui.measure_mount", "--one", target],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_once(args.one)))
        return
    from tests.tui.bulk import build_large_case

    with tempfile.TemporaryDirectory() as folder:
        rows = {}
        for size in (args.small, args.size):
            target = str(Path(folder) / f"case{size}.db")
            build_large_case(target, size)
            rows[size] = measure(target, args.repeat)
    small, large = rows[args.small], rows[args.size]
    print(
        f"{'entities':>10} {'ready ms':>10} {'rows fetched':>13} {'RSS growth MiB':>15} {'peak RSS MiB':>13}"
    )
    for size, row in rows.items():
        print(
            f"{size:>10,} {row['ready_ms']:>10.0f} {row['rows_fetched']:>13.0f} "
            f"{row['rss_growth_mib']:>15.1f} {row['peak_rss_mib']:>13.1f}"
        )
    print(
        f"ratio ready {args.size:,}/{args.small}: {large['ready_ms'] / small['ready_ms']:.2f}x; "
        f"RSS growth difference {large['rss_growth_mib'] - small['rss_growth_mib']:+.1f} MiB"
    )


if __name__ == "__main__":
    main()
