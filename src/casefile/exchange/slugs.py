"""Safe, stable file names for dossiers: ASCII slugs, unique within a folder.

A slug holds only ``a-z``, ``0-9`` and single hyphens, so no name (``../../x``,
``/etc/passwd``, ``CON``, NUL, newlines, 300 characters) can leave the vault folder
or trip a file system. Names that share a slug keep it for the oldest record; the
others get their handle appended.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MAX_SLUG = 80
FOLDERS = {
    "person": "people",
    "organization": "organizations",
    "place": "places",
    "source": "sources",
    "event": "events",
}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Names Windows will not create whatever the extension (casefile vaults travel).
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "index"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)


def slugify(name: str, fallback: str) -> str:
    """``'Ціханоўская'`` -> ``'tsikhanouskaya'``; ``fallback`` when nothing is left."""
    from anyascii import anyascii

    ascii_text = anyascii(name).lower()
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rstrip("-")
    if not slug:
        slug = fallback.lower()
    if slug in _RESERVED:
        slug = f"{slug}-{fallback.lower()}"
    return slug


@dataclass(frozen=True, slots=True)
class Named:
    """What a slug is made from: the record's id, kind, name, handle and creation time."""

    id: str
    kind: str
    name: str
    handle: str
    created: str


def assign_slugs(records: Iterable[Named]) -> dict[str, str]:
    """``id -> folder/slug`` for every record, unique per folder, stable as records are added."""
    ordered = sorted(records, key=lambda r: (r.created, r.id))
    taken: set[str] = set()
    out: dict[str, str] = {}
    for record in ordered:
        folder = FOLDERS[record.kind]
        base = slugify(record.name, record.handle)
        for candidate in (base, f"{base}-{record.handle.lower()}", f"{base}-{record.id[:8]}", record.id):
            path = f"{folder}/{candidate}"
            if path not in taken:
                break
        taken.add(path)
        out[record.id] = path
    return out
