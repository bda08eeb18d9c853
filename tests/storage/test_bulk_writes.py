"""Bulk writes (imports) skip SQLite's per-row foreign-key checks and check once at the end."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import insert
from sqlmodel import Session

from casefile.errors import StorageError
from casefile.storage.engine import check_foreign_keys, open_database
from casefile.storage.tables import Alias
from tests.conftest import snapshot_database

STAMP = "2025-06-21T10:00:00.000000Z"


def _orphan_alias(session: Session) -> None:
    session.execute(
        insert(Alias.__table__),  # type: ignore[attr-defined]
        [
            {
                "id": str(uuid.uuid4()),
                "entity_id": str(uuid.uuid4()),  # no such entity
                "name": "Nobody",
                "name_folded": "nobody",
                "name_exact": "nobody",
                "kind": "alias",
                "created": STAMP,
                "updated": STAMP,
            }
        ],
    )


def test_a_bulk_write_with_a_dangling_reference_is_refused_and_writes_nothing(case_db: str) -> None:
    db = open_database(case_db)
    before = snapshot_database(case_db)

    def action(session: Session) -> None:
        _orphan_alias(session)
        check_foreign_keys(session.connection())

    with pytest.raises(StorageError) as refused:
        db.write(action, bulk=True)
        # PostgreSQL checks every row itself: the insert fails there, as a storage error too.
    assert "nothing was written" in refused.value.message or db.engine.dialect.name != "sqlite"
    assert snapshot_database(case_db) == before


def test_ordinary_writes_check_foreign_keys_again_after_a_bulk_one(case_db: str) -> None:
    db = open_database(case_db)
    db.write(lambda session: check_foreign_keys(session.connection()), bulk=True)
    before = snapshot_database(case_db)
    with pytest.raises(StorageError):
        db.write(_orphan_alias)  # the same pooled connection: per-row checks are back on
    assert snapshot_database(case_db) == before
