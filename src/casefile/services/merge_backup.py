"""A copy of the case file taken before a merge, so the merge can be undone (CLI and TUI)."""

from __future__ import annotations

from datetime import UTC, datetime

from casefile.storage.engine import Database


def backup_before_merge(db: Database) -> str | None:
    """A verified copy of a SQLite case file next to it, or a pg_dump of a server one (None without pg_dump)."""
    from casefile.services.backup import backup

    if not db.is_sqlite or db.path is None:
        from casefile.services.server_backup import safety_dump

        return safety_dump(db, "before-merge")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return backup(db, db.path.with_name(f"{db.path.name}.before-merge-{stamp}.bak")).path
