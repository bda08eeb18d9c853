"""What an import did: per-section counts and the handles that had to change."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Counts:
    """What happened to the records of one section."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # the case file's copy is as new or newer: kept


@dataclass(frozen=True, slots=True)
class Renamed:
    """A new record whose handle was taken by another record here."""

    section: str
    id: str
    wanted: str
    handle: str


@dataclass
class ImportSummary:
    """Per-section counts and the handles that had to change."""

    counts: dict[str, Counts]
    renamed: list[Renamed] = field(default_factory=list)
    dry_run: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "counts": {k: asdict(v) for k, v in self.counts.items()},
            "renamed": [asdict(r) for r in self.renamed],
        }
