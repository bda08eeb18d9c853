"""casefile's benchmark: every operation as a ratio against raw sqlite3, in the same run.

    .venv/bin/python bench/run.py [--size 100000] [--repeat 3] [--seed 1] [--json]

Builds a realistic case file of ``--size`` entities (``casegen.py``), then times each
operation of ``ops.py`` as a real ``python -m casefile`` process and its baseline as
another process, ``--repeat`` times each (interleaved), and prints the medians, their
ratio, the target and the casefile process's peak RSS. It asserts nothing: a missed
target is reported, not failed. ``--profile NAME`` (or ``missed``) re-runs casefile's
side under pyinstrument and prints where the time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import casegen  # noqa: E402
from measure import Sample, clean_env, median, python, run  # noqa: E402
from ops import OPERATIONS, Bench, Operation, Step  # noqa: E402

MIB = 1024.0
LIGHT_SECONDS = 20.0  # what one quick operation (all its runs) takes at 100k on a busy 2-core machine


@dataclass
class Row:
    """One line of the result table."""

    operation: str
    baseline: str
    target: str
    casefile_s: float | None = None
    baseline_s: float | None = None
    ratio: float | None = None
    met: bool | None = None
    casefile_cpu_s: float | None = None
    baseline_cpu_s: float | None = None
    cpu_ratio: float | None = None
    cpu_met: bool | None = None
    casefile_rss_mib: float | None = None
    baseline_rss_mib: float | None = None
    status: str = "ok"
    note: str = ""
    timed_out: bool = False
    samples: dict[str, list[float]] = field(default_factory=dict)


def log(message: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


# -- setup ---------------------------------------------------------------------------
def cli_commands() -> set[tuple[str, ...]]:
    """Every command path the installed casefile CLI offers (``('export', 'json')``...)."""
    import typer.main

    from casefile.cli.app import app

    def walk(command: Any, path: tuple[str, ...]) -> set[tuple[str, ...]]:
        found = {path}
        for name, sub in getattr(command, "commands", {}).items():
            found |= walk(sub, (*path, name))
        return found

    return walk(typer.main.get_command(app), ())


def make_empty(path: Path) -> None:
    """A case file with casefile's schema and no rows."""
    from casefile.storage.engine import open_database

    open_database(str(path)).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def probe_modules(bench: Bench, env: dict[str, str], key: str, args: list[str]) -> list[str]:
    """Run a casefile command once under ``probe.py``; remember the modules it imported."""
    out = bench.work / f"modules-{key}.json"
    sample = run(python(str(HERE / "probe.py"), str(out), "--", *args), env=env)
    if not sample.ok or not out.exists():
        log(f"probe of {key} failed: {sample.stderr.strip()[-300:]}")
        return []
    bench.modules[key] = out
    names: list[str] = json.loads(out.read_text(encoding="utf-8"))
    return names


def deep_position(bench: Bench, env: dict[str, str]) -> None:
    """The cursor of a page 90% deep in the list, for casefile and for the baseline.

    casefile's cursor is opaque, so it is learnt from casefile: if the cursor after its
    first page is the row's ``name_folded``, US, ``id`` (checked against the table), the
    deep one is built the same way; otherwise casefile lists that deep once to say it.
    """
    depth = max(1, int(bench.size * 0.9))

    def key_at(position: int) -> tuple[str, str] | None:
        with sqlite3.connect(bench.case_db) as conn:
            row = conn.execute(
                "SELECT name_folded, id FROM entity ORDER BY name_folded, id LIMIT 1 OFFSET ?",
                (position - 1,),
            ).fetchone()
        return (row[0], row[1]) if row else None

    def cursor_after(limit: int) -> str | None:
        out = bench.work / "cursor.json"
        sample = run(
            bench.casefile(bench.case_db, "list", "--json", "--limit", str(limit)), env=env, stdout=out
        )
        try:
            return json.loads(out.read_text(encoding="utf-8")).get("next") if sample.ok else None
        finally:
            out.unlink(missing_ok=True)

    bench.deep_key = key_at(depth)
    first = key_at(50)
    if first is not None and bench.deep_key is not None and cursor_after(50) == "\x1f".join(first):
        bench.deep_cursor = "\x1f".join(bench.deep_key)
    else:
        bench.deep_cursor = cursor_after(depth)


