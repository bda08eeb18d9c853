"""The raw-``sqlite3`` baselines: the same work as a casefile command, by hand.

Each subcommand runs as its own process, like the casefile command it is compared
with. The read baselines (search, list, show) first import the modules the casefile
command imported (``--modules FILE`` from ``probe.py``), so the comparison is the cost
of casefile's own code, not of Python and its libraries. This file must not import
casefile.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any


def import_modules(path: str | None) -> None:
    """Import every module a casefile process imported (best effort, in any order).

    With the garbage collector paused and the results frozen, as casefile's own start-up
    does: so the ratio is the cost of casefile's code, not of a GC trick on the imports.
    """
    if not path:
        return
    gc.disable()
    for name in json.loads(Path(path).read_text(encoding="utf-8")):
        if name in sys.modules:
            continue
        try:
            importlib.import_module(name)
        except Exception:  # some modules only import as a side effect of others
            continue
    gc.freeze()
    gc.enable()


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def emit(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
    sys.stdout.write("\n")


def fold(text: str) -> str:
    from anyascii import anyascii

    return " ".join("".join(c if c.isalnum() else " " for c in anyascii(text).casefold()).split())


# -- read baselines -------------------------------------------------------------
def search(args: argparse.Namespace) -> None:
    """One FTS5 (trigram) query over names and aliases."""
    import_modules(args.modules)
    conn = connect(args.db)
    rows = conn.execute(
        "SELECT DISTINCT e.id, e.handle, e.kind, e.name, e.private FROM bench_name_fts f "
        "JOIN entity e ON e.id = f.entity_id WHERE bench_name_fts MATCH ? LIMIT 20",
        ('"' + fold(args.query).replace('"', '""') + '"',),
    ).fetchall()
    emit([{**dict(r), "private": bool(r["private"])} for r in rows])


def list_page(args: argparse.Namespace) -> None:
    """One keyset query for a page of entities ordered by folded name then id."""
    import_modules(args.modules)
    conn = connect(args.db)
    base = "SELECT id, handle, kind, name, private, name_folded FROM entity"
    if args.after_folded is not None:
        rows = conn.execute(
            base + " WHERE name_folded > ? OR (name_folded = ? AND id > ?) ORDER BY name_folded, id LIMIT ?",
            (args.after_folded, args.after_folded, args.after_id, args.limit + 1),
        ).fetchall()
    else:
        rows = conn.execute(base + " ORDER BY name_folded, id LIMIT ?", (args.limit + 1,)).fetchall()
    page = rows[: args.limit]
    items = [
        {k: r[k] for k in ("id", "handle", "kind", "name")} | {"private": bool(r["private"])} for r in page
    ]
    cursor = f"{page[-1]['name_folded']}\x1f{page[-1]['id']}" if len(rows) > args.limit else None
    emit({"items": items, "next": cursor})


def show(args: argparse.Namespace) -> None:
    """An entity's dossier: aliases, tags, links with both ends, notes and citations."""
    import_modules(args.modules)
    conn = connect(args.db)
    entity = dict(conn.execute("SELECT * FROM entity WHERE handle = ?", (args.handle,)).fetchone())
    eid = entity["id"]
    aliases = [dict(r) for r in conn.execute("SELECT * FROM alias WHERE entity_id = ? ORDER BY name", (eid,))]
    tags = [r[0] for r in conn.execute("SELECT tag FROM tag WHERE entity_id = ? ORDER BY tag", (eid,))]
    links = [
        dict(r)
        for r in conn.execute(
            "SELECT l.*, s.handle AS source_handle, s.name AS source_name, s.kind AS source_kind, "
            "t.handle AS target_handle, t.name AS target_name, t.kind AS target_kind "
            "FROM link l JOIN entity s ON s.id = l.source_id JOIN entity t ON t.id = l.target_id "
            "WHERE l.source_id = ? OR l.target_id = ? ORDER BY l.role, l.handle",
            (eid, eid),
        )
    ]
    notes = [
        dict(r)
        for r in conn.execute("SELECT * FROM note WHERE entity_id = ? ORDER BY created, handle", (eid,))
    ]
    targets = [eid, *(lk["id"] for lk in links), *(n["id"] for n in notes)]
    marks = ",".join("?" * len(targets))
    citations = [
        dict(r)
        for r in conn.execute(
            "SELECT c.*, s.handle AS source_handle, s.name AS source_name FROM citation c "
            f"JOIN entity s ON s.id = c.source_id WHERE c.entity_id IN ({marks}) "
            f"OR c.link_id IN ({marks}) OR c.note_id IN ({marks}) ORDER BY c.handle",
            targets * 3,
        )
    ]
    emit({**entity, "aliases": aliases, "tags": tags, "links": links, "notes": notes, "citations": citations})


# -- bulk baselines ---------------------------------------------------------------
TABLES = ("entity", "alias", "tag", "link", "note", "citation", "claim", "claim_resolution")


