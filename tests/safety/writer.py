"""A real writing process for the concurrency, crash and live-backup tests.

    python tests/safety/writer.py cli-loop DB PREFIX COUNT   # COUNT real ``casefile add`` runs
    python tests/safety/writer.py bulk DB ROWS CHUNK          # one huge transaction, reports chunks
    python tests/safety/writer.py keep-writing DB             # one add per transaction until stdin closes

Every mode waits for a line on stdin before it starts, so several writers start together.
Progress goes to stdout one line at a time (flushed), for the test to wait on.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def cli_loop(db: str, prefix: str, count: int) -> None:
    """Run ``casefile add person`` COUNT times through the real CLI entry point."""
    from casefile.cli.app import app

    sys.stdin.readline()
    failures: list[str] = []
    for i in range(count):
        err = io.StringIO()
        code: object = 0
        with contextlib.redirect_stderr(err):
            try:
                app(["--db", db, "add", "person", f"{prefix} {i}", "--tag", prefix], prog_name="casefile")
            except SystemExit as exc:
                code = exc.code
        if code not in (0, None):
            failures.append(f"{code}: {err.getvalue().strip()}")
    _say(json.dumps({"done": count, "failures": failures}))


def bulk(db_target: str, rows: int, chunk: int) -> None:
    """Insert ROWS people with big summaries in ONE transaction, reporting each chunk."""
    from sqlalchemy import insert, text

    from casefile.names import casefold_exact, fold
    from casefile.services.clock import new_id, now_iso
    from casefile.storage.engine import open_database
    from casefile.storage.tables import Entity

    db = open_database(db_target)
    sys.stdin.readline()

    def write(session: object) -> None:
        conn = session.connection()  # type: ignore[attr-defined]
        first = conn.execute(
            text(
                "UPDATE handle_counter SET next_value = next_value + :n WHERE prefix = 'P' "
                "RETURNING next_value - :n"
            ),
            {"n": rows},
        ).scalar_one()
        conn.exec_driver_sql("PRAGMA cache_size = -500")  # a small cache: pages spill into the WAL early
        stamp = now_iso()
        for start in range(0, rows, chunk):
            batch = []
            for i in range(start, min(rows, start + chunk)):
                name = f"Bulk person {i:06d}"
                batch.append(
                    {
                        "id": new_id(),
                        "handle": f"P{first + i}",
                        "kind": "person",
                        "name": name,
                        "name_folded": fold(name),
                        "name_exact": casefold_exact(name),
                        "summary": f"Summary {i} " + "x" * 2000,
                        "private": False,
                        "created": stamp,
                        "updated": stamp,
                    }
                )
            conn.execute(insert(Entity), batch)
            _say(f"chunk {start // chunk + 1}")

    db.write(write)
    db.dispose()
    _say("committed")


def keep_writing(db_target: str) -> None:
    """One small transaction after another until the test closes stdin."""
    import select

    from casefile.services.entities import add_entity
    from casefile.services.fields import EntityFields
    from casefile.storage.engine import open_database

    db = open_database(db_target)
    sys.stdin.readline()
    i = 0
    while True:
        ready, _, _ = select.select([sys.stdin], [], [], 0)
        if ready and not sys.stdin.readline():
            break
        db.write(lambda s, n=i: add_entity(s, kind="person", data=EntityFields(name=f"Live {n}")))
        i += 1
        _say(f"wrote {i}")
    db.dispose()


if __name__ == "__main__":
    mode, target, *rest = sys.argv[1:]
    if mode == "cli-loop":
        cli_loop(target, rest[0], int(rest[1]))
    elif mode == "bulk":
        bulk(target, int(rest[0]), int(rest[1]))
    elif mode == "keep-writing":
        keep_writing(target)
    else:
        raise SystemExit(f"unknown mode {mode}")