def make_bundle(bench: Bench, env: dict[str, str]) -> None:
    if ("export", "json") not in bench.commands:
        return
    bundle = bench.work / "bundle.json"
    started = time.perf_counter()
    sample = run(bench.casefile(bench.case_db, "export", "json", str(bundle), "--include-private"), env=env)
    if sample.ok and bundle.exists():
        bench.bundle = bundle
        log(f"bundle written by 'casefile export json' in {time.perf_counter() - started:.1f}s")
    else:
        log(f"export json failed: {sample.stderr.strip()[-300:]}")


def make_persons_bundle(bench: Bench, seed: int) -> None:
    """A bundle of N generated people only (names, aliases, tags): the name index's heaviest import."""
    bundle = bench.work / "persons.json"
    with stage("persons-only bundle"):
        casegen.write_persons_bundle(bench.size, seed, bundle)
    bench.persons_bundle = bundle


def file_sizes(rows: list[Row], bench: Bench) -> list[Row]:
    """Case-file size after each import against the baseline's file (same empty file, same rows)."""
    found = []
    by = {r.operation: r for r in rows}
    for label, stem in (("N-entity", "import"), ("N-person", "import-persons")):
        cf, base = bench.work / f"{stem}-cf.db", bench.work / f"{stem}-base.db"
        row = Row(f"case file size after the {label} import", "raw sqlite3's file", "<= 1.5x")
        imported = by.get(f"import json ({label} bundle, empty file)")
        if imported is None or imported.status != "ok" or imported.timed_out:
            row.status = "n/a (import not measured or killed)"
            found.append(row)
            continue
        if not (cf.exists() and base.exists()):
            row.status = "n/a (import not measured)"
            found.append(row)
            continue
        cf_mib, base_mib = _file_mib(cf), _file_mib(base)
        row.ratio = cf_mib / base_mib
        row.met = row.ratio <= 1.5
        row.note = f"{cf_mib:.1f} MiB vs {base_mib:.1f} MiB"
        found.append(row)
    return found


def _file_mib(path: Path) -> float:
    """The file with its WAL folded in (a checkpoint first), in MiB."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path.stat().st_size / MIB / MIB


def make_encrypted(bench: Bench, env: dict[str, str], cached: Path | None) -> None:
    """An encrypted copy of the case file, made by casefile's own ``encrypt`` command (or ``--cache``)."""
    if ("encrypt",) not in bench.commands:
        return
    target = bench.work / "encrypted.db"
    cached_copy = cached.with_name(f"{cached.stem}-encrypted.db") if cached is not None else None
    if cached_copy is not None and cached_copy.exists():
        shutil.copy2(cached_copy, target)
        bench.encrypted_db = target
        return
    bench.fresh_copy(bench.case_db, target)()
    sample = run(bench.casefile(target, "encrypt"), env={**env, "CASEFILE_PASSPHRASE": bench.passphrase})
    if sample.ok:
        bench.encrypted_db = target
        if cached_copy is not None:
            shutil.copy2(target, cached_copy)
    else:
        bench.notes["encrypted"] = "n/a (encrypt failed)"
        log(f"encrypt failed: {sample.stderr.strip()[-300:]}")


def compile_casefile(env: dict[str, str]) -> None:
    """Cache casefile's bytecode, as an installed package would have it."""
    import casefile

    package = str(Path(casefile.__file__).parent)
    subprocess.run(python("-m", "compileall", "-q", package), env=env, check=False, capture_output=True)


@contextmanager
def stage(what: str) -> Iterator[None]:
    """Log how long a setup step took, in wall time and CPU time (this process and its children)."""
    wall = time.perf_counter()
    cpu = _cpu()
    yield
    log(f"{what}: {time.perf_counter() - wall:.1f}s wall, {_cpu() - cpu:.1f}s CPU")


def _cpu() -> float:
    mine, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