def export_json(args: argparse.Namespace) -> None:
    """Select every row of every table and json.dump them to one file."""
    conn = connect(args.db)
    bundle = {
        table: [dict(r) for r in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid')] for table in TABLES
    }
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(bundle, handle, ensure_ascii=False, indent=1, sort_keys=True)


def export_markdown(args: argparse.Namespace) -> None:
    """Select every entity (with its aliases) and write one Markdown file per row."""
    conn = connect(args.db)
    out = Path(args.out)
    rows = conn.execute(
        "SELECT e.*, (SELECT group_concat(a.name, char(31)) FROM alias a WHERE a.entity_id = e.id) AS aliases "
        "FROM entity e ORDER BY e.kind, e.handle"
    )
    made: set[str] = set()
    for row in rows:
        folder = out / row["kind"]
        if row["kind"] not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(row["kind"])
        aliases = row["aliases"].split("\x1f") if row["aliases"] else []
        keys = [key for key in row.keys() if key != "aliases"]  # noqa: SIM118 - a sqlite3.Row
        front = "\n".join(f"{key}: {json.dumps(row[key], ensure_ascii=False)}" for key in keys)
        text = f"---\n{front}\naliases: {json.dumps(aliases, ensure_ascii=False)}\n---\n\n# {row['name']}\n\n{row['summary']}\n"
        (folder / f"{row['handle']}.md").write_text(text, encoding="utf-8")
    (out / "index.md").write_text("# Index\n", encoding="utf-8")


SECTION_TABLES = {
    "entities": "entity",
    "aliases": "alias",
    "links": "link",
    "notes": "note",
    "citations": "citation",
    "claims": "claim",
    "claim_resolutions": "claim_resolution",
    "resolutions": "claim_resolution",
}
RENAMED = {("entity", "type"): "category", ("alias", "kind"): "alias_kind"}


def _mapper(conn: sqlite3.Connection, table: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Bundle record -> row: same-named columns, ``type``->``category``, a date ``x`` -> ``x_text``."""
    columns = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}

    def column(key: str) -> str | None:
        name = RENAMED.get((table, key), key)
        if name in columns:
            return name
        return f"{key}_text" if f"{key}_text" in columns else None

    cache: dict[str, str | None] = {}

    def to_row(record: dict[str, Any]) -> dict[str, Any]:
        row = {}
        for key, value in record.items():
            if key not in cache:
                cache[key] = column(key)
            name = cache[key]
            if name is not None and not isinstance(value, list | dict):
                row[name] = value
        if "name" in row and "name_folded" in columns:  # the derived keys casefile also computes
            row["name_folded"] = fold(row["name"])
            row["name_exact"] = " ".join(row["name"].casefold().split())
        return row

    return to_row


def bundle_rows(
    conn: sqlite3.Connection, bundle: dict[str, Any]
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """The rows of every table a casefile bundle fills, parents first."""
    for key, table in SECTION_TABLES.items():
        records = bundle.get(key)
        if not isinstance(records, list):
            continue
        to_row = _mapper(conn, table)
        rows = [to_row(r) for r in records]
        yield table, rows
        if table == "entity":
            to_alias = _mapper(conn, "alias")
            aliases = [{**to_alias(a), "entity_id": r["id"]} for r in records for a in r.get("aliases", [])]
            yield "alias", aliases
            yield "tag", [{"entity_id": r["id"], "tag": t} for r in records for t in r.get("tags", [])]


def list_all(args: argparse.Namespace) -> None:
    """Every entity in name order as ``list --json`` prints it, dumped by orjson (the fast raw dump)."""
    import_modules(args.modules)
    import orjson

    conn = connect(args.db)
    rows = conn.execute(
        "SELECT handle, id, kind, name, private FROM entity ORDER BY name_folded, id"
    ).fetchall()
    data = [{**dict(r), "private": bool(r["private"])} for r in rows]
    sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode() + "\n")


def import_json(args: argparse.Namespace) -> None:
    """json.load a bundle and executemany its rows into an empty case file in one transaction."""
    with open(args.bundle, encoding="utf-8") as handle:
        bundle = json.load(handle)
    conn = connect(args.db)
    conn.execute("BEGIN IMMEDIATE")
    for table, rows in bundle_rows(conn, bundle):
        if not rows:
            continue
        names = sorted({name for row in rows for name in row})
        conn.executemany(
            f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})',
            [tuple(r.get(n) for n in names) for r in rows],
        )
    conn.execute("COMMIT")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(required=True)
    p = sub.add_parser("search")
    p.add_argument("db")
    p.add_argument("query")
    p.add_argument("--modules")
    p.set_defaults(func=search)
    p = sub.add_parser("list")
    p.add_argument("db")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--after-folded")
    p.add_argument("--after-id")
    p.add_argument("--modules")
    p.set_defaults(func=list_page)
    p = sub.add_parser("list-all")
    p.add_argument("db")
    p.add_argument("--modules")
    p.set_defaults(func=list_all)
    p = sub.add_parser("show")
    p.add_argument("db")
    p.add_argument("handle")
    p.add_argument("--modules")
    p.set_defaults(func=show)
    p = sub.add_parser("export-json")
    p.add_argument("db")
    p.add_argument("out")
    p.set_defaults(func=export_json)
    p = sub.add_parser("export-markdown")
    p.add_argument("db")
    p.add_argument("out")
    p.set_defaults(func=export_markdown)
    p = sub.add_parser("import-json")
    p.add_argument("bundle")
    p.add_argument("db")
    p.set_defaults(func=import_json)
    args = parser.parse_args()
    os.umask(0o077)
    args.func(args)


if __name__ == "__main__":
    main()
