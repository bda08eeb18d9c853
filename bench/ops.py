"""The measured operations: one entry per row of the benchmark table.

Each entry names the casefile command line and the raw-``sqlite3`` baseline that does
the same work, how to judge the ratio, and what it needs: an operation whose command
does not exist in this build yet is reported as "n/a (not built yet)".
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casegen import HUB_LINKS
from measure import python

HERE = Path(__file__).resolve().parent
BASELINE = str(HERE / "baseline.py")


@dataclass
class Step:
    """One process to time: its command line, where its stdout goes, its extra env, what to reset first."""

    argv: list[str]
    stdout: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    before: Callable[[], None] | None = None


@dataclass
class Bench:
    """Everything the operations need to know about this run."""

    size: int
    work: Path
    case_db: Path
    empty_db: Path
    hub_handle: str
    query: str
    commands: set[tuple[str, ...]]
    small_db: Path | None = None
    encrypted_db: Path | None = None
    passphrase: str = "bench passphrase"
    bundle: Path | None = None
    persons_bundle: Path | None = None
    modules: dict[str, Path] = field(default_factory=dict)
    deep_cursor: str | None = None
    deep_key: tuple[str, str] | None = None
    notes: dict[str, str] = field(default_factory=dict)

    def casefile(self, db: Path, *args: str) -> list[str]:
        return python("-m", "casefile", "--db", str(db), *args)

    def out(self, name: str) -> Path:
        return self.work / "out" / name

    def fresh_copy(self, source: Path, target: Path) -> Callable[[], None]:
        """A reset step: ``target`` becomes a copy of ``source`` (no WAL leftovers)."""

        def reset() -> None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            shutil.copy2(source, target)

        return reset

    def fresh_dir(self, target: Path) -> Callable[[], None]:
        def reset() -> None:
            shutil.rmtree(target, ignore_errors=True)

        return reset


@dataclass
class Operation:
    """One row: a casefile process against its baseline, and the target for their ratio.

    ``mode`` is ``ratio`` (casefile / baseline <= limit) or ``plus`` (casefile <=
    baseline + limit seconds). ``requires`` lists CLI command paths that must exist;
    ``ready`` may add another check and returns why the operation cannot run, or None.
    """

    name: str
    casefile: Callable[[Bench], Step]
    baseline: Callable[[Bench], Step]
    limit: float
    target: str
    mode: str = "ratio"
    requires: tuple[tuple[str, ...], ...] = ()
    ready: Callable[[Bench], str | None] | None = None
    rss_limit_mib: float | None = None
    heavy: bool = False
    baseline_label: str = "raw sqlite3"
    check: Callable[[Bench], str | None] | None = None

    def missing(self, bench: Bench) -> str | None:
        for path in self.requires:
            if path not in bench.commands:
                return "n/a (not built yet)"
        return self.ready(bench) if self.ready is not None else None


def _modules(bench: Bench, key: str) -> list[str]:
    path = bench.modules.get(key)
    return ["--modules", str(path)] if path else []


# -- bulk: import and export -----------------------------------------------------
def _import_cf(b: Bench) -> Step:
    target = b.work / "import-cf.db"
    assert b.bundle is not None
    return Step(b.casefile(target, "import", "json", str(b.bundle)), before=b.fresh_copy(b.empty_db, target))


def _import_base(b: Bench) -> Step:
    target = b.work / "import-base.db"
    assert b.bundle is not None
    return Step(
        python(BASELINE, "import-json", str(b.bundle), str(target)), before=b.fresh_copy(b.empty_db, target)
    )


def _import_persons_cf(b: Bench) -> Step:
    target = b.work / "import-persons-cf.db"
    assert b.persons_bundle is not None
    return Step(
        b.casefile(target, "import", "json", str(b.persons_bundle)), before=b.fresh_copy(b.empty_db, target)
    )


def _import_persons_base(b: Bench) -> Step:
    target = b.work / "import-persons-base.db"
    assert b.persons_bundle is not None
    return Step(
        python(BASELINE, "import-json", str(b.persons_bundle), str(target)),
        before=b.fresh_copy(b.empty_db, target),
    )


def _need_persons(b: Bench) -> str | None:
    return None if b.persons_bundle is not None and b.persons_bundle.exists() else "n/a (no persons bundle)"


def _check_persons(b: Bench) -> str | None:
    got = _entity_count(b.work / "import-persons-cf.db")
    return None if got == b.size else f"casefile imported {got} people, not {b.size}"


def _list_all_cf(b: Bench) -> Step:
    return Step(b.casefile(b.case_db, "list", "--json"), b.out("list-all.json"))


def _list_all_base(b: Bench) -> Step:
    return Step(
        python(BASELINE, "list-all", str(b.case_db), *_modules(b, "list")), b.out("list-all-base.json")
    )


def _check_list_all(b: Bench) -> str | None:
    try:
        same = b.out("list-all.json").read_bytes() == b.out("list-all-base.json").read_bytes()
    except OSError:
        same = False
    return None if same else "the rows differ from the baseline's"


def _need_bundle(b: Bench) -> str | None:
    return None if b.bundle is not None and b.bundle.exists() else "n/a (no bundle: export json failed)"


def _export_json_cf(b: Bench) -> Step:
    return Step(b.casefile(b.case_db, "export", "json", str(b.out("export.json")), "--include-private"))


def _export_json_base(b: Bench) -> Step:
    return Step(python(BASELINE, "export-json", str(b.case_db), str(b.out("export-base.json"))))


def _export_md_cf(b: Bench) -> Step:
    target = b.out("vault")
    return Step(
        b.casefile(b.case_db, "export", "markdown", str(target), "--include-private"),
        before=b.fresh_dir(target),
    )


def _export_md_base(b: Bench) -> Step:
    target = b.out("vault-base")
    return Step(python(BASELINE, "export-markdown", str(b.case_db), str(target)), before=b.fresh_dir(target))


# -- reads -------------------------------------------------------------------------
def _search_cf(b: Bench, db: Path | None = None, env: dict[str, str] | None = None) -> Step:
    return Step(b.casefile(db or b.case_db, "search", b.query, "--json"), b.out("search.json"), env or {})


def _search_base(b: Bench) -> Step:
    return Step(
        python(BASELINE, "search", str(b.case_db), b.query, *_modules(b, "search")), b.out("search-base.json")
    )


def _list_cf(b: Bench, db: Path | None = None, env: dict[str, str] | None = None) -> Step:
    return Step(b.casefile(db or b.case_db, "list", "--json", "--limit", "50"), b.out("list.json"), env or {})


def _list_base(b: Bench) -> Step:
    return Step(python(BASELINE, "list", str(b.case_db), *_modules(b, "list")), b.out("list-base.json"))


def _deep_cf(b: Bench) -> Step:
    assert b.deep_cursor is not None
    args = ("list", "--json", "--limit", "50", "--after", b.deep_cursor)
    return Step(b.casefile(b.case_db, *args), b.out("deep.json"))


def _deep_base(b: Bench) -> Step:
    assert b.deep_key is not None
    folded, last = b.deep_key
    argv = python(
        BASELINE, "list", str(b.case_db), "--after-folded", folded, "--after-id", last, *_modules(b, "list")
    )
    return Step(argv, b.out("deep-base.json"))


def _need_cursor(b: Bench) -> str | None:
    return None if b.deep_cursor and b.deep_key else "n/a (no cursor for a deep page)"


def _show_cf(b: Bench) -> Step:
    return Step(b.casefile(b.case_db, "show", b.hub_handle, "--json"), b.out("show.json"))


def _show_base(b: Bench) -> Step:
    return Step(
        python(BASELINE, "show", str(b.case_db), b.hub_handle, *_modules(b, "show")), b.out("show-base.json")
    )


# -- checks that both sides did the same work (run after the timings) -------------------
def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _entity_count(path: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(path) as conn:
            return int(conn.execute("SELECT count(*) FROM entity").fetchone()[0])
    except sqlite3.Error:
        return -1


def _check_import(b: Bench) -> str | None:
    got = _entity_count(b.work / "import-cf.db")
    return None if got == b.size else f"casefile imported {got} entities, not {b.size}"


def _check_search(b: Bench) -> str | None:
    hits = _read_json(b.out("search.json"))
    if not isinstance(hits, list) or not any(h.get("handle") == b.hub_handle for h in hits):
        return f"casefile did not find {b.hub_handle}"
    return None


def _page_ids(path: Path) -> list[str]:
    page = _read_json(path)
    return [i.get("id") for i in page.get("items", [])] if isinstance(page, dict) else []


def _check_list(b: Bench) -> str | None:
    same = _page_ids(b.out("list.json")) == _page_ids(b.out("list-base.json"))
    return None if same else "pages differ from the baseline's"


def _check_deep(b: Bench) -> str | None:
    ids = _page_ids(b.out("deep.json"))
    if not ids or ids != _page_ids(b.out("deep-base.json")):
        return "deep page differs from the baseline's"
    return None


def _check_show(b: Bench) -> str | None:
    dossier = _read_json(b.out("show.json"))
    links = len(dossier.get("links", [])) if isinstance(dossier, dict) else 0
    return None if links == HUB_LINKS else f"dossier has {links} links, not {HUB_LINKS}"


# -- start-up ----------------------------------------------------------------------
def _version_cf(b: Bench) -> Step:
    return Step(python("-m", "casefile", "--version"), b.out("version.txt"))


def _help_cf(b: Bench) -> Step:
    return Step(python("-m", "casefile", "--help"), b.out("help.txt"))


def _typer_base(b: Bench) -> Step:
    return Step(python("-c", "import typer"))


# -- TUI ---------------------------------------------------------------------------
def _tui_probe(b: Bench, db: Path | None) -> Step:
    assert db is not None
    return Step(python(str(HERE / "tui_probe.py"), str(db)), b.out("tui.txt"))


def _need_tui(b: Bench) -> str | None:
    import importlib.util

    try:
        found = importlib.util.find_spec("casefile.tui.app") is not None
    except ModuleNotFoundError:
        found = False
    if not found:
        return "n/a (not built yet)"
    return None if b.small_db is not None else "n/a (no 200-entity file)"


# -- pictures ----------------------------------------------------------------------
def _graph_cf(b: Bench, db: Path | None, name: str) -> Step:
    assert db is not None
    return Step(b.casefile(db, "graph", "--format", "json", "--include-private"), b.out(name))


def _need_small(b: Bench) -> str | None:
    return None if b.small_db is not None else "n/a (no 200-entity file)"


def _check_graph(b: Bench) -> str | None:
    drawn = _read_json(b.out("graph.json"))
    if not isinstance(drawn, dict):
        return "casefile graph printed no JSON"
    nodes = len(drawn.get("nodes", []))
    if not 0 < nodes <= 100 or (b.size > 100 and not drawn.get("capped")):
        return f"whole-case graph drew {nodes} nodes (capped: {drawn.get('capped')}); want 1-100, capped"
    return None


# -- encryption --------------------------------------------------------------------
def _enc_env(b: Bench) -> dict[str, str]:
    return {"CASEFILE_PASSPHRASE": b.passphrase}


def _need_encrypted(b: Bench) -> str | None:
    if b.encrypted_db is None:
        return b.notes.get("encrypted", "n/a (not built yet)")
    return None


OPERATIONS: list[Operation] = [
    Operation(
        "search NAME --json", _search_cf, _search_base, 1.3, "<= 1.3x",
        requires=(("search",),), baseline_label="same imports + FTS5 query", check=_check_search,
    ),
    Operation(
        "list --json, first page (50)", _list_cf, _list_base, 1.3, "<= 1.3x",
        requires=(("list",),), baseline_label="same imports + keyset query", check=_check_list,
    ),
    Operation(
        "list --json, deep page (90%)", _deep_cf, _deep_base, 1.3, "<= 1.3x",
        requires=(("list",),), ready=_need_cursor, baseline_label="same imports + keyset query",
        check=_check_deep,
    ),
    Operation(
        "list --json, all rows", _list_all_cf, _list_all_base, 1.3, "<= 1.3x",
        requires=(("list",),), baseline_label="same imports + select all + orjson", check=_check_list_all,
    ),
    Operation(
        "show REF --json (50 links)", _show_cf, _show_base, 1.3, "<= 1.3x",
        requires=(("show",),), baseline_label="same imports + joins by hand", check=_check_show,
    ),
    Operation("--version", _version_cf, _typer_base, 1.6, "<= 1.6x", baseline_label="python -c 'import typer'"),
    Operation("--help", _help_cf, _typer_base, 1.6, "<= 1.6x", baseline_label="python -c 'import typer'"),
    Operation(
        "TUI ready, N entities", lambda b: _tui_probe(b, b.case_db), lambda b: _tui_probe(b, b.small_db), 2.0,
        "<= 2.0x, RSS +<= 20 MiB", ready=_need_tui, baseline_label="same app, 200 entities",
    ),
    Operation(
        "graph --format json, whole case", lambda b: _graph_cf(b, b.case_db, "graph.json"),
        lambda b: _graph_cf(b, b.small_db, "graph-small.json"), 3.0, "<= 3.0x, bounded output",
        requires=(("graph",),), ready=_need_small, baseline_label="casefile, 200 entities", check=_check_graph,
    ),
    Operation(
        "encrypted search", lambda b: _search_cf(b, b.encrypted_db, _enc_env(b)), lambda b: _search_cf(b), 0.150,
        "<= plain + 150 ms", mode="plus", ready=_need_encrypted, baseline_label="casefile, plain file",
    ),
    Operation(
        "encrypted list (first page)", lambda b: _list_cf(b, b.encrypted_db, _enc_env(b)), lambda b: _list_cf(b),
        0.150, "<= plain + 150 ms", mode="plus", ready=_need_encrypted, baseline_label="casefile, plain file",
    ),
    Operation(
        "export json (whole file)", _export_json_cf, _export_json_base, 2.0, "<= 2.0x",
        requires=(("export", "json"),), heavy=True, baseline_label="select all + json.dump",
    ),
    Operation(
        "import json (N-entity bundle, empty file)", _import_cf, _import_base, 1.5, "<= 1.5x, RSS <= 500 MiB",
        requires=(("import", "json"), ("export", "json")), ready=_need_bundle, rss_limit_mib=500, heavy=True,
        baseline_label="json.load + executemany", check=_check_import,
    ),
    Operation(
        "import json (N-person bundle, empty file)", _import_persons_cf, _import_persons_base, 1.5, "<= 1.5x",
        requires=(("import", "json"),), ready=_need_persons, heavy=True,
        baseline_label="json.load + executemany", check=_check_persons,
    ),
    Operation(
        "export markdown (whole file)", _export_md_cf, _export_md_base, 3.0, "<= 3.0x",
        requires=(("export", "markdown"),), heavy=True, baseline_label="select all + 1 file/row",
    ),
]  # fmt: skip


def by_name(name: str) -> Operation | None:
    for op in OPERATIONS:
        if op.name == name or op.name.split(" (")[0] == name:
            return op
    return None