def build_case(args: argparse.Namespace, case_db: Path) -> str:
    """Generate and write the case file (with its search keys and the baseline's index); the hub's handle."""
    with stage(f"generated {args.size} entities"):
        case = casegen.generate(args.size, args.seed)
    log(f"rows: {case.counts()}")
    with stage("wrote the case file"):
        casegen.write(case, case_db)
    hub = case.hub_handle
    del case
    with stage("casefile's derived data (search keys)"):
        casegen.rebuild_derived(case_db)
    with stage("baseline FTS5 index"):
        casegen.add_baseline_fts(case_db)
    return hub


def cache_path(args: argparse.Namespace) -> Path | None:
    """Where ``--cache`` keeps this size and seed, for this generator and this casefile schema."""
    if args.cache is None:
        return None
    import hashlib

    import casefile

    package = Path(casefile.__file__).parent
    digest = hashlib.sha256()
    sources = [HERE / "casegen.py", package / "names.py", package / "dates.py"]
    sources += sorted((package / "storage").rglob("*.py"))
    for source in sources:
        digest.update(source.read_bytes())
    return args.cache.resolve() / f"case-{args.size}-{args.seed}-{digest.hexdigest()[:12]}.db"


def setup(args: argparse.Namespace, work: Path, env: dict[str, str], selected: list[Operation]) -> Bench:
    (work / "out").mkdir(parents=True)
    compile_casefile(env)
    case_db = work / "case.db"
    cached = cache_path(args)
    if cached is not None and cached.exists():
        with stage(f"copied the cached case file {cached.name}"):
            shutil.copy2(cached, case_db)
        hub = json.loads(cached.with_suffix(".json").read_text(encoding="utf-8"))["hub"]
    else:
        hub = build_case(args, case_db)
        if cached is not None:
            with sqlite3.connect(case_db) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cached.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(case_db, cached)
            cached.with_suffix(".json").write_text(json.dumps({"hub": hub}), encoding="utf-8")
    log(f"case file: {case_db.stat().st_size / MIB / MIB:.0f} MiB")
    empty = work / "empty.db"
    make_empty(empty)
    bench = Bench(
        size=args.size,
        work=work,
        case_db=case_db,
        empty_db=empty,
        hub_handle=hub,
        query=casegen.SEARCH_QUERY,
        commands=cli_commands(),
    )
    names = " ".join(op.name for op in selected)
    if "TUI" in names or "graph" in names:  # both compare against the same case at 200 entities
        bench.small_db = work / "small.db"
        casegen.build(200, args.seed, bench.small_db)
    with stage("module probes and the deep cursor"):
        for key, extra in (
            ("search", ["search", bench.query, "--json"]),
            ("list", ["list", "--json", "--limit", "50"]),
            ("show", ["show", hub, "--json"]),
        ):
            if (key,) in bench.commands and key in names:
                probe_modules(bench, env, key, ["--db", str(case_db), *extra])
        for key in ("--version", "--help"):
            loaded = probe_modules(bench, env, key, [key]) if key in names else []
            heavy = sorted({n.split(".")[0] for n in loaded} & {"sqlalchemy", "sqlmodel", "textual"})
            bench.notes[key] = f"imports {', '.join(heavy)}!" if heavy else "no SQLAlchemy/Textual import"
        if "deep page" in names:
            deep_position(bench, env)
    if "encrypted" in names:
        with stage("encrypted copy ('casefile encrypt')"):
            make_encrypted(bench, env, cached)
    return bench


# -- measuring -----------------------------------------------------------------------
def timed(step: Step, env: dict[str, str], timeout: float) -> Sample:
    if step.before is not None:
        step.before()
    return run(step.argv, env={**env, **step.env}, stdout=step.stdout, timeout=timeout)


