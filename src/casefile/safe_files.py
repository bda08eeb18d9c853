"""The one way casefile writes and reads user-named files.

Writing: a regular file (or a new name) is written to a temporary file beside it,
created 0600, and renamed over it at the end; a FIFO or a character device (a pipe,
``/dev/stdout``) is written as a stream and never renamed over; anything else (a
socket, a block device, a folder) is refused. Reading: only regular files are read,
up to a size bound, so a FIFO or ``/dev/zero`` can never make casefile hang.
Temporary files carry one name pattern (``.casefile-PID-….tmp``) so leftovers of a
killed process can be recognised and removed (``remove_leftovers``).
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO

from casefile.errors import InvalidInput, StorageError
from casefile.text import one_line

TEMP_PREFIX = ".casefile-"
TEMP_SUFFIX = ".tmp"
# ``.casefile-<pid>-<random>.tmp``, and the older ``.<name>.<action>-<pid>.tmp`` of conversions.
_TEMP_RE = re.compile(
    r"^(?:\.casefile-(?P<pid>\d+)-[0-9a-f]+|\..+\.(?:decrypt|encrypt|rekey)-(?P<old>\d+))"
    r"\.tmp(?:-journal|-wal|-shm)?$"
)
READ_LIMIT = 1 << 30  # 1 GiB: attachments are hashed in chunks, bundles read whole at most
_STREAM_KINDS = (stat.S_ISFIFO, stat.S_ISCHR)


def shown(path: Path | str) -> str:
    """A path as it may appear in a one-line sentence."""
    return one_line(str(path), 120)


def check_named(text: str, what: str = "file") -> Path:
    """A user-typed path, refusing an empty one (it would mean the current folder)."""
    if not text.strip():
        raise InvalidInput(f"An empty path names no {what}; give a {what} name.")
    return Path(text).expanduser()


def os_sentence(path: Path | str, exc: OSError, doing: str) -> StorageError:
    """One sentence for an ``OSError`` met while ``doing`` (``write``, ``read``...) ``path``."""
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageError(f"casefile cannot {doing} '{shown(path)}': permission denied.")
    reason = (exc.strerror or type(exc).__name__).rstrip(".")
    return StorageError(f"casefile cannot {doing} '{shown(path)}': {reason}.")


def temp_name(folder: Path) -> Path:
    """A fresh temporary name in ``folder`` that ``remove_leftovers`` recognises."""
    return folder / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(6)}{TEMP_SUFFIX}"


def _kind(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise os_sentence(path, exc, "reach") from exc


@contextmanager
def private_output(path: Path, *, binary: bool = False, what: str = "file") -> Iterator[IO[str] | BinaryIO]:
    """Write ``path``: a regular file atomically (temp + rename, 0600), a FIFO or device as a stream."""
    target = path.expanduser()
    info = _kind(target)
    if info is not None and any(test(info.st_mode) for test in _STREAM_KINDS):
        with _stream(target, binary) as out:
            yield out
        return
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise InvalidInput(f"'{shown(path)}' is {kind}; give a file name for the {what}.")
    folder = target.parent
    if not folder.is_dir():
        raise InvalidInput(f"There is no folder '{shown(folder)}' to write the {what} in.")
    temp = temp_name(folder)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError as exc:
        raise os_sentence(folder, exc, "write into") from exc
    try:
        os.fchmod(fd, 0o600)
        handle: IO[Any] = (
            os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        )
        with handle:
            yield handle
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise os_sentence(path, exc, "write") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@contextmanager
def _stream(target: Path, binary: bool) -> Iterator[IO[str] | BinaryIO]:
    """A FIFO or device opened for writing, never replaced; a FIFO without a reader is refused."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise InvalidInput(
                f"Nothing is reading from the pipe '{shown(target)}'; nothing was written."
            ) from exc
        raise os_sentence(target, exc, "write") from exc
    os.set_blocking(fd, True)
    try:
        out: IO[Any] = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8")
        with out:
            yield out
    except OSError as exc:
        raise os_sentence(target, exc, "write") from exc


def write_bytes(path: Path, data: bytes) -> None:
    """``private_output`` for a whole bytes value."""
    with private_output(path, binary=True) as out:
        out.write(data)  # type: ignore[arg-type]


