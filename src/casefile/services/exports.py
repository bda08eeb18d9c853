"""Exports for both faces (CLI and TUI): REFs are resolved here, the exchange writers get ids."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from sqlmodel import Session

from casefile.errors import InvalidInput
from casefile.exchange import markdown_vault
from casefile.exchange.bundle_merge import Progress
from casefile.exchange.json_bundle import count_records, write_bundle
from casefile.exchange.markdown_vault import VaultReport
from casefile.exchange.selection import select_dossiers
from casefile.services.refs import resolve_entity
from casefile.storage.database import Database
from casefile.text import one_line

ProgressStart = Callable[[int], Progress]


def dossier_ids(session: Session, refs: Sequence[str], *, include_private: bool) -> list[str]:
    """The ids of the entities named by ``refs``; a private one only with ``include_private``."""
    ids: list[str] = []
    for ref in refs:
        entity = resolve_entity(session, ref)
        if entity.private and not include_private:
            raise InvalidInput(
                f"{entity.handle} {one_line(entity.name, 60)} is private; add --include-private to export it."
            )
        ids.append(entity.id)
    return ids


def write_json(
    session: Session,
    out: IO[str],
    refs: Sequence[str] = (),
    *,
    include_private: bool = False,
    progress_start: ProgressStart | None = None,
) -> dict[str, int]:
    """Write the bundle of the whole case file (or of ``refs``) to ``out``; counts per section."""
    ids = dossier_ids(session, refs, include_private=include_private)
    selection = select_dossiers(session, ids, include_private=include_private)
    progress = None
    if progress_start is not None:
        progress = progress_start(sum(count_records(session, selection).values()))
    return write_bundle(session, out, selection, progress)


def export_json(
    db: Database,
    out: IO[str],
    refs: Sequence[str] = (),
    *,
    include_private: bool = False,
    progress_start: ProgressStart | None = None,
) -> dict[str, int]:
    """:func:`write_json` in one read transaction (one snapshot on every backend)."""
    return db.read(
        lambda s: write_json(s, out, refs, include_private=include_private, progress_start=progress_start)
    )


def dossier_markdown(session: Session, ref: str, *, include_private: bool = False) -> str:
    """One dossier as Markdown (for stdout); its links name the paths of a full vault."""
    [entity_id] = dossier_ids(session, [ref], include_private=include_private)
    return markdown_vault.dossier_markdown(session, entity_id, include_private=include_private)


def export_vault(
    session: Session,
    folder: Path,
    refs: Sequence[str] = (),
    *,
    include_private: bool = False,
    progress_start: ProgressStart | None = None,
) -> VaultReport:
    """Write the vault of the whole case file (or of ``refs``) into ``folder``."""
    ids = dossier_ids(session, refs, include_private=include_private)
    return markdown_vault.export_vault(
        session, folder, ids, include_private=include_private, progress_start=progress_start
    )