def measure(op: Operation, bench: Bench, env: dict[str, str], repeat: int, timeout: float) -> Row:
    row = Row(op.name, op.baseline_label, op.target)
    reason = op.missing(bench)
    if reason is not None:
        row.status = reason
        return row
    log(f"measuring {op.name}")
    cf_step, base_step = op.casefile(bench), op.baseline(bench)
    if not op.heavy and repeat > 1:  # warm the page cache and the bytecode caches once, untimed
        timed(cf_step, env, timeout)
        timed(base_step, env, timeout)
    cf: list[Sample] = []
    base: list[Sample] = []
    for _ in range(repeat):
        cf.append(timed(cf_step, env, timeout))
        base.append(timed(base_step, env, timeout))
        if cf[-1].timed_out:  # report a lower bound; do not spend the budget again
            row.timed_out = True
            row.note = f"killed after {timeout:.0f} s (--timeout)"
            break
        failed = next((s for s in (cf[-1], base[-1]) if not s.ok), None)
        if failed is not None:
            side = "casefile" if failed is cf[-1] else "baseline"
            lines = failed.stderr.strip().splitlines() or [f"exit {failed.returncode}"]
            row.status = f"error ({side}): {lines[-1][:160]}"
            return row
    row.samples = {"casefile": [s.seconds for s in cf], "baseline": [s.seconds for s in base]}
    row.casefile_s = median([s.seconds for s in cf])
    row.baseline_s = median([s.seconds for s in base])
    row.casefile_rss_mib = max(s.peak_rss_kib for s in cf) / MIB
    row.baseline_rss_mib = max(s.peak_rss_kib for s in base) / MIB
    row.casefile_cpu_s = median([s.cpu_seconds for s in cf])
    row.baseline_cpu_s = median([s.cpu_seconds for s in base])
    row.ratio = row.casefile_s / row.baseline_s
    row.cpu_ratio = row.casefile_cpu_s / row.baseline_cpu_s if row.baseline_cpu_s else None
    if row.timed_out:
        row.met = row.cpu_met = False
    elif op.mode == "plus":
        row.met = row.casefile_s <= row.baseline_s + op.limit
        row.cpu_met = row.casefile_cpu_s <= row.baseline_cpu_s + op.limit
        row.note = f"+{(row.casefile_s - row.baseline_s) * 1000:.0f} ms"
    else:
        row.met = row.ratio <= op.limit
        row.cpu_met = row.cpu_ratio is not None and row.cpu_ratio <= op.limit
    if op.rss_limit_mib is not None and row.casefile_rss_mib > op.rss_limit_mib and not row.timed_out:
        row.met = False
        row.met = row.cpu_met = False
        row.note = f"RSS {row.casefile_rss_mib:.0f} MiB > {op.rss_limit_mib:.0f}"
    problem = op.check(bench) if op.check is not None and not row.timed_out else None
    if problem:
        row.note = f"{row.note}; {problem}" if row.note else problem
    if op.name in ("--version", "--help"):
        note = bench.notes.get(op.name, "")
        row.note = note
        if note.startswith("imports"):
            row.met = row.cpu_met = False
    return row


def derived(rows: list[Row]) -> list[Row]:
    """Rows computed from others: deep page vs page one; the TUI's RSS growth goes in its note."""
    by = {r.operation: r for r in rows}
    tui = by.get("TUI ready, N entities")
    if tui is not None and tui.casefile_rss_mib is not None and tui.baseline_rss_mib is not None:
        growth = tui.casefile_rss_mib - tui.baseline_rss_mib
        tui.note = f"RSS +{growth:.0f} MiB" + (f"; {tui.note}" if tui.note else "")
        if growth > 20:
            tui.met = tui.cpu_met = False
    first, deep = by.get("list --json, first page (50)"), by.get("list --json, deep page (90%)")
    if first is None or deep is None:
        return []
    page = Row("list: deep page vs page one", "casefile page one", "<= 1.2x")
    if first.casefile_s and deep.casefile_s:
        page.casefile_s, page.baseline_s = deep.casefile_s, first.casefile_s
        page.ratio = deep.casefile_s / first.casefile_s
        page.met = page.ratio <= 1.2
        if first.casefile_cpu_s and deep.casefile_cpu_s:
            page.casefile_cpu_s, page.baseline_cpu_s = deep.casefile_cpu_s, first.casefile_cpu_s
            page.cpu_ratio = deep.casefile_cpu_s / first.casefile_cpu_s
            page.cpu_met = page.cpu_ratio <= 1.2
    else:
        page.status = deep.status if deep.status != "ok" else first.status
    return [page]


# -- reporting -----------------------------------------------------------------------
def fmt_seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


