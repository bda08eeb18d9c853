"""Many writers on one case file at once: nothing lost, no handle given twice, no error shown.

These run on both backends; on PostgreSQL they are the team's situation (several
researchers adding records to one server at the same moment).
"""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import CliResult, run_casefile

PROCESSES = 5
COMMANDS_PER_PROCESS = 2
THREADS = 8
WRITES_PER_THREAD = 15


@pytest.mark.slow
def test_real_processes_adding_at_once_lose_nothing_and_share_no_handle(case_db):
    # The case file is not created beforehand: the first processes also race to create the schema.
    start = threading.Barrier(PROCESSES)

    def worker(n: int) -> list[CliResult]:
        start.wait()
        return [
            run_casefile("add", "person", f"Researcher {n}-{i}", "--tag", f"team {n}", "--json", db=case_db)
            for i in range(COMMANDS_PER_PROCESS)
        ]

    with ThreadPoolExecutor(PROCESSES) as pool:
        results = [r for batch in pool.map(worker, range(PROCESSES)) for r in batch]

    assert [r.stderr for r in results if r.exit_code != 0] == []
    added = [r.json() for r in results]
    handles = [item["handle"] for item in added]
    assert len(set(handles)) == PROCESSES * COMMANDS_PER_PROCESS
    assert sorted(handles) == sorted(f"P{i}" for i in range(1, len(handles) + 1))

    listed = run_casefile("list", "--json", db=case_db)
    assert listed.exit_code == 0, listed.stderr
    assert {item["handle"]: item["name"] for item in listed.json()} == {
        item["handle"]: item["name"] for item in added
    }
    for n in range(PROCESSES):
        tagged = run_casefile("list", "--tag", f"team {n}", "--json", db=case_db).json()
        assert len(tagged) == COMMANDS_PER_PROCESS


def test_threads_writing_entities_links_and_notes_at_once_lose_nothing(case_db):
    from casefile.services.entities import add_entity
    from casefile.services.fields import EntityFields
    from casefile.services.links import add_link
    from casefile.services.notes import add_note
    from casefile.storage.engine import open_database

    db = open_database(case_db)
    hub = db.write(lambda s: add_entity(s, kind="organization", data=EntityFields(name="Hub")))
    start = threading.Barrier(THREADS)

    def worker(n: int) -> list[str]:
        start.wait()
        made: list[str] = []
        for i in range(WRITES_PER_THREAD):
            person = db.write(
                lambda s, i=i: add_entity(s, kind="person", data=EntityFields(name=f"Writer {n}-{i}"))
            )
            link = db.write(
                lambda s, p=person: add_link(s, source_ref=p.handle, target_ref=hub.handle, role="member of")
            )
            note = db.write(lambda s, p=person: add_note(s, target_ref=p.handle, body=f"note by {n}").handle)
            made += [person.handle, link.handle, note]
        return made

    try:
        with ThreadPoolExecutor(THREADS) as pool:
            handles = [h for batch in pool.map(worker, range(THREADS)) for h in batch]
        total = THREADS * WRITES_PER_THREAD
        assert len(handles) == len(set(handles)) == 3 * total
        for prefix in ("P", "L", "N"):
            numbers = sorted(int(m[1]) for h in handles if (m := re.fullmatch(rf"{prefix}(\d+)", h)))
            assert numbers == list(range(1, total + 1))

        from sqlalchemy import func, select

        from casefile.storage.tables import Entity, Link, Note

        def counts(session):
            return [
                session.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (Entity, Link, Note)
            ]

        assert db.read(counts) == [total + 1, total, total]
    finally:
        db.dispose()
