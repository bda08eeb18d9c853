"""Reading a user's file into memory safely, and writing bytes back owner-only.

Input files are read only when they are regular files (never a FIFO, a device or a
folder, which could block or never end) and only up to a size limit, so a mistaken
path cannot hang casefile or fill its memory. One function reads, one writes: swap
them, not their callers.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

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
    shown = one_line(path_text, 120)
    limit = max_attachment() if limit is None else limit
    path = Path(path_text).expanduser()
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; we refuse it just below.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InvalidInput(f"There is no file '{shown}'.") from None
    except IsADirectoryError:
        raise InvalidInput(f"'{shown}' is a folder, not a file.") from None
    except PermissionError:
        raise InvalidInput(f"casefile cannot read '{shown}'; check its permissions.") from None
    except OSError as exc:
        raise InvalidInput(f"casefile cannot read '{shown}': {exc.strerror or 'unknown error'}.") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InvalidInput(f"'{shown}' is a folder, not a file.")
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput(f"'{shown}' is not a regular file (a pipe, device or socket); give a file.")
        if info.st_size > limit:
            raise InvalidInput(
                f"'{shown}' is {_size_text(info.st_size)}, over the {_size_text(limit)} limit "
                f"(set {MAX_ATTACHMENT_ENV} to raise it)."
            )
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > limit:  # the file grew while we read it
                raise InvalidInput(f"'{shown}' is over the {_size_text(limit)} limit.")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InvalidInput(f"casefile cannot read '{shown}': {exc.strerror or 'unknown error'}.") from None
    finally:
        os.close(fd)


def write_private_bytes(path_text: str, data: bytes) -> None:
    """Write ``data`` to ``path_text`` atomically, 0600: a temporary file beside it, renamed."""
    target = Path(path_text).expanduser()
    shown = one_line(path_text, 120)
    if target.is_dir():
        raise InvalidInput(f"'{shown}' is a folder; give a file name.")
    if target.exists() and not target.is_file():
        raise InvalidInput(f"'{shown}' is not a regular file; casefile writes only regular files.")
    folder = target.parent
    if not folder.is_dir():
        raise InvalidInput(f"There is no folder '{one_line(str(folder), 120)}' to write in.")
    try:
        fd, temp = tempfile.mkstemp(prefix=".casefile-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InvalidInput(
            f"casefile cannot write in '{one_line(str(folder), 120)}': {exc.strerror}."
        ) from None
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
