"""Waiting for what a process writes: woken by the kernel, never by a timer.

inotify reports each write to a file in the watched folder and a pidfd reports the process's
end, so the test looks again exactly when something changed and stops as soon as the process
is gone. Linux only, like the kill tests that use it.
"""

from __future__ import annotations

import ctypes
import os
import select
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_IN_MODIFY = 0x00000002
_IN_CREATE = 0x00000100


def wait_for(
    condition: Callable[[], bool], folder: Path, proc: subprocess.Popen[Any], what: str, timeout: float = 120
) -> bool:
    """True once ``condition()`` holds, looked at after each write in ``folder``; False if ``proc`` ends first."""
    libc = ctypes.CDLL(None, use_errno=True)
    events = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
    if events < 0:
        raise OSError(ctypes.get_errno(), "inotify_init1 failed")
    try:
        ended = os.pidfd_open(proc.pid)
    except BaseException:
        os.close(events)
        raise
    try:
        # Watch first, then look: a write between the two still wakes the select below.
        if libc.inotify_add_watch(events, os.fsencode(folder), _IN_MODIFY | _IN_CREATE) < 0:
            raise OSError(ctypes.get_errno(), f"cannot watch {folder}")
        deadline = time.monotonic() + timeout
        while True:
            if condition():
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"gave up waiting for {what} after {timeout} s")
            ready, _, _ = select.select([events, ended], [], [], remaining)
            if ended in ready:
                return condition()
            while True:  # drain what the kernel queued; the next look is at the files themselves
                try:
                    os.read(events, 65536)
                except BlockingIOError:
                    break
    finally:
        os.close(ended)
        os.close(events)


def wait_for_size(path: Path, at_least: int, proc: subprocess.Popen[Any], timeout: float = 120) -> bool:
    """True once ``path`` holds ``at_least`` bytes while ``proc`` runs; False if ``proc`` ends first."""
    return wait_for(
        lambda: path.exists() and path.stat().st_size >= at_least,
        path.parent,
        proc,
        f"{path.name} to reach {at_least} bytes",
        timeout,
    )
