"""An edit based on a version that changed meanwhile is refused, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from casefile.errors import RecordChanged
from casefile.services.entities import EntityEdit, add_entity, edit_entity
from casefile.services.fields import EntityFields
from casefile.storage.engine import open_database
from tests.conftest import BACKEND, Cli, run_casefile


def _person(target: str) -> tuple[str, str]:
    db = open_database(target)
    try:
        ref = db.write(
            lambda s: add_entity(s, kind="person", data=EntityFields(name="Ann", status="detained"))
        )
        from casefile.services.dossier import load_dossier

        return ref.handle, db.read(lambda s: load_dossier(s, ref=ref.handle)).updated
    finally:
        db.dispose()


def test_second_edit_from_the_same_version_is_refused(case_db: str) -> None:
    handle, seen = _person(case_db)
    db = open_database(case_db)
    try:
        first = EntityEdit(EntityFields(status="released"), expected_updated=seen)
        db.write(lambda s: edit_entity(s, ref=handle, edit=first))
        second = EntityEdit(EntityFields(status="in exile"), expected_updated=seen)
        with pytest.raises(RecordChanged, match="was changed by someone else"):
            db.write(lambda s: edit_entity(s, ref=handle, edit=second))
    finally:
        db.dispose()
    assert Cli(case_db).json("show", handle)["status"] == "released"


def test_racing_writers_one_blocks_then_is_refused(case_db: str) -> None:
    """Writer A holds the row; B's guarded UPDATE waits, then matches nothing once A commits."""
    handle, seen = _person(case_db)
    a_db, b_db = open_database(case_db), open_database(case_db)
    a_has_row, a_may_commit = threading.Event(), threading.Event()
    outcome: dict[str, Any] = {}

    def writer_a(session: Any) -> None:
        edit_entity(
            session, ref=handle, edit=EntityEdit(EntityFields(status="released"), expected_updated=seen)
        )
        session.flush()
        a_has_row.set()
        assert a_may_commit.wait(30)

    def run_b() -> None:
        try:
            b_db.write(
                lambda s: edit_entity(
                    s, ref=handle, edit=EntityEdit(EntityFields(status="in exile"), expected_updated=seen)
                )
            )
            outcome["b"] = "saved"
        except RecordChanged as exc:
            outcome["b"] = str(exc)

    try:
        a = threading.Thread(target=lambda: a_db.write(writer_a))
        a.start()
        assert a_has_row.wait(30)
        b = threading.Thread(target=run_b)
        b.start()
        b.join(0.5 if BACKEND == "postgres" else 0)  # B is blocked on A's lock (or on BEGIN IMMEDIATE)
        a_may_commit.set()
        a.join(30)
        b.join(60)
    finally:
        a_db.dispose()
        b_db.dispose()
    assert "was changed by someone else" in outcome["b"]
    assert Cli(case_db).json("show", handle)["status"] == "released"


def test_cli_edits_in_two_processes_both_land(case_db: str) -> None:
    """The CLI reads and writes in one transaction: concurrent edits of different fields both stay."""
    handle, _ = _person(case_db)
    results: list[Any] = []
    threads = [
        threading.Thread(target=lambda a=args: results.append(run_casefile("edit", handle, *a, db=case_db)))
        for args in (["--status", "in exile"], ["--born", "1982"])
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert [r.exit_code for r in results] == [0, 0], [r.stderr for r in results]
    shown = Cli(case_db).json("show", handle)
    assert (shown["status"], shown["born"]) == ("in exile", "1982")