def verdict(row: Row) -> str:
    """``met``/``MISSED`` on wall time, with a hint when CPU time disagrees (a loaded machine)."""
    text = "met" if row.met else "MISSED"
    if row.cpu_met is not None and row.cpu_met != row.met:
        text += " (cpu met)" if row.cpu_met else " (cpu missed)"
    return text


def table(rows: list[Row], args: argparse.Namespace, elapsed: float) -> str:
    header = (
        "operation",
        "casefile",
        "baseline",
        "ratio",
        "cpu ratio",
        "target",
        "result",
        "cf RSS",
        "baseline is",
        "note",
    )
    lines = []
    for r in rows:
        if r.status != "ok":
            lines.append((r.operation, r.status, "", "", "", r.target, "-", "", r.baseline, r.note))
            continue
        lines.append(
            (
                r.operation,
                (">" if r.timed_out else "") + fmt_seconds(r.casefile_s),
                fmt_seconds(r.baseline_s),
                (">" if r.timed_out else "") + (f"{r.ratio:.2f}x" if r.ratio is not None else "-"),
                f"{r.cpu_ratio:.2f}x" if r.cpu_ratio is not None else "-",
                r.target,
                verdict(r),
                f"{r.casefile_rss_mib:.0f} MiB" if r.casefile_rss_mib is not None else "",
                r.baseline,
                r.note,
            )
        )
    widths = [max(len(str(x[i])) for x in [header, *lines]) for i in range(len(header))]
    ok_rows = [line for line in lines if line[1] and not line[1].startswith(("n/a", "error"))]
    widths[1] = max(len(header[1]), *(len(line[1]) for line in ok_rows)) if ok_rows else len(header[1])

    def render(cells: tuple[str, ...]) -> str:
        if cells[1].startswith(("n/a", "error")):
            return f"{cells[0]:<{widths[0]}}  {cells[1]}"
        return "  ".join(f"{c:<{w}}" for c, w in zip(cells, widths, strict=True)).rstrip()

    title = (
        f"casefile benchmark: {args.size} entities, seed {args.seed}, median of {args.repeat} run(s) "
        f"({args.heavy_repeat} for import/export), "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs"
    )
    body = [title, render(header), "  ".join("-" * w for w in widths)]
    body += [render(line) for line in lines]
    body.append(
        "ratio: median wall time of casefile / of the baseline; cpu ratio: the same with user+sys CPU "
        f"time (robust to a loaded machine; load average now {os.getloadavg()[0]:.1f})"
    )
    met = sum(1 for r in rows if r.met)
    missed = sum(1 for r in rows if r.met is False)
    body.append(
        f"{met} met, {missed} missed, {sum(1 for r in rows if r.status != 'ok')} not measured; {elapsed:.0f} s in all"
    )
    return "\n".join(body)


