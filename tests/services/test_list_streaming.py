"""``list --json`` of every row streams: memory stays flat as the case file grows."""

from __future__ import annotations

import io
import json
import tracemalloc
import uuid
from pathlib import Path
from typing import Any

from casefile.jsonout import write_pretty_array
from casefile.services.entities import iter_entities
from casefile.storage.engine import open_database
from tests.conftest import Cli


def _import_people(cli: Cli, tmp_path: Path, start: int, count: int) -> None:
    stamp = "2026-01-01T00:00:00.000000Z"
    people = [
        {
            "id": str(uuid.UUID(int=i + 1)),
            "handle": f"P{i + 1}",
            "kind": "person",
            "name": f"Person {i:06d} Ціханоўская",
            "private": False,
            "summary": "",
            "created": stamp,
            "updated": stamp,
            "aliases": [],
            "tags": [],
        }
        for i in range(start, start + count)
    ]
    rest = {key: [] for key in ("links", "notes", "claims", "citations", "claim_resolutions")}
    bundle = tmp_path / f"people-{start}.json"
    bundle.write_text(json.dumps({"format": "casefile", "version": 1, "entities": people, **rest}))
    cli.ok("import", "json", str(bundle))


class _Sink(io.TextIOBase):
    """Counts what is written and keeps none of it, as a pipe to another process would."""

    def __init__(self) -> None:
        self.chars = 0

    def write(self, text: str) -> int:
        self.chars += len(text)
        return len(text)


def _peak_while_listing(target: str) -> tuple[int, int]:
    db = open_database(target)
    sink = _Sink()
    try:

        def dump(session: Any) -> None:
            write_pretty_array(sink, (ref.to_json() for ref in iter_entities(session)))

        db.read(dump)  # warm: compiled statements and caches are not what is measured
        tracemalloc.start()
        try:
            db.read(dump)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    finally:
        db.dispose()
    return peak, sink.chars


def test_listing_every_row_keeps_memory_flat_as_the_file_grows(cli: Cli, tmp_path: Path) -> None:
    _import_people(cli, tmp_path, 0, 4000)
    small_peak, small_chars = _peak_while_listing(cli.db)
    _import_people(cli, tmp_path, 4000, 16000)
    big_peak, big_chars = _peak_while_listing(cli.db)
    assert big_chars > 4.5 * small_chars  # five times the rows were really written
    # Holding every row (or the whole text) would cost five times the memory; a stream costs the same.
    assert big_peak < 1.3 * small_peak, (small_peak, big_peak)


def test_a_uuid_heavy_listing_never_takes_the_slow_encoder(monkeypatch: Any) -> None:
    import casefile.jsonout as jsonout

    def refuse(data: Any) -> str:
        raise AssertionError("fell back to the pure-Python encoder")

    monkeypatch.setattr(jsonout, "_stdlib_pretty", refuse)
    rows = [{"id": str(uuid.UUID(int=i * 7919)), "name": "4b7e-9 3e-4a"} for i in range(3000)]
    rows.append({"id": "0000-4b7e-9818-3e-4", "name": "x"})
    text = jsonout.pretty(rows)
    assert text == json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