@contextmanager
def open_regular(path: Path, *, limit: int = READ_LIMIT, what: str = "file") -> Iterator[BinaryIO]:
    """Open ``path`` for reading only if it is a regular file no larger than ``limit``."""
    target = path.expanduser()
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer before casefile can refuse it.
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as exc:
        raise InvalidInput(f"There is no file '{shown(path)}'.") from exc
    except IsADirectoryError as exc:
        raise InvalidInput(f"'{shown(path)}' is a folder, not a {what}.") from exc
    except OSError as exc:
        raise os_sentence(path, exc, "read") from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InvalidInput(f"'{shown(path)}' is a folder, not a {what}.")
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput(
                f"'{shown(path)}' is not a regular file (a pipe, device or socket); casefile reads only regular files."
            )
        if info.st_size > limit:
            raise InvalidInput(f"'{shown(path)}' is larger than casefile reads ({limit >> 20} MB).")
        os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        try:
            yield handle
        except OSError as exc:
            raise os_sentence(path, exc, "read") from exc


def read_regular(path: Path, *, limit: int = READ_LIMIT, what: str = "file") -> bytes:
    """The bytes of a regular file (see ``open_regular``)."""
    with open_regular(path, limit=limit, what=what) as handle:
        return handle.read(limit + 1)[: limit + 1]


def sha256_regular(path: Path, *, limit: int = READ_LIMIT) -> str:
    """SHA-256 of a regular file, read in chunks; never reads more than ``limit`` bytes."""
    import hashlib

    hasher = hashlib.sha256()
    with open_regular(path, limit=limit) as handle:
        read = 0
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            read += len(chunk)
            if read > limit:  # the file grew while it was read
                raise InvalidInput(f"'{shown(path)}' is larger than casefile reads ({limit >> 20} MB).")
            hasher.update(chunk)
    return hasher.hexdigest()


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def leftovers(folder: Path) -> list[Path]:
    """Temporary files a casefile process left in ``folder`` and whose process is gone."""
    found: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return found
    for name in names:
        match = _TEMP_RE.match(name)
        if match is None:
            continue
        pid = match.group("pid") or match.group("old")
        if pid is not None and _pid_alive(int(pid)):
            continue
        path = folder / name
        try:
            if stat.S_ISREG(path.lstat().st_mode):
                found.append(path)
        except OSError:
            continue
    return sorted(found)


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove ``leftovers(folder)``; the paths removed."""
    removed = []
    for path in leftovers(folder):
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def publish_copy(source_fd: int, target: Path) -> None:
    """Copy the (unlinked) file open as ``source_fd`` over ``target``, atomically.

    The copy is made in an anonymous ``O_TMPFILE`` inode and given a name only once it is
    complete, just before the rename. Where the file system cannot link such an inode, a
    named temporary file is used (removed on failure, found by ``remove_leftovers`` after
    a kill): the copy of an already verified file takes a moment, not the whole rewrite.
    """
    folder = target.parent
    name = temp_name(folder)
    try:
        try:
            out = os.open(folder, os.O_TMPFILE | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), 0o600)
        except (AttributeError, OSError):
            out = -1
        if out >= 0:
            try:
                _copy_fd(source_fd, out)
                _link_anonymous(out, name)
            except OSError:
                name.unlink(missing_ok=True)
                os.close(out)
                out = -1
            else:
                os.close(out)
        if out < 0:
            out = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
            try:
                _copy_fd(source_fd, out)
            finally:
                os.close(out)
        os.replace(name, target)
    except BaseException:
        name.unlink(missing_ok=True)
        raise


def _copy_fd(source_fd: int, out: int) -> None:
    os.fchmod(out, 0o600)
    size = os.fstat(source_fd).st_size
    offset = 0
    while offset < size:
        sent = os.sendfile(out, source_fd, offset, size - offset)
        if sent == 0:
            break
        offset += sent
    os.fsync(out)


def _link_anonymous(fd: int, name: Path) -> None:
    """Give the ``O_TMPFILE`` inode ``fd`` the name ``name`` (``linkat``, two ways)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    at_fdcwd, at_empty_path = -100, 0x1000
    if libc.linkat(fd, b"", at_fdcwd, os.fsencode(name), at_empty_path) == 0:
        return
    os.link(f"/proc/self/fd/{fd}", name, follow_symlinks=True)  # without CAP_DAC_READ_SEARCH