def profile(op: Operation, bench: Bench, env: dict[str, str]) -> str:
    """Re-run casefile's side of ``op`` under pyinstrument; return its text report."""
    step = op.casefile(bench)
    argv = list(step.argv)
    if argv[1:3] != ["-m", "casefile"]:
        return f"(cannot profile {op.name}: not a casefile CLI process)"
    if step.before is not None:
        step.before()
    report = bench.work / f"profile-{len(os.listdir(bench.work))}.txt"
    cmd = [
        argv[0],
        "-m",
        "pyinstrument",
        "--renderer",
        "text",
        "-o",
        str(report),
        "-m",
        "casefile",
        *argv[3:],
    ]
    done = subprocess.run(cmd, env={**env, **step.env}, capture_output=True, text=True, check=False)
    if not report.exists():
        return f"(pyinstrument failed: {done.stderr.strip()[-300:] or 'is it installed? pip install pyinstrument'})"
    return report.read_text(encoding="utf-8")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark casefile against raw sqlite3 in the same run.")
    parser.add_argument("--size", type=int, default=100_000, help="entities in the generated case file")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each side (median reported)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated case file")
    parser.add_argument(
        "--heavy-repeat",
        type=int,
        help="timed runs of import/export (default: --repeat, at most 3, up to 20,000 entities; else 1)",
    )
    parser.add_argument(
        "--timeout", type=float, default=300, help="kill a process after this many seconds (0: never)"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=570,
        help="seconds for the whole run: later processes get shorter timeouts, then are skipped (0: none)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    parser.add_argument(
        "--cache",
        type=Path,
        help="keep generated case files here and reuse them (keyed by size, seed, generator and schema)",
    )
    parser.add_argument(
        "--only", action="append", default=[], help="measure only operations starting with this"
    )
    parser.add_argument(
        "--profile", action="append", default=[], help="profile this operation ('missed': all misses)"
    )
    parser.add_argument(
        "--workdir", type=Path, help="keep the generated files here (default: a temporary folder)"
    )
    args = parser.parse_args(argv)
    if args.size < 60:
        parser.error("--size must be at least 60")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.heavy_repeat is None:
        args.heavy_repeat = min(args.repeat, 3) if args.size <= 20_000 else 1
    if args.heavy_repeat < 1:
        parser.error("--heavy-repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    if args.workdir:
        work = args.workdir.resolve()
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="casefile-bench-"))
    env = clean_env(work / "home")
    os.umask(0o077)
    try:
        selected = [op for op in OPERATIONS if not args.only or any(op.name.startswith(p) for p in args.only)]
        bench = setup(args, work, env, selected)
        rows: list[Row] = []
        deadline = started + args.budget if args.budget else None
        # Import/export first, keeping back what the quick operations need; the table keeps ops.py's order.
        order = [op for op in selected if op.heavy] + [op for op in selected if not op.heavy]
        for position, op in enumerate(order):
            timeout = args.timeout
            if deadline is not None:
                remaining = deadline - time.perf_counter()
                if remaining < 10:
                    rows.append(Row(op.name, op.baseline_label, op.target, status="n/a (--budget used up)"))
                    continue
                later = order[position + 1 :]
                reserve = LIGHT_SECONDS * sum(1 for later_op in later if not later_op.heavy)
                heavy_left = sum(1 for later_op in later if later_op.heavy)
                # casefile's process may use what is left after the reserve, less room for its
                # baseline and for the heavy operations still to come
                share = (remaining - reserve) / (2 + heavy_left) if op.heavy else remaining / 3
                share = max(share, 10.0)
                timeout = min(timeout, share) if timeout else share
            if op.name.startswith("import json (N-entity") and bench.bundle is None:
                make_bundle(bench, env)  # when 'export json' was not measured first
            if op.name.startswith("import json (N-person") and bench.persons_bundle is None:
                make_persons_bundle(bench, args.seed)
            repeat = args.heavy_repeat if op.heavy else args.repeat
            row = measure(op, bench, env, repeat, timeout)
            rows.append(row)
            exported = bench.out("export.json")
            if (
                op.name.startswith("export json")
                and row.status == "ok"
                and not row.timed_out
                and exported.exists()
            ):
                bench.bundle = exported  # the bundle to import is casefile's own export
        rows.sort(key=lambda r: [op.name for op in OPERATIONS].index(r.operation))
        rows += derived(rows) + file_sizes(rows, bench)
        elapsed = time.perf_counter() - started
        profiles: dict[str, str] = {}
        for op in OPERATIONS:
            row = next((r for r in rows if r.operation == op.name), None)
            wanted = op.name in args.profile or (
                "missed" in args.profile and row is not None and row.met is False
            )
            if wanted and row is not None and row.status == "ok":
                log(f"profiling {op.name}")
                profiles[op.name] = profile(op, bench, env)
        if args.json:
            doc = {
                "size": args.size,
                "seed": args.seed,
                "repeat": args.repeat,
                "heavy_repeat": args.heavy_repeat,
                "python": platform.python_version(),
                "sqlite": sqlite3.sqlite_version,
                "cpus": os.cpu_count(),
                "seconds": round(elapsed, 1),
                "rows": [asdict(r) for r in rows],
                "profiles": profiles,
            }
            json.dump(doc, sys.stdout, indent=2, sort_keys=True)
            sys.stdout.write("\n")
        else:
            print(table(rows, args, elapsed))
            for name, text in profiles.items():
                print(f"\n== profile: {name}\n{text}")
        return 1 if any(r.status.startswith("error") for r in rows) else 0
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
