"""Attachments: the size limit of a stored file, and reading or writing one through ``safe_files``.

``safe_files`` is the one mechanism (regular files only, never a FIFO, device or folder;
owner-only writes that never rename over a special file); this module adds the attachment
size limit (``CASEFILE_MAX_ATTACHMENT``, 50 MB by default) and its sentence.
"""

from __future__ import annotations

import os

from casefile.errors import InvalidInput
from casefile.text import one_line

MAX_ATTACHMENT_ENV = "CASEFILE_MAX_ATTACHMENT"
DEFAULT_MAX_ATTACHMENT = 50 * 1024 * 1024
_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}


def max_attachment() -> int:
    """The size limit of a stored file in bytes: ``CASEFILE_MAX_ATTACHMENT`` (e.g. ``80MB``) or 50 MB."""
    raw = os.environ.get(MAX_ATTACHMENT_ENV, "").strip().lower()
    if not raw:
        return DEFAULT_MAX_ATTACHMENT
    number = raw.rstrip("kmgb ")
    unit = raw[len(number) :].strip()
    try:
        value = int(float(number) * _UNITS[unit])
    except (ValueError, KeyError):
        raise InvalidInput(
            f"{MAX_ATTACHMENT_ENV}='{one_line(raw, 40)}' is not a size; use bytes or a size such as 80MB."
        ) from None
    if value <= 0:
        raise InvalidInput(f"{MAX_ATTACHMENT_ENV} must be larger than zero.")
    return value


def _size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size:,} bytes"


def read_user_file(path_text: str, *, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path_text``, at most ``limit`` of them, or one sentence why not."""
    from casefile.safe_files import check_named, open_regular

    limit = max_attachment() if limit is None else limit
    path = check_named(path_text, "file")
    with open_regular(path, what="file") as handle:
        data = handle.read(limit + 1)  # never more than the limit in memory, however big the file
    if len(data) > limit:
        size = path.stat().st_size
        raise InvalidInput(
            f"'{one_line(path_text, 120)}' is {_size_text(max(size, len(data)))}, over the "
            f"{_size_text(limit)} limit (set {MAX_ATTACHMENT_ENV} to raise it)."
        )
    return data


def write_private_bytes(path_text: str, data: bytes) -> None:
    """Write ``data`` to ``path_text`` owner-only (0600), through the one safe writer."""
    from casefile.safe_files import check_named, write_bytes

    write_bytes(check_named(path_text, "file"), data)
