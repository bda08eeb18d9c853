"""Opening a case file twice in one process must not drop the first engine's SQLite locks.

Closing any descriptor of a file releases every POSIX lock the process holds on it, so
casefile must never reopen the header of a file it already has open.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from casefile.storage import encryption
from casefile.storage.engine import open_database
from tests.conftest import sqlite_only


@sqlite_only("POSIX file locks are about SQLite files")
def test_second_open_in_process_does_not_reread_an_open_file(case_db: str, monkeypatch) -> None:
    first = open_database(case_db)
    reads: list[Path] = []
    real_open = Path.open

    def spy(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self == Path(case_db):
            reads.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy)
    try:
        with first.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            second = open_database(case_db)
            second.dispose()
        assert reads == []
        assert encryption.is_encrypted(Path(case_db)) is False
    finally:
        first.dispose()
    assert encryption._identity(Path(case_db)) not in encryption._OPEN_FILES
